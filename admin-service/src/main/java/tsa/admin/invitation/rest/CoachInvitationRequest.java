package tsa.admin.invitation.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import tsa.runtime.text.SingleLine;

/** The contract's {@code CoachInvitationCreate}. */
public record CoachInvitationRequest(
        @NotBlank @Email @Size(max = 254) String coachEmail,
        @SingleLine @NotBlank @Size(max = 100) String firstName,
        @SingleLine @NotBlank @Size(max = 100) String lastName,

        @NotBlank @Pattern(regexp = "[0-9]{1,10}", message = "must be a school id (digits)")
        String schoolId,

        @SingleLine @NotBlank @Size(max = 50) String sport,

        @NotNull @Size(max = 5)
        List<
                        @NotNull
                        @Pattern(
                                regexp =
                                        "invite_parents|manage_enrollments|verify_documents|schedule_appointments|view_students",
                                message = "must be one of invite_parents, manage_enrollments, verify_documents, "
                                        + "schedule_appointments, view_students")
                        String>
                permissions,

        @Size(max = 1000) String message) {}
