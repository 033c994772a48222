package tsa.parent.enrollment.service;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import tsa.runtime.state.StatusMachine;

/**
 * An enrollment's status (seed: {@code pending|active|completed}, plus {@code cancelled}):
 * {@code pending -> active -> completed}, {@code pending|active -> cancelled}. Each status may "become" itself: a
 * change that keeps the status (and, for {@code active}, finishes an activation a failure left half-done).
 */
public enum EnrollmentStatus implements StatusMachine<EnrollmentStatus> {
    PENDING("pending"),
    ACTIVE("active"),
    COMPLETED("completed"),
    CANCELLED("cancelled");

    private final String value;

    EnrollmentStatus(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    @Override
    public Set<EnrollmentStatus> next() {
        return switch (this) {
            case PENDING -> Set.of(PENDING, ACTIVE, CANCELLED);
            case ACTIVE -> Set.of(ACTIVE, COMPLETED, CANCELLED);
            case COMPLETED -> Set.of(COMPLETED);
            case CANCELLED -> Set.of(CANCELLED);
        };
    }

    /** Program steps are recorded only while the enrollment is open. */
    public boolean takesMilestones() {
        return this == PENDING || this == ACTIVE;
    }

    public static Optional<EnrollmentStatus> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }

    /** The stored status; an item that carries none or an unknown one is a broken record, not the caller's fault. */
    public static EnrollmentStatus stored(String value) {
        return of(value).orElseThrow(() -> new IllegalStateException("unknown enrollment_status " + value));
    }
}
