package tsa.admin.user.rest;

import jakarta.validation.constraints.NotNull;

/** The contract's {@code UserEnabledChange}: {@code PATCH /api/admin/users/{sourcedId}}. */
public record UserEnabledChange(@NotNull Boolean enabledUser) {}
