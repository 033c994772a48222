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
import tsa.runtime.text.EmailAddress;

/**
 * Who may sign in to which portal (architecture.md): an enabled administrator row; an enabled teacher row or an open
 * coach invitation; an enabled parent (or guardian) row. Read at request time and again at every exchange ({@code s},
 * {@code c} and {@code p} tokens alike), so a person disabled or revoked meanwhile gets no session. A row counts only
 * while it is enabled and {@code active}.
 */
@ApplicationScoped
public class SignInDirectory {

    private final CoachInvitations coachInvitations;

    @Inject
    public SignInDirectory(CoachInvitations coachInvitations) {
        this.coachInvitations = coachInvitations;
    }

    public Optional<SessionIdentity> identityFor(String email, Portal portal) {
        return switch (portal) {
            case ADMIN ->
                enabledRow(email, List.of(UserRole.ADMINISTRATOR))
                        .map(row -> new SessionIdentity(Roles.ADMIN, email, null, null, null));
            case COACH -> coach(email);
            case PARENT ->
                enabledRow(email, List.of(UserRole.PARENT, UserRole.GUARDIAN))
                        .map(row -> new SessionIdentity(Roles.PARENT, email, null, null, email));
        };
    }

    /**
     * Whether the parent of a valid parent-invitation token may have a session: the first exchange gives them a
     * {@code users} row (role parent) if they have none; a parent whose row was disabled (while the invitation is
     * still sent or opened) is refused.
     */
    public boolean admitsInvitedParent(String email) {
        ensureParentRow(email);
        return enabledRow(EmailAddress.normal(email), List.of(UserRole.PARENT, UserRole.GUARDIAN))
                .isPresent();
    }

    /**
     * Whether the coach of a valid coach-invitation token may have a session: a coach with no teacher row yet (still
     * onboarding) may; once the coach's teacher row exists, only while it is enabled and active.
     */
    public boolean admitsInvitedCoach(String email, String coachId) {
        List<User> rows = User.<User>find(
                        "role = ?1 and (sourcedId = ?2 or email = ?3)",
                        UserRole.TEACHER.value(),
                        coachId,
                        EmailAddress.normal(email))
                .list();
        return rows.isEmpty() || rows.stream().anyMatch(SignInDirectory::isActive);
    }

    /**
     * The first exchange of a parent invitation gives the parent a {@code users} row (role parent) if they have none.
     * Concurrent first exchanges may both try; the statement inserts only while no such row exists.
     */
    @Transactional
    public void ensureParentRow(String email) {
        String address = EmailAddress.normal(email);
        User.getEntityManager()
                .createNativeQuery(PARENT_ROW)
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

    /**
     * An enabled teacher row; else, only while the address has no teacher row at all, an open invitation. A disabled
     * or revoked teacher row is not side-stepped through an invitation.
     */
    private Optional<SessionIdentity> coach(String email) {
        List<User> teachers = User.<User>find("email = ?1 and role = ?2", email, UserRole.TEACHER.value())
                .list();
        if (!teachers.isEmpty()) {
            return teachers.stream()
                    .filter(SignInDirectory::isActive)
                    .findFirst()
                    .map(teacher -> new SessionIdentity(Roles.COACH, email, teacher.sourcedId, null, null));
        }
        return coachInvitations
                .openInvitationFor(email)
                .map(i -> new SessionIdentity(Roles.COACH, email, i.coachId(), i.invitationId(), null));
    }

    private static boolean isActive(User row) {
        return Boolean.TRUE.equals(row.enabledUser) && User.STATUS_ACTIVE.equals(row.status);
    }

    private static Optional<User> enabledRow(String email, List<UserRole> roles) {
        List<String> values = roles.stream().map(UserRole::value).toList();
        return User.<User>find(
                        "email = ?1 and role in ?2 and enabledUser = true and status = ?3",
                        email,
                        values,
                        User.STATUS_ACTIVE)
                .firstResultOptional();
    }
}
