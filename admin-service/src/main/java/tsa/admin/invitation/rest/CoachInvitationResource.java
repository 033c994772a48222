package tsa.admin.invitation.rest;

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
@Path("/api/admin/coach-invitations")
@Produces(MediaType.APPLICATION_JSON)
public class CoachInvitationResource {

    /** Invite a coach */
    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response createCoachInvitation() {
        throw ProblemException.notImplemented("POST /api/admin/coach-invitations");
    }

    /** List coach invitations by status or by coach email */
    @GET
    @RolesAllowed(Roles.ADMIN)
    public Response listCoachInvitations() {
        throw ProblemException.notImplemented("GET /api/admin/coach-invitations");
    }

    /** Get one coach invitation */
    @GET
    @Path("/{invitationId}")
    @RolesAllowed(Roles.ADMIN)
    public Response getCoachInvitation(@PathParam("invitationId") String invitationId) {
        throw ProblemException.notImplemented("GET /api/admin/coach-invitations/{invitationId}");
    }

    /** Cancel a coach invitation */
    @DELETE
    @Path("/{invitationId}")
    @RolesAllowed(Roles.ADMIN)
    public Response cancelCoachInvitation(@PathParam("invitationId") String invitationId) {
        throw ProblemException.notImplemented("DELETE /api/admin/coach-invitations/{invitationId}");
    }

    /** Resend a coach invitation */
    @POST
    @Path("/{invitationId}/resend")
    @RolesAllowed(Roles.ADMIN)
    public Response resendCoachInvitation(@PathParam("invitationId") String invitationId) {
        throw ProblemException.notImplemented("POST /api/admin/coach-invitations/{invitationId}/resend");
    }
}
