package tsa.admin.user.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tsa.model.User;
import tsa.model.UserRole;
import tsa.runtime.audit.AdminAction;
import tsa.runtime.audit.AdminAuditTrail;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.text.EmailAddress;

/**
 * The OneRoster {@code users} directory as admins administer it (issue 14, "Coaches and users"): searches, and the
 * administrator and parent rows they may change. Every change is recorded in the audit trail first (DynamoDB), then
 * made in its own PostgreSQL transaction; a change that then fails gets the failure record.
 */
@ApplicationScoped
public class UserDirectory {

    /** OneRoster status of a revoked administrator row; nothing is hard-deleted. */
    public static final String STATUS_TOBEDELETED = "tobedeleted";

    static final String RESOURCE_TYPE = "user";

    private final UserRows rows;
    private final AdminAuditTrail auditTrail;

    @Inject
    public UserDirectory(UserRows rows, AdminAuditTrail auditTrail) {
        this.rows = rows;
        this.auditTrail = auditTrail;
    }

    /** The search by exact address ({@code idx_users_email}); addresses are stored lower-cased. */
    public Page<UserView> searchByEmail(String email, PageRequest request) {
        String address = normalise(email);
        String query = "email=" + address;
        int size = request.size();
        String after = DirectoryCursor.decode(query, request);
        // The address names whose rows were read, so it is the record's resource id; the details stay free of it.
        return auditTrail.viewed(
                () -> page(query, rows.searchByEmail(address, after, size + 1), size),
                found -> searched(address, "by email", Map.of("email", true), found));
    }

    /** The search by role, narrowed to an organisation when {@code orgId} is given ({@code idx_users_role_org}). */
    public Page<UserView> searchByRole(String role, String orgId, PageRequest request) {
        String query = orgId == null ? "role=" + role : "role=" + role + "&orgId=" + orgId;
        int size = request.size();
        String after = DirectoryCursor.decode(query, request);
        Map<String, Object> criteria = new LinkedHashMap<>();
        criteria.put("role", role);
        if (orgId != null) {
            criteria.put("orgId", orgId);
        }
        return auditTrail.viewed(
                () -> page(
                        query,
                        orgId == null
                                ? rows.searchByRole(role, after, size + 1)
                                : rows.searchByRoleAndOrg(role, orgId, after, size + 1),
                        size),
                found -> searched(null, "by " + query, criteria, found));
    }

    /**
     * One {@code view} record per search request (not per row): the query and how many rows it returned, never a
     * returned row's address or name.
     */
    private static AdminAction searched(
            String resourceId, String how, Map<String, Object> criteria, Page<UserView> found) {
        return AdminAction.listRead(RESOURCE_TYPE, resourceId, "searched users " + how, criteria, found);
    }

    /**
     * Makes the address an administrator: a new row ({@link Added#created()}), or its revoked row restored. 409 when
     * it already has an active administrator row.
     */
    public Added addAdministrator(String email, String givenName, String familyName) {
        String address = normalise(email);
        List<UserView> existing = rows.administratorRows(address);
        if (existing.stream().anyMatch(row -> !row.isRevoked())) {
            throw ProblemException.conflict(address + " is already an administrator");
        }
        if (!existing.isEmpty()) {
            UserView revoked = existing.get(0);
            UserView restored = revoked.withStatus(User.STATUS_ACTIVE, true).withNames(givenName, familyName);
            AdminAction action = new AdminAction(
                    AdminAction.CREATE,
                    RESOURCE_TYPE,
                    revoked.sourcedId(),
                    "restore administrator rights of " + address,
                    revoked.auditState(),
                    restored.auditState());
            return new Added(
                    auditTrail.audited(
                            action, () -> rows.restoreAdministrator(revoked.sourcedId(), givenName, familyName)),
                    false);
        }
        String sourcedId = UUID.randomUUID().toString();
        UserView expected = new UserView(
                sourcedId,
                User.STATUS_ACTIVE,
                null,
                null,
                true,
                givenName,
                familyName,
                null,
                UserRole.ADMINISTRATOR.value(),
                address,
                null,
                null,
                null,
                null,
                null,
                null);
        AdminAction action = new AdminAction(
                AdminAction.CREATE,
                RESOURCE_TYPE,
                sourcedId,
                "add administrator " + address,
                Map.of(),
                expected.auditState());
        return new Added(
                auditTrail.audited(action, () -> rows.createAdministrator(sourcedId, address, givenName, familyName)),
                true);
    }

    /** Enables or disables an administrator, parent or guardian row (coach rows follow the profile status). */
    public UserView setEnabled(String sourcedId, boolean enabled, String callerEmail) {
        UserView before = existing(sourcedId);
        UserRowRules.checkEnabledChange(before, enabled, callerEmail);
        AdminAction action = new AdminAction(
                AdminAction.UPDATE,
                RESOURCE_TYPE,
                sourcedId,
                (enabled ? "enable " : "disable ") + before.role() + " row of " + before.email(),
                before.auditState(),
                before.withEnabled(enabled).auditState());
        return auditTrail.audited(action, () -> rows.setEnabled(sourcedId, enabled, callerEmail));
    }

    /** Revokes administrator rights: the row becomes {@code tobedeleted} and disabled; a revoked row stays as it is. */
    public UserView revokeAdministrator(String sourcedId, String callerEmail) {
        UserView before = existing(sourcedId);
        UserRowRules.checkRevocation(before, callerEmail);
        AdminAction action = new AdminAction(
                AdminAction.DELETE,
                RESOURCE_TYPE,
                sourcedId,
                "revoke administrator rights of " + before.email() + (before.isRevoked() ? " (already revoked)" : ""),
                before.auditState(),
                before.withStatus(STATUS_TOBEDELETED, false).auditState());
        return auditTrail.audited(action, () -> rows.revokeAdministrator(sourcedId, callerEmail));
    }

    /** The result of adding an administrator: the row, and whether it is new (201) or a restored one (200). */
    public record Added(UserView user, boolean created) {}

    private UserView existing(String sourcedId) {
        return rows.find(sourcedId).orElseThrow(() -> ProblemException.notFound("no users row " + sourcedId));
    }

    private static Page<UserView> page(String query, List<UserView> found, int size) {
        if (found.size() <= size) {
            return new Page<>(found, null);
        }
        List<UserView> items = found.subList(0, size);
        return new Page<>(
                items, DirectoryCursor.encode(query, items.get(size - 1).sourcedId()));
    }

    static String normalise(String email) {
        return EmailAddress.normal(email);
    }
}
