package tsa.admin.auth.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import tsa.admin.invitation.service.CoachInvitations;
import tsa.model.User;
import tsa.model.UserRole;
import tsa.runtime.security.Roles;

/**
 * Who may sign in to which portal (architecture.md): an enabled administrator row; an enabled teacher row or an open
 * coach invitation; an enabled parent (or guardian) row. Read at request time and again at the exchange, so a person
 * disabled meanwhile gets no session.
 */
@ApplicationScoped
public class SignInDirectory {

    @Inject
    CoachInvitations coachInvitations;

    public Optional<SessionIdentity> identityFor(String email, Portal portal) {
        return switch (portal) {
            case ADMIN -> enabledRow(email, List.of(UserRole.ADMINISTRATOR))
                    .map(row -> new SessionIdentity(Roles.ADMIN, email, null, null, null));
            case COACH -> coach(email);
            case PARENT -> enabledRow(email, List.of(UserRole.PARENT, UserRole.GUARDIAN))
                    .map(row -> new SessionIdentity(Roles.PARENT, email, null, null, email));
        };
    }

    /**
     * The first exchange of a parent invitation gives the parent a {@code users} row (role parent) if they have none.
     * Concurrent first exchanges may both try; the statement inserts only while no such row exists.
     */
    @Transactional
    public void ensureParentRow(String email) {
        String address = email.toLowerCase();
        User.getEntityManager().createNativeQuery(PARENT_ROW)
                .setParameter("id", java.util.UUID.randomUUID().toString())
                .setParameter("email", address)
                .executeUpdate();
    }

    private static final String PARENT_ROW = """
            INSERT INTO users (sourced_id, role, email, username, enabled_user, status)
            SELECT :id, 'parent', :email,
                   CASE WHEN EXISTS (SELECT 1 FROM users WHERE username = :email) THEN NULL ELSE :email END,
                   true, 'active'
            WHERE NOT EXISTS (SELECT 1 FROM users WHERE email = :email AND role IN ('parent', 'guardian'))
            """;

    private Optional<SessionIdentity> coach(String email) {
        Optional<User> teacher = enabledRow(email, List.of(UserRole.TEACHER));
        if (teacher.isPresent()) {
            return Optional.of(new SessionIdentity(Roles.COACH, email, teacher.get().sourcedId, null, null));
        }
        return coachInvitations.openInvitationFor(email)
                .map(i -> new SessionIdentity(Roles.COACH, email, i.coachId(), i.invitationId(), null));
    }

    private static Optional<User> enabledRow(String email, List<UserRole> roles) {
        List<String> values = roles.stream().map(UserRole::value).toList();
        return User.<User>find("email = ?1 and role in ?2 and enabledUser = true and status = ?3",
                email, values, User.STATUS_ACTIVE).firstResultOptional();
    }
}
