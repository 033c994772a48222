package tsa.coach.invitation.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Roles;

/** Operations of the contract that a later issue builds; until then each answers 501 problem+json. */
@Path("/internal/parent-invitations")
@Produces(MediaType.APPLICATION_JSON)
public class InternalParentInvitationResource {

    /** Check a parent-invitation token */
    @POST
    @Path("/exchange")
    @RolesAllowed(Roles.SERVICE)
    public Response exchangeParentInvitation() {
        throw ProblemException.notImplemented("POST /internal/parent-invitations/exchange");
    }

    /** Read a parent invitation (service) */
    @GET
    @Path("/{invitationId}")
    @RolesAllowed(Roles.SERVICE)
    public Response getParentInvitationInternal(@PathParam("invitationId") String invitationId) {
        throw ProblemException.notImplemented("GET /internal/parent-invitations/{invitationId}");
    }

    /** Accept a parent invitation */
    @POST
    @Path("/{invitationId}/accept")
    @RolesAllowed(Roles.SERVICE)
    public Response acceptParentInvitation(@PathParam("invitationId") String invitationId) {
        throw ProblemException.notImplemented("POST /internal/parent-invitations/{invitationId}/accept");
    }
}
