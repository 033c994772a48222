package tsa.coach.onboarding.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** The contract's {@code OnboardingStepSave}. */
public record OnboardingStepSave(
        @NotNull
        @Pattern(
                regexp = "personal_info|school|sports|agreements|review",
                message = "must be one of personal_info, school, sports, agreements, review")
        String onboardingStep,

        @NotNull @Valid OnboardingFormData formData) {}
