package tsa.coach.profile.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The contract's {@code ProfileStatusChange}; the reason is admin-service's to audit, not stored here. */
public record ProfileStatusChange(
        @NotNull @Pattern(regexp = "active|inactive|pending", message = "must be one of active, inactive, pending")
        String profileStatus,

        @Size(max = 500) String reason) {}
