package tsa.parent.appointment.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import tsa.parent.appointment.store.Appointment;

/** The contract's {@code Appointment}. */
// Native image: sent as the entity of a jakarta.ws.rs.core.Response (or inside a Page), whose type Quarkus
// can't see, so Jackson's reflection on it (and on the types of its fields) is registered here.
@RegisterForReflection(registerFullHierarchy = true)
public record AppointmentView(
        String appointmentId,
        String coachId,
        String parentEmail,
        String studentName,
        String appointmentType,
        String scheduledDate,
        String startTime,
        String endTime,
        String status,
        String location,
        String notes,
        boolean confirmationSent,
        String createdAt) {

    static final String TYPES = "consultation|shadow_day|assessment";
    static final String DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
    /** The contract's {@code TimeOfDay}. */
    static final String TIME = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

    static AppointmentView of(Appointment a) {
        return new AppointmentView(
                a.appointmentId(),
                a.coachId(),
                a.parentEmail(),
                a.studentName(),
                a.appointmentType(),
                a.scheduledDate(),
                a.startTime(),
                a.endTime(),
                a.status(),
                a.location(),
                a.notes(),
                Boolean.TRUE.equals(a.confirmationSent()),
                a.createdAt());
    }
}
