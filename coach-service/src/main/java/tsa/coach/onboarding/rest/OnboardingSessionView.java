package tsa.coach.onboarding.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import tsa.coach.onboarding.service.OnboardingSessions;
import tsa.coach.onboarding.service.OnboardingStep;
import tsa.coach.onboarding.store.OnboardingSession;
import tsa.runtime.time.Timestamps;

/** The contract's {@code OnboardingSession}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
// Native image: sent as the entity of a jakarta.ws.rs.core.Response (or inside a Page), whose type Quarkus
// can't see, so Jackson's reflection on it (and on the types of its fields) is registered here.
@RegisterForReflection(registerFullHierarchy = true)
public record OnboardingSessionView(
        String sessionId,
        String coachId,
        String invitationId,
        String email,
        String onboardingStep,
        List<String> completedSteps,
        OnboardingFormData formData,
        String createdAt,
        String updatedAt,
        String expiresAt) {

    static OnboardingSessionView of(OnboardingSessions.SessionState state) {
        OnboardingSession s = state.session();
        return new OnboardingSessionView(
                s.sessionId(),
                s.coachId(),
                s.invitationId(),
                state.form().email(),
                s.onboardingStep(),
                state.completedSteps().stream().map(OnboardingStep::value).toList(),
                OnboardingFormData.of(state.form()),
                s.createdAt(),
                s.updatedAt(),
                Timestamps.format(Instant.ofEpochSecond(s.expirationTime())));
    }
}
