package tsa.parent.document.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The contract's {@code DocumentVerification}: {@code approved|rejected}, a note (required to reject). */
public record DocumentVerificationRequest(
        @NotNull String verificationStatus, @Size(max = 500) String note) {}
