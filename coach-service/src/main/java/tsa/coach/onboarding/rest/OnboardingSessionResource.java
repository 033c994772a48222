package tsa.coach.onboarding.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Roles;

/** Operations of the contract that a later issue builds; until then each answers 501 problem+json. */
@Path("/api/coach/onboarding-sessions")
@Produces(MediaType.APPLICATION_JSON)
public class OnboardingSessionResource {

    /** Start or resume onboarding */
    @POST
    @RolesAllowed(Roles.COACH)
    public Response startOnboardingSession() {
        throw ProblemException.notImplemented("POST /api/coach/onboarding-sessions");
    }

    /** Read my onboarding session */
    @GET
    @Path("/{sessionId}")
    @RolesAllowed(Roles.COACH)
    public Response getOnboardingSession(@PathParam("sessionId") String sessionId) {
        throw ProblemException.notImplemented("GET /api/coach/onboarding-sessions/{sessionId}");
    }

    /** Save an onboarding step */
    @PUT
    @Path("/{sessionId}")
    @RolesAllowed(Roles.COACH)
    public Response saveOnboardingStep(@PathParam("sessionId") String sessionId) {
        throw ProblemException.notImplemented("PUT /api/coach/onboarding-sessions/{sessionId}");
    }

    /** Complete onboarding */
    @POST
    @Path("/{sessionId}/complete")
    @RolesAllowed(Roles.COACH)
    public Response completeOnboarding(@PathParam("sessionId") String sessionId) {
        throw ProblemException.notImplemented("POST /api/coach/onboarding-sessions/{sessionId}/complete");
    }
}
