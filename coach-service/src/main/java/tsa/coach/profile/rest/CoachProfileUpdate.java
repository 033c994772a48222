package tsa.coach.profile.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import tsa.coach.profile.service.ProfileEdit;
import tsa.runtime.text.SingleLine;

/**
 * The contract's {@code CoachProfileUpdate}. The read-only fields of {@code CoachProfile} are read only to refuse
 * them by name (the email is a sign-in address and can't be changed here).
 */
public record CoachProfileUpdate(
        @SingleLine @NotBlank @Size(max = 100) String firstName,
        @SingleLine @NotBlank @Size(max = 100) String lastName,

        @Size(max = 20) @Pattern(regexp = "\\+?[0-9 ()-]{7,20}", message = "must be a phone number")
        String phone,

        @NotNull @Pattern(regexp = "[0-9]{1,10}", message = "must be a school id (digits)")
        String schoolId,

        @NotNull @Size(min = 1, max = 10) List<@SingleLine @NotBlank @Size(max = 50) String> sportSpecialties,
        JsonNode email,
        JsonNode coachId,
        JsonNode profileStatus,
        JsonNode createdAt,
        JsonNode updatedAt,
        JsonNode version) {

    /** The read-only fields this body carries anyway. */
    List<String> readOnlyFieldsPresent() {
        List<String> present = new ArrayList<>();
        if (email != null) {
            present.add("email");
        }
        if (coachId != null) {
            present.add("coachId");
        }
        if (profileStatus != null) {
            present.add("profileStatus");
        }
        if (createdAt != null) {
            present.add("createdAt");
        }
        if (updatedAt != null) {
            present.add("updatedAt");
        }
        if (version != null) {
            present.add("version");
        }
        return present;
    }

    ProfileEdit toEdit() {
        return new ProfileEdit(firstName, lastName, phone, schoolId, sportSpecialties);
    }
}
