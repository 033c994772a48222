package tsa.admin.user.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The contract's {@code AdministratorCreate}: {@code POST /api/admin/users}. */
public record AdministratorCreate(
        @NotBlank @Email @Size(max = 254) String email,
        @Size(max = 255) String givenName,
        @Size(max = 255) String familyName) {}
