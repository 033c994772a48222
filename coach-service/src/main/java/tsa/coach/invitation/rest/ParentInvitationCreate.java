package tsa.coach.invitation.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import tsa.runtime.text.SingleLine;

/** The contract's {@code ParentInvitationCreate}. */
public record ParentInvitationCreate(
        @NotBlank @Email @Size(max = 254) String parentEmail,
        @SingleLine @NotBlank @Size(max = 200) String studentName,
        @SingleLine @NotBlank @Size(max = 50) String sport) {}
