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
@Path("/internal/profiles")
@Produces(MediaType.APPLICATION_JSON)
public class InternalProfileResource {

    /** List profiles by status (service) */
    @GET
    @RolesAllowed(Roles.SERVICE)
    public Response listProfilesByStatus() {
        throw ProblemException.notImplemented("GET /internal/profiles");
    }

    /** Read a profile (service) */
    @GET
    @Path("/{coachId}")
    @RolesAllowed(Roles.SERVICE)
    public Response getProfileInternal(@PathParam("coachId") String coachId) {
        throw ProblemException.notImplemented("GET /internal/profiles/{coachId}");
    }

    /** Change a profile's status (service) */
    @PUT
    @Path("/{coachId}/status")
    @RolesAllowed(Roles.SERVICE)
    public Response changeProfileStatus(@PathParam("coachId") String coachId) {
        throw ProblemException.notImplemented("PUT /internal/profiles/{coachId}/status");
    }
}
