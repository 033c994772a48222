package tsa.admin.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import tsa.admin.client.coach.api.InternalApi;
import tsa.admin.client.coach.model.ParentInvitationExchange;
import tsa.admin.client.coach.model.ProfileStatus;
import tsa.admin.client.coach.model.ProfileStatusChange;
import tsa.runtime.client.RemoteCalls;
import tsa.runtime.client.RemoteService;
import tsa.runtime.paging.Page;

/**
 * admin-service's calls to coach-service, through the client generated from coach-service's contract, with the
 * platform's fault-tolerance profile (timeout, retries, circuit breaker). Remote failures come out as
 * {@link tsa.runtime.client.RemoteFailure}s (a 404 of a status change is this service's 404, a 409 its 409); no
 * generated type leaves.
 */
@ApplicationScoped
@RemoteService(CoachServiceClient.SERVICE)
@Timeout
@Retry
@CircuitBreaker
public class CoachServiceClient {

    static final String SERVICE = "coach-service";

    @Inject
    @RestClient
    InternalApi coachService;

    /** A coach profile as admin-service shows and audits it. */
    public record Coach(
            String coachId,
            String firstName,
            String lastName,
            String email,
            String phone,
            String schoolId,
            List<String> sportSpecialties,
            String profileStatus,
            String createdAt,
            String updatedAt,
            Long version) {}

    /** The parent invitation a {@code p} link opened. */
    public record OpenedParentInvitation(String invitationId, String coachId, String parentEmail, String studentName) {}

    /**
     * Exchanges a {@code p} token; empty when coach-service does not accept it (bad, expired, used, superseded).
     * Retried like every call: coach-service's exchange is idempotent (an opened invitation is returned as it is).
     */
    public Optional<OpenedParentInvitation> exchangeParentToken(String token) {
        return RemoteCalls.unlessRefused(
                        SERVICE,
                        "exchange a parent invitation",
                        () -> coachService.exchangeParentInvitation(new ParentInvitationExchange().token(token)))
                .map(i -> new OpenedParentInvitation(
                        i.getInvitationId(), i.getCoachId(), i.getParentEmail(), i.getStudentName()));
    }

    public Page<Coach> listByStatus(String status, int limit, String cursor) {
        var page = RemoteCalls.call(
                SERVICE,
                "list coaches",
                () -> coachService.listProfilesByStatus(ProfileStatus.fromString(status), limit, cursor));
        return new Page<>(
                page.getItems().stream().map(CoachServiceClient::coach).toList(), page.getNextCursor());
    }

    public Optional<Coach> find(String coachId) {
        return RemoteCalls.find(SERVICE, "read a coach", () -> coachService.getProfileInternal(coachId))
                .map(CoachServiceClient::coach);
    }

    /** Changes a coach's status; the write is idempotent, so a timed-out attempt may be retried. */
    public Coach changeStatus(String coachId, String status, String reason) {
        return coach(RemoteCalls.call(
                SERVICE,
                "change a coach's status",
                () -> coachService.changeProfileStatus(
                        coachId,
                        new ProfileStatusChange()
                                .profileStatus(ProfileStatus.fromString(status))
                                .reason(reason))));
    }

    private static Coach coach(tsa.admin.client.coach.model.CoachProfile p) {
        return new Coach(
                p.getCoachId(),
                p.getFirstName(),
                p.getLastName(),
                p.getEmail(),
                p.getPhone(),
                p.getSchoolId(),
                p.getSportSpecialties() == null ? List.of() : p.getSportSpecialties(),
                p.getProfileStatus() == null ? null : p.getProfileStatus().value(),
                text(p.getCreatedAt()),
                text(p.getUpdatedAt()),
                p.getVersion());
    }

    private static String text(OffsetDateTime time) {
        return time == null ? null : time.toInstant().toString();
    }
}
