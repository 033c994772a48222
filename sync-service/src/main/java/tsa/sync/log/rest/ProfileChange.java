package tsa.sync.log.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import tsa.model.SyncType;
import tsa.runtime.problem.Problem;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.text.SingleLine;
import tsa.runtime.time.Timestamps;
import tsa.sync.log.service.ProfileSnapshot;

/**
 * The contract's {@code ProfileChange}: a coach profile as coach-service holds it after a change. A {@code delete}
 * needs only its type, the coach id and the version; a {@code create} or {@code update} also the profile's names,
 * school and status.
 */
public record ProfileChange(
        @NotNull @Pattern(regexp = "create|update|delete", message = "must be create, update or delete")
        String changeType,

        @NotBlank @Size(max = 255) String coachId,
        @NotNull @PositiveOrZero Long version,
        @SingleLine @Size(max = 255) String firstName,
        @SingleLine @Size(max = 255) String lastName,
        @Email @Size(max = 255) String email,
        @Size(max = 20) String phone,

        @Pattern(regexp = "[0-9]{1,10}", message = "must be 1 to 10 decimal digits")
        String schoolId,

        List<@NotNull @Size(max = 255) String> sportSpecialties,

        @Pattern(regexp = "active|inactive|pending", message = "must be active, inactive or pending")
        String profileStatus,

        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    public SyncType syncType() {
        return SyncType.fromValue(changeType);
    }

    /** The snapshot to record; refuses a create or update that lacks what the users row needs. */
    public ProfileSnapshot snapshot() {
        if (syncType() != SyncType.DELETE) {
            List<Problem.FieldError> missing = new ArrayList<>();
            require(missing, "firstName", firstName);
            require(missing, "lastName", lastName);
            require(missing, "schoolId", schoolId);
            require(missing, "profileStatus", profileStatus);
            if (!missing.isEmpty()) {
                throw new ProblemException(
                        400,
                        "validation",
                        "Invalid request",
                        "a " + changeType + " needs "
                                + String.join(
                                        ", ",
                                        missing.stream()
                                                .map(Problem.FieldError::field)
                                                .toList()),
                        missing);
            }
        }
        return new ProfileSnapshot(
                coachId,
                version,
                firstName,
                lastName,
                email,
                phone,
                schoolId,
                sportSpecialties,
                profileStatus,
                utc(createdAt),
                utc(updatedAt));
    }

    private static void require(List<Problem.FieldError> missing, String field, String value) {
        if (value == null || value.isBlank()) {
            missing.add(new Problem.FieldError(field, "is required for a create or update"));
        }
    }

    private static String utc(OffsetDateTime time) {
        return time == null ? null : Timestamps.format(time.toInstant());
    }
}
