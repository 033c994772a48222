package tsa.admin.invitation.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import tsa.admin.invitation.service.CoachInvitations;
import tsa.runtime.security.CalledBy;
import tsa.runtime.security.Roles;

/** coach-service's view of coach invitations: the onboarding prefill and the accept when onboarding completes. */
@Path("/internal/coach-invitations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SERVICE)
public class InternalCoachInvitationResource {

    @Inject
    CoachInvitations invitations;

    /** Read a coach invitation (onboarding prefill) */
    @GET
    @Path("/{invitationId}")
    @CalledBy("coach-service")
    public CoachInvitationView getCoachInvitationForOnboarding(@PathParam("invitationId") String invitationId) {
        return CoachInvitationView.of(invitations.get(invitationId));
    }

    /** Accept a coach invitation */
    @POST
    @Path("/{invitationId}/accept")
    @CalledBy("coach-service")
    public CoachInvitationView acceptCoachInvitation(@PathParam("invitationId") String invitationId) {
        return CoachInvitationView.of(invitations.accept(invitationId));
    }
}
