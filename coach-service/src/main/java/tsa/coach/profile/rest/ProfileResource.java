package tsa.coach.profile.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Roles;

/** Operations of the contract that a later issue builds; until then each answers 501 problem+json. */
@Path("/api/coach/profiles")
@Produces(MediaType.APPLICATION_JSON)
public class ProfileResource {

    /** Read my profile */
    @GET
    @Path("/me")
    @RolesAllowed(Roles.COACH)
    public Response getMyProfile() {
        throw ProblemException.notImplemented("GET /api/coach/profiles/me");
    }

    /** Update my profile */
    @PUT
    @Path("/me")
    @RolesAllowed(Roles.COACH)
    public Response updateMyProfile() {
        throw ProblemException.notImplemented("PUT /api/coach/profiles/me");
    }

    /** Read a coach's profile */
    @GET
    @Path("/{coachId}")
    @RolesAllowed({Roles.ADMIN, Roles.COACH, Roles.PARENT})
    public Response getProfile(@PathParam("coachId") String coachId) {
        throw ProblemException.notImplemented("GET /api/coach/profiles/{coachId}");
    }

    /** List the coaches of a school */
    @GET
    @RolesAllowed(Roles.ADMIN)
    public Response listProfilesBySchool() {
        throw ProblemException.notImplemented("GET /api/coach/profiles");
    }
}
