package tsa.coach.invitation.rest;

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
import java.net.URI;
import tsa.coach.invitation.service.ParentInvitations;
import tsa.runtime.limit.RateLimited;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Roles;

/** Coaches invite parents (contract: the parent-invitations operations). */
@Path("/api/coach/parent-invitations")
@Produces(MediaType.APPLICATION_JSON)
public class ParentInvitationResource {

    private static final String EMAIL = "^[^@\\s]+@[^@\\s]+$";

    @Inject
    ParentInvitations invitations;

    /** Invite a parent */
    @POST
    @RolesAllowed(Roles.COACH)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createParentInvitation(
            @NotNull(message = "a body is required") @Valid ParentInvitationCreate body) {
        var created = invitations.invite(
                new ParentInvitations.NewInvitation(body.parentEmail(), body.studentName(), body.sport()));
        return Response.created(URI.create("/api/coach/parent-invitations/" + created.invitationId()))
                .entity(ParentInvitationView.of(created))
                .build();
    }

    /** List parent invitations */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.COACH})
    @RateLimited("portal-lists")
    public Page<ParentInvitationView> listParentInvitations(
            @QueryParam("parentEmail") String parentEmail, @BeanParam PageRequest page) {
        if (parentEmail != null
                && (parentEmail.length() > 254 || !parentEmail.trim().matches(EMAIL))) {
            throw ProblemException.invalidField("parentEmail", "must be an email address");
        }
        return invitations.list(parentEmail, page).map(ParentInvitationView::of);
    }

    /** Read a parent invitation */
    @GET
    @Path("/{invitationId}")
    @RolesAllowed({Roles.ADMIN, Roles.COACH, Roles.PARENT})
    public ParentInvitationView getParentInvitation(@PathParam("invitationId") String invitationId) {
        return ParentInvitationView.of(invitations.getVisible(invitationId));
    }

    /** Cancel a parent invitation */
    @DELETE
    @Path("/{invitationId}")
    @RolesAllowed(Roles.COACH)
    public ParentInvitationView cancelParentInvitation(@PathParam("invitationId") String invitationId) {
        return ParentInvitationView.of(invitations.cancel(invitationId));
    }

    /** Resend a parent invitation */
    @POST
    @Path("/{invitationId}/resend")
    @RolesAllowed(Roles.COACH)
    public ParentInvitationView resendParentInvitation(@PathParam("invitationId") String invitationId) {
        return ParentInvitationView.of(invitations.resend(invitationId));
    }
}
