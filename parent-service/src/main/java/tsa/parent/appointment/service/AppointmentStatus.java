package tsa.parent.appointment.service;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import tsa.runtime.state.StatusMachine;

/**
 * An appointment's status (seed: {@code scheduled|confirmed|completed|cancelled}) and its transitions:
 * {@code scheduled -> confirmed -> completed}, {@code scheduled|confirmed -> cancelled}, and a reschedule, which
 * puts a scheduled or confirmed appointment back to {@code scheduled}. Completed and cancelled are final.
 */
public enum AppointmentStatus implements StatusMachine<AppointmentStatus> {
    SCHEDULED("scheduled"),
    CONFIRMED("confirmed"),
    COMPLETED("completed"),
    CANCELLED("cancelled");

    private final String value;

    AppointmentStatus(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    public static Optional<AppointmentStatus> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }

    @Override
    public Set<AppointmentStatus> next() {
        return switch (this) {
            case SCHEDULED -> Set.of(CONFIRMED, CANCELLED, SCHEDULED);
            case CONFIRMED -> Set.of(COMPLETED, CANCELLED, SCHEDULED);
            case COMPLETED, CANCELLED -> Set.of();
        };
    }

    /** Whether the appointment occupies its coach's time: every status but cancelled (a completed one took place). */
    public boolean occupiesTime() {
        return this != CANCELLED;
    }
}
