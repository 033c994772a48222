package tsa.admin.auth.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
