package tsa.admin.coach.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tsa.admin.client.CoachServiceClient;
import tsa.admin.client.CoachServiceClient.Coach;
import tsa.runtime.audit.AdminAction;
import tsa.runtime.audit.AdminAuditTrail;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.problem.ProblemException;

/**
 * Admins list coaches by status and enable or disable them. coach-service owns profiles, so both go through its
 * internal operations; the status change is audited here, with the profile before and after. sync-service mirrors
 * the status into the coach's {@code users} row.
 */
@ApplicationScoped
public class CoachAdministration {

    static final Set<String> STATUSES = Set.of("active", "inactive", "pending");

    private final CoachServiceClient coachService;
    private final AdminAuditTrail audit;

    @Inject
    public CoachAdministration(CoachServiceClient coachService, AdminAuditTrail audit) {
        this.coachService = coachService;
        this.audit = audit;
    }

    public Page<Coach> list(String status, PageRequest page) {
        if (status == null || !STATUSES.contains(status)) {
            throw ProblemException.invalidField("status", "must be one of active, inactive, pending");
        }
        return coachService.listByStatus(status, page.size(), page.cursor());
    }

    public Coach changeStatus(String coachId, String status, String reason) {
        if (!STATUSES.contains(status)) {
            throw ProblemException.invalidField("profileStatus", "must be one of active, inactive, pending");
        }
        Coach before = coachService.find(coachId).orElseThrow(() -> ProblemException.notFound("no coach " + coachId));
        Map<String, Object> after = stateOf(before);
        after.put("profileStatus", status);
        String description = "set coach " + coachId + " to " + status + (reason == null ? "" : ": " + reason);
        return audit.audited(
                new AdminAction(AdminAction.UPDATE, "coach", coachId, description, stateOf(before), after),
                () -> coachService.changeStatus(coachId, status, reason));
    }

    private static Map<String, Object> stateOf(Coach coach) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("coachId", coach.coachId());
        state.put("email", coach.email());
        state.put("schoolId", coach.schoolId());
        state.put("profileStatus", coach.profileStatus());
        state.put("version", coach.version());
        return state;
    }
}
