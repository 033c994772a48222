package tsa.coach.invitation.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The contract's {@code ParentInvitationExchange}: a {@code p} link token. */
public record ParentInvitationExchange(
        @NotBlank @Size(max = 512) String token) {}
