package tsa.admin.invitation.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashSet;
import tsa.admin.invitation.service.CoachInvitations;
import tsa.runtime.limit.RateLimited;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Roles;

/** Admins invite coaches (contract: the coach-invitations operations). */
@Path("/api/admin/coach-invitations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class CoachInvitationResource {

    @Inject
    CoachInvitations invitations;

    /** Invite a coach */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createCoachInvitation(@NotNull(message = "a body is required") @Valid CoachInvitationRequest body) {
        if (new HashSet<>(body.permissions()).size() != body.permissions().size()) {
            throw ProblemException.invalidField("permissions", "must not repeat a permission");
        }
        var created = invitations.invite(new CoachInvitations.NewInvitation(
                body.coachEmail(),
                body.firstName(),
                body.lastName(),
                body.schoolId(),
                body.sport(),
                body.permissions(),
                body.message()));
        return Response.status(201).entity(CoachInvitationView.of(created)).build();
    }

    /** List coach invitations */
    @GET
    @RateLimited("admin-searches")
    public Page<CoachInvitationView> listCoachInvitations(
            @QueryParam("status") String status,
            @QueryParam("coachEmail") String coachEmail,
            @BeanParam PageRequest page) {
        return invitations.list(status, coachEmail, page).map(CoachInvitationView::of);
    }

    /** Read a coach invitation */
    @GET
    @Path("/{invitationId}")
    public CoachInvitationView getCoachInvitation(@PathParam("invitationId") String invitationId) {
        return CoachInvitationView.of(invitations.get(invitationId));
    }

    /** Cancel a coach invitation */
    @DELETE
    @Path("/{invitationId}")
    public CoachInvitationView cancelCoachInvitation(@PathParam("invitationId") String invitationId) {
        return CoachInvitationView.of(invitations.cancel(invitationId));
    }

    /** Resend a coach invitation */
    @POST
    @Path("/{invitationId}/resend")
    public CoachInvitationView resendCoachInvitation(@PathParam("invitationId") String invitationId) {
        return CoachInvitationView.of(invitations.resend(invitationId));
    }
}
