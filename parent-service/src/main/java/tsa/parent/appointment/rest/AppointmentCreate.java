package tsa.parent.appointment.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tsa.runtime.text.SingleLine;

/** The contract's {@code AppointmentCreate}. */
public record AppointmentCreate(
        @SingleLine @NotBlank @Size(max = 255) String coachId,
        @SingleLine @NotBlank @Size(max = 200) String studentName,

        @NotNull @Pattern(regexp = AppointmentView.TYPES, message = "must be consultation, shadow_day or assessment")
        String appointmentType,

        @NotNull @Pattern(regexp = AppointmentView.DATE, message = "must be an ISO date (yyyy-MM-dd)")
        String scheduledDate,

        @NotNull @Pattern(regexp = AppointmentView.TIME, message = "must be a time HH:mm")
        String startTime,

        @NotNull @Pattern(regexp = AppointmentView.TIME, message = "must be a time HH:mm")
        String endTime,

        @SingleLine @Size(max = 255) String location,
        @Size(max = 1000) String notes) {}
