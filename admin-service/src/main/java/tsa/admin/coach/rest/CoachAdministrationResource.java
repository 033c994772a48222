package tsa.admin.coach.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Roles;

/** Operations of the contract that a later issue builds; until then each answers 501 problem+json. */
@Path("/api/admin/coaches")
@Produces(MediaType.APPLICATION_JSON)
public class CoachAdministrationResource {

    /** List coaches by profile status */
    @GET
    @RolesAllowed(Roles.ADMIN)
    public Response listCoaches() {
        throw ProblemException.notImplemented("GET /api/admin/coaches");
    }

    /** Change a coach's profile status */
    @PATCH
    @Path("/{coachId}/status")
    @RolesAllowed(Roles.ADMIN)
    public Response changeCoachStatus(@PathParam("coachId") String coachId) {
        throw ProblemException.notImplemented("PATCH /api/admin/coaches/{coachId}/status");
    }
}
