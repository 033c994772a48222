package tsa.parent.enrollment.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import tsa.runtime.text.SingleLine;

/** The contract's {@code EnrollmentCreate}; {@code invitationId} defaults to the session's. */
public record EnrollmentCreate(
        @SingleLine @Size(min = 1, max = 64) String invitationId,
        @Min(3) @Max(25) Integer studentAge,
        @SingleLine @Size(max = 10) String dateOfBirth,
        @SingleLine @Size(max = 50) String gradeLevel,
        @SingleLine @Size(max = 10) String startDate) {}
