package tsa.coach.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import tsa.coach.onboarding.service.OnboardingForm;
import tsa.coach.onboarding.service.OnboardingStep;
import tsa.runtime.problem.Problem;

/** The wizard's steps in the contract's order, what each needs, and how the form is kept in {@code form_data}. */
class OnboardingStepTest {

    private static final OnboardingForm COMPLETE = new OnboardingForm(
            "ana@example.com",
            "Ana",
            "Lopez",
            "+1 512 555 0100",
            "255901001",
            List.of("soccer", "track, field"),
            true,
            true,
            true);

    @Test
    void theStepsAreTheContractsInOrder() {
        assertThat(EnumSet.allOf(OnboardingStep.class))
                .extracting(OnboardingStep::value)
                .containsExactly("personal_info", "school", "sports", "agreements", "review");
        assertThat(OnboardingStep.AGREEMENTS.earlier())
                .containsExactly(OnboardingStep.PERSONAL_INFO, OnboardingStep.SCHOOL, OnboardingStep.SPORTS);
        assertThat(OnboardingStep.PERSONAL_INFO.earlier()).isEmpty();
    }

    @Test
    void aCompleteFormFinishesEveryStep() {
        for (OnboardingStep step : OnboardingStep.values()) {
            assertThat(step.problemsIn(COMPLETE, id -> id.equals("255901001")))
                    .as(step.value())
                    .isEmpty();
        }
    }

    @Test
    void eachStepNamesItsOwnMissingFields() {
        OnboardingForm empty = new OnboardingForm(null, null, null, null, null, null, null, false, null);
        assertThat(OnboardingStep.PERSONAL_INFO.problemsIn(empty, id -> true))
                .extracting(Problem.FieldError::field)
                .containsExactly("formData.firstName", "formData.lastName");
        assertThat(OnboardingStep.SCHOOL.problemsIn(empty, id -> true))
                .extracting(Problem.FieldError::field)
                .containsExactly("formData.schoolId");
        assertThat(OnboardingStep.SPORTS.problemsIn(empty, id -> true))
                .extracting(Problem.FieldError::field)
                .containsExactly("formData.sportSpecialties");
        assertThat(OnboardingStep.AGREEMENTS.problemsIn(empty, id -> true))
                .extracting(Problem.FieldError::field)
                .containsExactly(
                        "formData.termsAccepted", "formData.codeOfConductAccepted", "formData.backgroundCheckConsent");
        assertThat(OnboardingStep.REVIEW.problemsIn(empty, id -> true)).isEmpty();
        assertThat(OnboardingStep.SCHOOL.problemsIn(COMPLETE, id -> false))
                .extracting(Problem.FieldError::message)
                .containsExactly("names no school");
    }

    @Test
    void theFormRoundTripsThroughFormDataAndMergesOnlyWhatASaveCarries() {
        assertThat(COMPLETE.toItem())
                .containsEntry("first_name", "Ana")
                .containsEntry("sport_specialties", "[\"soccer\",\"track, field\"]")
                .containsEntry("terms_accepted", "true");
        assertThat(OnboardingForm.fromItem(COMPLETE.toItem())).isEqualTo(COMPLETE);

        OnboardingForm patch =
                new OnboardingForm("mallory@example.com", null, "Smith", null, null, null, null, false, null);
        OnboardingForm merged = COMPLETE.merge(patch);
        assertThat(merged.email()).isEqualTo("ana@example.com");
        assertThat(merged.firstName()).isEqualTo("Ana");
        assertThat(merged.lastName()).isEqualTo("Smith");
        assertThat(merged.codeOfConductAccepted()).isFalse();
        assertThat(merged.sportSpecialties()).containsExactly("soccer", "track, field");
    }
}
