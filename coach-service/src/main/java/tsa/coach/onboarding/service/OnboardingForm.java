package tsa.coach.onboarding.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wizard's form data (the contract's {@code OnboardingFormData}) plus the invited address, which the invitation
 * prefills and the coach cannot change. Stored flat in the session's {@code form_data} map under the seed's
 * snake_case names; the sport specialties are kept as one JSON array text, so a sport may contain any character.
 */
public record OnboardingForm(
        String email,
        String firstName,
        String lastName,
        String phone,
        String schoolId,
        List<String> sportSpecialties,
        Boolean termsAccepted,
        Boolean codeOfConductAccepted,
        Boolean backgroundCheckConsent) {

    static final String EMAIL = "email";
    static final String FIRST_NAME = "first_name";
    static final String LAST_NAME = "last_name";
    static final String PHONE = "phone";
    static final String SCHOOL_ID = "school_id";
    static final String SPORT_SPECIALTIES = "sport_specialties";
    static final String TERMS_ACCEPTED = "terms_accepted";
    static final String CODE_OF_CONDUCT_ACCEPTED = "code_of_conduct_accepted";
    static final String BACKGROUND_CHECK_CONSENT = "background_check_consent";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    public OnboardingForm {
        sportSpecialties = sportSpecialties == null ? null : List.copyOf(sportSpecialties);
    }

    /** This form with the fields {@code patch} carries replacing the stored ones (the email is never patched). */
    public OnboardingForm merge(OnboardingForm patch) {
        return new OnboardingForm(
                email,
                patch.firstName != null ? patch.firstName : firstName,
                patch.lastName != null ? patch.lastName : lastName,
                patch.phone != null ? patch.phone : phone,
                patch.schoolId != null ? patch.schoolId : schoolId,
                patch.sportSpecialties != null ? patch.sportSpecialties : sportSpecialties,
                patch.termsAccepted != null ? patch.termsAccepted : termsAccepted,
                patch.codeOfConductAccepted != null ? patch.codeOfConductAccepted : codeOfConductAccepted,
                patch.backgroundCheckConsent != null ? patch.backgroundCheckConsent : backgroundCheckConsent);
    }

    /** The item's {@code form_data}: only the fields that have a value. */
    public Map<String, String> toItem() {
        Map<String, String> item = new LinkedHashMap<>();
        put(item, EMAIL, email);
        put(item, FIRST_NAME, firstName);
        put(item, LAST_NAME, lastName);
        put(item, PHONE, phone);
        put(item, SCHOOL_ID, schoolId);
        if (sportSpecialties != null) {
            try {
                item.put(SPORT_SPECIALTIES, JSON.writeValueAsString(sportSpecialties));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        put(item, TERMS_ACCEPTED, termsAccepted == null ? null : termsAccepted.toString());
        put(item, CODE_OF_CONDUCT_ACCEPTED, codeOfConductAccepted == null ? null : codeOfConductAccepted.toString());
        put(item, BACKGROUND_CHECK_CONSENT, backgroundCheckConsent == null ? null : backgroundCheckConsent.toString());
        return item;
    }

    public static OnboardingForm fromItem(Map<String, String> item) {
        Map<String, String> data = item == null ? Map.of() : item;
        List<String> sports = null;
        String sportsText = data.get(SPORT_SPECIALTIES);
        if (sportsText != null) {
            try {
                sports = JSON.readValue(sportsText, STRINGS);
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable sport_specialties in a stored session", e);
            }
        }
        return new OnboardingForm(
                data.get(EMAIL),
                data.get(FIRST_NAME),
                data.get(LAST_NAME),
                data.get(PHONE),
                data.get(SCHOOL_ID),
                sports,
                flag(data.get(TERMS_ACCEPTED)),
                flag(data.get(CODE_OF_CONDUCT_ACCEPTED)),
                flag(data.get(BACKGROUND_CHECK_CONSENT)));
    }

    private static Boolean flag(String text) {
        return text == null ? null : Boolean.valueOf(text);
    }

    private static void put(Map<String, String> item, String name, String value) {
        if (value != null) {
            item.put(name, value);
        }
    }
}
