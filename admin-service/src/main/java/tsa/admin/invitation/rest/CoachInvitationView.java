package tsa.admin.invitation.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import tsa.admin.invitation.store.CoachInvitation;

/** The contract's {@code CoachInvitation}: everything but the link secret's hash. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Native image: sent as the entity of a jakarta.ws.rs.core.Response (or inside a Page), whose type Quarkus
// can't see, so Jackson's reflection on it (and on the types of its fields) is registered here.
@RegisterForReflection(registerFullHierarchy = true)
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
