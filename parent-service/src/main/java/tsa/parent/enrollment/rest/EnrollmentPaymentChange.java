package tsa.parent.enrollment.rest;

import jakarta.validation.constraints.NotNull;

/** The contract's {@code EnrollmentPaymentChange}; the value is checked against {@code PaymentStatus}. */
public record EnrollmentPaymentChange(@NotNull String paymentStatus) {}
