package tsa.coach.invitation.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import tsa.coach.invitation.service.ParentInvitations;
import tsa.runtime.security.CalledBy;
import tsa.runtime.security.Roles;

/** Other services' view of parent invitations: admin-service's token exchange, reads and parent-service's accept. */
@Path("/internal/parent-invitations")
@Produces(MediaType.APPLICATION_JSON)
public class InternalParentInvitationResource {

    @Inject
    ParentInvitations invitations;

    /** Check a parent-invitation token */
    @POST
    @Path("/exchange")
    @RolesAllowed(Roles.SERVICE)
    @Consumes(MediaType.APPLICATION_JSON)
    @CalledBy("admin-service")
    public ParentInvitationView exchangeParentInvitation(
            @NotNull(message = "a body is required") @Valid ParentInvitationExchange body) {
        return ParentInvitationView.of(invitations.exchange(body.token()));
    }

    /** Read a parent invitation (service) */
    @GET
    @Path("/{invitationId}")
    @RolesAllowed(Roles.SERVICE)
    @CalledBy("parent-service")
    public ParentInvitationView getParentInvitationInternal(@PathParam("invitationId") String invitationId) {
        return ParentInvitationView.of(invitations.get(invitationId));
    }

    /** Accept a parent invitation */
    @POST
    @Path("/{invitationId}/accept")
    @RolesAllowed(Roles.SERVICE)
    @CalledBy("parent-service")
    public ParentInvitationView acceptParentInvitation(@PathParam("invitationId") String invitationId) {
        return ParentInvitationView.of(invitations.accept(invitationId));
    }
}
