package tsa.coach.onboarding.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import tsa.coach.onboarding.service.OnboardingForm;
import tsa.coach.onboarding.service.OnboardingStep;
import tsa.runtime.text.SingleLine;

/**
 * The contract's {@code OnboardingFormData}, in both directions: what a save carries (every field optional, a field
 * present replaces the stored one) and what a session shows.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OnboardingFormData(
        @SingleLine @Size(min = 1, max = 100) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        String firstName,

        @SingleLine @Size(min = 1, max = 100) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
        String lastName,

        @Size(max = 20)
        @Pattern(
                regexp = OnboardingStep.PHONE_PATTERN,
                message = "must be a phone number: digits, spaces, ( ) - and a leading +")
        String phone,

        @Pattern(regexp = "^[0-9]{1,10}$", message = "must be a school id (digits)")
        String schoolId,

        @Size(min = 1, max = 10)
        List<@NotNull @Size(min = 1, max = 50) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String>
                sportSpecialties,

        Boolean termsAccepted,
        Boolean codeOfConductAccepted,
        Boolean backgroundCheckConsent) {

    OnboardingForm toForm() {
        return new OnboardingForm(
                null,
                trim(firstName),
                trim(lastName),
                trim(phone),
                schoolId,
                sportSpecialties == null
                        ? null
                        : sportSpecialties.stream().map(String::trim).toList(),
                termsAccepted,
                codeOfConductAccepted,
                backgroundCheckConsent);
    }

    static OnboardingFormData of(OnboardingForm form) {
        return new OnboardingFormData(
                form.firstName(),
                form.lastName(),
                form.phone(),
                form.schoolId(),
                form.sportSpecialties(),
                form.termsAccepted(),
                form.codeOfConductAccepted(),
                form.backgroundCheckConsent());
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
