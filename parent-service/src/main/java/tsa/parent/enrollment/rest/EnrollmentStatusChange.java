package tsa.parent.enrollment.rest;

import jakarta.validation.constraints.NotNull;

/** The contract's {@code EnrollmentStatusChange}; the value is checked against {@code EnrollmentStatus}. */
public record EnrollmentStatusChange(@NotNull String enrollmentStatus) {}
