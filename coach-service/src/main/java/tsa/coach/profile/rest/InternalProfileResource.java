package tsa.coach.profile.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tsa.coach.profile.service.CoachProfiles;
import tsa.coach.profile.store.CoachProfile;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.CalledBy;
import tsa.runtime.security.Roles;

/**
 * Profiles for other services: admin-service's coach list and status changes (on an admin's behalf; admin-service
 * audits them), sync-service's reconciliation, parent-service's reads.
 */
@Path("/internal/profiles")
@Produces(MediaType.APPLICATION_JSON)
public class InternalProfileResource {

    @Inject
    CoachProfiles profiles;

    /** List profiles by status (service) */
    @GET
    @RolesAllowed(Roles.SERVICE)
    @CalledBy({"admin-service", "sync-service"})
    public Response listProfilesByStatus(@QueryParam("status") String status, @BeanParam PageRequest page) {
        if (status == null) {
            throw ProblemException.invalidField("status", "is required: active, inactive or pending");
        }
        return Response.ok(profiles.byStatus(status, page).map(CoachProfileView::of))
                .build();
    }

    /** Read a profile (service) */
    @GET
    @Path("/{coachId}")
    @RolesAllowed(Roles.SERVICE)
    @CalledBy({"admin-service", "parent-service", "sync-service"})
    public Response getProfileInternal(@PathParam("coachId") String coachId) {
        CoachProfile profile = profiles.get(coachId);
        return Response.ok(CoachProfileView.of(profile))
                .tag(EntityTags.of(profile.version()))
                .build();
    }

    /** Change a profile's status (service) */
    @PUT
    @Path("/{coachId}/status")
    @RolesAllowed(Roles.SERVICE)
    @Consumes(MediaType.APPLICATION_JSON)
    @CalledBy("admin-service")
    public Response changeProfileStatus(
            @PathParam("coachId") String coachId,
            @NotNull(message = "a body is required") @Valid ProfileStatusChange body) {
        CoachProfile profile = profiles.changeStatus(coachId, body.profileStatus());
        return Response.ok(CoachProfileView.of(profile))
                .tag(EntityTags.of(profile.version()))
                .build();
    }
}
