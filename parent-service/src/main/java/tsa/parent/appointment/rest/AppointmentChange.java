package tsa.parent.appointment.rest;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import tsa.runtime.text.SingleLine;

/**
 * The contract's {@code AppointmentChange}: a {@code status}, or a reschedule ({@code scheduledDate},
 * {@code startTime} and {@code endTime} together), optionally with {@code location} and {@code notes}.
 */
public record AppointmentChange(
        @Pattern(regexp = "confirmed|completed|cancelled", message = "must be confirmed, completed or cancelled")
        String status,

        @Pattern(regexp = AppointmentView.DATE, message = "must be an ISO date (yyyy-MM-dd)")
        String scheduledDate,

        @Pattern(regexp = AppointmentView.TIME, message = "must be a time HH:mm")
        String startTime,

        @Pattern(regexp = AppointmentView.TIME, message = "must be a time HH:mm")
        String endTime,

        @SingleLine @Size(max = 255) String location,
        @Size(max = 1000) String notes) {}
