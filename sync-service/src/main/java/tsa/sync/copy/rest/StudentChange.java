package tsa.sync.copy.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The contract's {@code StudentChange}: the Ed-Fi student whose row parent-service has written. */
public record StudentChange(@NotBlank @Size(max = 50) String studentUniqueId) {}
