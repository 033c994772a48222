package tsa.admin.user.service;

import tsa.model.UserRole;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.text.EmailAddress;

/**
 * Which {@code users} rows an admin may change, and how. Checked before the audit record (so a refused request
 * records nothing) and again on the locked row inside the write's transaction (so a concurrent change can't slip
 * between the check and the write).
 */
final class UserRowRules {

    private UserRowRules() {}

    /** {@code PATCH users/{sourcedId}}: administrator, parent and guardian rows; never the caller's own admin row. */
    static void checkEnabledChange(UserView row, boolean enable, String callerEmail) {
        UserRole role = roleOf(row);
        switch (role) {
            case TEACHER ->
                throw ProblemException.conflict("users row " + row.sourcedId() + " is a coach's (role "
                        + "teacher): a coach is enabled or disabled only through the profile status, "
                        + "PATCH /api/admin/coaches/" + coachIdOf(row) + "/status, which sync mirrors onto this row");
            case STUDENT ->
                throw ProblemException.conflict("users row " + row.sourcedId()
                        + " is a student's; student rows are not enabled or disabled here");
            case ADMINISTRATOR -> {
                if (row.isRevoked()) {
                    throw ProblemException.conflict("users row " + row.sourcedId() + " is a revoked administrator "
                            + "(status tobedeleted); restore it with POST /api/admin/users");
                }
                if (!enable && isCaller(row, callerEmail)) {
                    throw ProblemException.conflict("an admin can't disable their own administrator row");
                }
            }
            case PARENT, GUARDIAN -> {
                // an admin enables and disables parents freely
            }
        }
    }

    /** {@code DELETE users/{sourcedId}/administrator}: administrator rows only, never the caller's own. */
    static void checkRevocation(UserView row, String callerEmail) {
        if (roleOf(row) != UserRole.ADMINISTRATOR) {
            throw ProblemException.conflict(
                    "users row " + row.sourcedId() + " is not an administrator row (role " + row.role() + ")");
        }
        if (isCaller(row, callerEmail)) {
            throw ProblemException.conflict("an admin can't revoke their own administrator rights");
        }
    }

    private static boolean isCaller(UserView row, String callerEmail) {
        return row.email() != null && EmailAddress.normal(row.email()).equals(callerEmail);
    }

    private static UserRole roleOf(UserView row) {
        try {
            return UserRole.fromValue(row.role());
        } catch (IllegalArgumentException | NullPointerException unknownRole) {
            throw ProblemException.conflict("users row " + row.sourcedId() + " has a role (" + row.role()
                    + ") that this service does not administer");
        }
    }

    /** A coach's row carries the coach id as {@code profile_id} and as {@code sourced_id} (architecture.md). */
    private static String coachIdOf(UserView row) {
        return row.profileId() != null ? row.profileId() : row.sourcedId();
    }
}
