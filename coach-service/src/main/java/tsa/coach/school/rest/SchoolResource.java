package tsa.coach.school.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tsa.coach.school.service.SchoolDirectory;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Roles;

/** Schools, for anyone signed in (contract: getSchool). */
@Path("/api/coach/schools")
@Produces(MediaType.APPLICATION_JSON)
public class SchoolResource {

    @Inject
    SchoolDirectory schools;

    /** Read a school */
    @GET
    @Path("/{schoolId}")
    @RolesAllowed({Roles.ADMIN, Roles.COACH, Roles.PARENT})
    public Response getSchool(@PathParam("schoolId") String schoolId) {
        // Anything but an existing school's digits is 404 (contract: SchoolIdPath).
        return schools.find(schoolId)
                .map(SchoolView::of)
                .map(view -> Response.ok(view).build())
                .orElseThrow(() -> ProblemException.notFound("no school " + schoolId));
    }
}
