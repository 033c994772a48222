package tsa.coach.onboarding.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import tsa.runtime.problem.Problem;

/**
 * The wizard's steps, in the contract's order, each with what it needs before it can be saved (and all of them before
 * completion). A step is finished when its fields are complete and valid, wherever they came from (the invitation's
 * prefill counts), so a coach may move on as soon as the earlier steps are finished and go back at any time.
 */
public enum OnboardingStep {
    PERSONAL_INFO("personal_info"),
    SCHOOL("school"),
    SPORTS("sports"),
    AGREEMENTS("agreements"),
    REVIEW("review");

    public static final int MAX_NAME = 100;
    public static final int MAX_SPORTS = 10;
    public static final int MAX_SPORT = 50;
    public static final String PHONE_PATTERN = "^\\+?[0-9 ()-]{7,20}$";

    private final String value;

    OnboardingStep(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<OnboardingStep> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }

    /** The steps before this one, which must be finished before this one is saved. */
    public List<OnboardingStep> earlier() {
        return Arrays.asList(values()).subList(0, ordinal());
    }

    /**
     * What is missing or wrong in this step's own fields, as field errors on {@code formData.*}; empty when the step
     * is finished. {@code schoolExists} says whether a school id names a row of {@code schools}.
     */
    public List<Problem.FieldError> problemsIn(OnboardingForm form, Predicate<String> schoolExists) {
        List<Problem.FieldError> problems = new ArrayList<>();
        switch (this) {
            case PERSONAL_INFO -> {
                name(form.firstName(), "firstName", problems);
                name(form.lastName(), "lastName", problems);
                if (form.phone() != null
                        && (form.phone().length() > 20 || !form.phone().matches(PHONE_PATTERN))) {
                    problems.add(error("phone", "must be a phone number: digits, spaces, ( ) - and a leading +"));
                }
            }
            case SCHOOL -> {
                if (blank(form.schoolId())) {
                    problems.add(error("schoolId", "is required"));
                } else if (!schoolExists.test(form.schoolId())) {
                    problems.add(error("schoolId", "names no school"));
                }
            }
            case SPORTS -> {
                List<String> sports = form.sportSpecialties();
                if (sports == null || sports.isEmpty() || sports.size() > MAX_SPORTS) {
                    problems.add(error("sportSpecialties", "needs 1 to " + MAX_SPORTS + " sports"));
                } else {
                    for (int i = 0; i < sports.size(); i++) {
                        String sport = sports.get(i);
                        if (blank(sport) || sport.length() > MAX_SPORT) {
                            problems.add(
                                    error("sportSpecialties[" + i + "]", "must be 1 to " + MAX_SPORT + " characters"));
                        }
                    }
                    if (new HashSet<>(sports).size() != sports.size()) {
                        problems.add(error("sportSpecialties", "must not repeat a sport"));
                    }
                }
            }
            case AGREEMENTS -> {
                agreed(form.termsAccepted(), "termsAccepted", problems);
                agreed(form.codeOfConductAccepted(), "codeOfConductAccepted", problems);
                agreed(form.backgroundCheckConsent(), "backgroundCheckConsent", problems);
            }
            case REVIEW -> {
                // no fields of its own: reaching it needs every earlier step finished
            }
        }
        return problems;
    }

    private static void name(String value, String field, List<Problem.FieldError> problems) {
        if (blank(value)) {
            problems.add(error(field, "is required"));
        } else if (value.length() > MAX_NAME) {
            problems.add(error(field, "must be at most " + MAX_NAME + " characters"));
        }
    }

    private static void agreed(Boolean value, String field, List<Problem.FieldError> problems) {
        if (!Boolean.TRUE.equals(value)) {
            problems.add(error(field, "must be accepted"));
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static Problem.FieldError error(String field, String message) {
        return new Problem.FieldError("formData." + field, message);
    }
}
