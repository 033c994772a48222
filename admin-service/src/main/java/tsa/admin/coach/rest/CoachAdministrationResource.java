package tsa.admin.coach.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import tsa.admin.client.CoachServiceClient.Coach;
import tsa.admin.coach.service.CoachAdministration;
import tsa.runtime.limit.RateLimited;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.security.Roles;

/** Admins see coaches by status and change a coach's status (through coach-service). */
@Path("/api/admin/coaches")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class CoachAdministrationResource {

    @Inject
    CoachAdministration coaches;

    public record CoachStatusChange(
            @NotBlank String profileStatus, @Size(max = 500) String reason) {}

    /** List coaches by status */
    @GET
    @RateLimited("admin-searches")
    public Page<Coach> listCoaches(@QueryParam("status") String status, @BeanParam PageRequest page) {
        return coaches.list(status, page);
    }

    /** Change a coach's status */
    @PATCH
    @Path("/{coachId}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    public Coach changeCoachStatus(
            @PathParam("coachId") String coachId,
            @NotNull(message = "a body is required") @Valid CoachStatusChange body) {
        return coaches.changeStatus(coachId, body.profileStatus(), body.reason());
    }
}
