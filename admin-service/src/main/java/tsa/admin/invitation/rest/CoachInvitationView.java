package tsa.admin.invitation.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import tsa.admin.invitation.store.CoachInvitation;

/** The contract's {@code CoachInvitation}: everything but the link secret's hash. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CoachInvitationView(
        String invitationId,
        String coachId,
        String adminEmail,
        String coachEmail,
        String firstName,
        String lastName,
        String schoolId,
        String schoolName,
        String sport,
        List<String> permissions,
        String message,
        String invitationStatus,
        String mailStatus,
        String expiresAt,
        String sentAt,
        String acceptedAt) {

    static CoachInvitationView of(CoachInvitation i) {
        return new CoachInvitationView(
                i.invitationId(),
                i.coachId(),
                i.adminEmail(),
                i.coachEmail(),
                i.firstName(),
                i.lastName(),
                i.schoolId(),
                i.schoolName(),
                i.sport(),
                i.permissions() == null ? List.of() : i.permissions(),
                i.message(),
                i.invitationStatus(),
                i.mailStatus(),
                i.expiresAt(),
                i.sentAt(),
                i.acceptedAt());
    }
}
