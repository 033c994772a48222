package tsa.coach.onboarding.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import tsa.coach.onboarding.service.OnboardingSessions;
import tsa.coach.onboarding.service.OnboardingStep;
import tsa.coach.profile.rest.CoachProfileView;
import tsa.coach.profile.store.CoachProfile;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Roles;

/** The coach onboarding wizard (contract: the onboarding operations); the caller's own session only. */
@Path("/api/coach/onboarding-sessions")
@Produces(MediaType.APPLICATION_JSON)
public class OnboardingSessionResource {

    @Inject
    OnboardingSessions sessions;

    /** Start or resume onboarding */
    @POST
    @RolesAllowed(Roles.COACH)
    public Response startOnboardingSession() {
        OnboardingSessions.Started started = sessions.start();
        OnboardingSessionView view = OnboardingSessionView.of(started.state());
        if (!started.created()) {
            return Response.ok(view).build();
        }
        return Response.created(URI.create("/api/coach/onboarding-sessions/" + view.sessionId()))
                .entity(view)
                .build();
    }

    /** Read my onboarding session */
    @GET
    @Path("/{sessionId}")
    @RolesAllowed(Roles.COACH)
    public Response getOnboardingSession(@PathParam("sessionId") String sessionId) {
        return Response.ok(OnboardingSessionView.of(sessions.get(sessionId))).build();
    }

    /** Save an onboarding step */
    @PUT
    @Path("/{sessionId}")
    @RolesAllowed(Roles.COACH)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response saveOnboardingStep(
            @PathParam("sessionId") String sessionId,
            @NotNull(message = "a body is required") @Valid OnboardingStepSave body) {
        List<String> sports = body.formData().sportSpecialties();
        if (sports != null && new HashSet<>(sports).size() != sports.size()) {
            throw ProblemException.invalidField("formData.sportSpecialties", "must not repeat a sport");
        }
        OnboardingStep step = OnboardingStep.of(body.onboardingStep()).orElseThrow();
        return Response.ok(OnboardingSessionView.of(
                        sessions.save(sessionId, step, body.formData().toForm())))
                .build();
    }

    /** Complete onboarding */
    @POST
    @Path("/{sessionId}/complete")
    @RolesAllowed(Roles.COACH)
    public Response completeOnboarding(@PathParam("sessionId") String sessionId) {
        OnboardingSessions.Completed completed = sessions.complete(sessionId);
        CoachProfile p = completed.profile();
        CoachProfileView view = new CoachProfileView(
                p.coachId(),
                p.firstName(),
                p.lastName(),
                p.email(),
                p.phone(),
                p.schoolId(),
                p.sportSpecialties() == null ? List.of() : p.sportSpecialties(),
                p.profileStatus(),
                p.createdAt(),
                p.updatedAt(),
                p.version());
        Response.ResponseBuilder response = completed.created()
                ? Response.created(URI.create("/api/coach/profiles/" + p.coachId()))
                : Response.ok();
        return response.tag(new EntityTag(Long.toString(p.version())))
                .entity(view)
                .build();
    }
}
