package tsa.coach.school.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Roles;

/** Operations of the contract that a later issue builds; until then each answers 501 problem+json. */
@Path("/api/coach/schools")
@Produces(MediaType.APPLICATION_JSON)
public class SchoolResource {

    /** Read a school */
    @GET
    @Path("/{schoolId}")
    @RolesAllowed({Roles.ADMIN, Roles.COACH, Roles.PARENT})
    public Response getSchool(@PathParam("schoolId") String schoolId) {
        throw ProblemException.notImplemented("GET /api/coach/schools/{schoolId}");
    }
}
