package tsa.admin.user.service;

import jakarta.enterprise.context.ApplicationScoped;
import tsa.model.User;
import tsa.model.UserRole;
import tsa.runtime.text.EmailAddress;

/**
 * Whether an address is an administrator right now: it has an enabled, {@code active} administrator row in
 * PostgreSQL. A session token lives up to an hour, so every admin write asks here (through the audit trail, which
 * every write passes first) instead of trusting the token's role alone; a disabled or revoked admin's session stops
 * writing at once, in admin-service and, through the audit intake, in the other services. One indexed read per
 * write, not cached: the answer must be the current one.
 */
@ApplicationScoped
public class ActiveAdministrators {

    public boolean isActive(String email) {
        if (email == null || email.isBlank()) {
            return false;
        }
        return User.count(
                        "email = ?1 and role = ?2 and enabledUser = true and status = ?3",
                        EmailAddress.normal(email),
                        UserRole.ADMINISTRATOR.value(),
                        User.STATUS_ACTIVE)
                > 0;
    }
}
