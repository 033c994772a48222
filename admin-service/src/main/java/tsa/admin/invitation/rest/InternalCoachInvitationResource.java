package tsa.admin.invitation.rest;

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
@Path("/internal/coach-invitations")
@Produces(MediaType.APPLICATION_JSON)
public class InternalCoachInvitationResource {

    /** Read a coach invitation (onboarding prefill) */
    @GET
    @Path("/{invitationId}")
    @RolesAllowed(Roles.SERVICE)
    public Response getCoachInvitationForOnboarding(@PathParam("invitationId") String invitationId) {
        throw ProblemException.notImplemented("GET /internal/coach-invitations/{invitationId}");
    }

    /** Accept a coach invitation */
    @POST
    @Path("/{invitationId}/accept")
    @RolesAllowed(Roles.SERVICE)
    public Response acceptCoachInvitation(@PathParam("invitationId") String invitationId) {
        throw ProblemException.notImplemented("POST /internal/coach-invitations/{invitationId}/accept");
    }
}
