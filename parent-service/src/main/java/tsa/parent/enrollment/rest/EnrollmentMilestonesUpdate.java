package tsa.parent.enrollment.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import tsa.runtime.text.SingleLine;

/** The contract's {@code EnrollmentMilestonesUpdate}: the steps completed now. */
public record EnrollmentMilestonesUpdate(
        @NotNull @Size(min = 1, max = 50)
        List<@NotNull @NotBlank @SingleLine @Size(max = 100) String> progressMilestones) {}
