package tsa.coach.invitation.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
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
@Path("/api/coach/parent-invitations")
@Produces(MediaType.APPLICATION_JSON)
public class ParentInvitationResource {

    /** Invite a parent */
    @POST
    @RolesAllowed(Roles.COACH)
    public Response createParentInvitation() {
        throw ProblemException.notImplemented("POST /api/coach/parent-invitations");
    }

    /** List parent invitations */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.COACH})
    public Response listParentInvitations() {
        throw ProblemException.notImplemented("GET /api/coach/parent-invitations");
    }

    /** Read a parent invitation */
    @GET
    @Path("/{invitationId}")
    @RolesAllowed({Roles.ADMIN, Roles.COACH, Roles.PARENT})
    public Response getParentInvitation(@PathParam("invitationId") String invitationId) {
        throw ProblemException.notImplemented("GET /api/coach/parent-invitations/{invitationId}");
    }

    /** Cancel a parent invitation */
    @DELETE
    @Path("/{invitationId}")
    @RolesAllowed(Roles.COACH)
    public Response cancelParentInvitation(@PathParam("invitationId") String invitationId) {
        throw ProblemException.notImplemented("DELETE /api/coach/parent-invitations/{invitationId}");
    }

    /** Resend a parent invitation */
    @POST
    @Path("/{invitationId}/resend")
    @RolesAllowed(Roles.COACH)
    public Response resendParentInvitation(@PathParam("invitationId") String invitationId) {
        throw ProblemException.notImplemented("POST /api/coach/parent-invitations/{invitationId}/resend");
    }
}
