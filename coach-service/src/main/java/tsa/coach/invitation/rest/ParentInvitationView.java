package tsa.coach.invitation.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import tsa.coach.invitation.store.ParentInvitation;

/** The contract's {@code ParentInvitation}: everything but the link secret's hash. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ParentInvitationView(
        String invitationId,
        String coachId,
        String parentEmail,
        String studentName,
        String sport,
        String invitationStatus,
        String mailStatus,
        String expiresAt,
        String sentAt,
        String respondedAt) {

    static ParentInvitationView of(ParentInvitation i) {
        return new ParentInvitationView(
                i.invitationId(),
                i.coachId(),
                i.parentEmail(),
                i.studentName(),
                i.sport(),
                i.invitationStatus(),
                i.mailStatus(),
                i.expiresAt(),
                i.sentAt(),
                i.respondedAt());
    }
}
