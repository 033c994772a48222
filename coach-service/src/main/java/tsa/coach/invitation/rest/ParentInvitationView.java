package tsa.coach.invitation.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import tsa.coach.invitation.store.ParentInvitation;

/** The contract's {@code ParentInvitation}: everything but the link secret's hash. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Native image: sent as the entity of a jakarta.ws.rs.core.Response (or inside a Page), whose type Quarkus
// can't see, so Jackson's reflection on it (and on the types of its fields) is registered here.
@RegisterForReflection(registerFullHierarchy = true)
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
