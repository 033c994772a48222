package tsa.admin.invitation.service;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import tsa.runtime.state.StatusMachine;

/**
 * The coach invitation's state machine (seed: {@code sent|accepted|expired|cancelled}). {@code expired} is also
 * what a {@code sent} invitation past its {@code expires_at} is, whether or not that was written yet. A resend is
 * {@code sent -> sent} or {@code expired -> sent} (new secret, new expiry); accepted and cancelled are final.
 */
public enum CoachInvitationStatus implements StatusMachine<CoachInvitationStatus> {
    SENT("sent"),
    ACCEPTED("accepted"),
    EXPIRED("expired"),
    CANCELLED("cancelled");

    private final String value;

    CoachInvitationStatus(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    public static Optional<CoachInvitationStatus> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }

    /** Open: its link signs the coach in and onboarding can complete it. */
    public boolean isOpen() {
        return this == SENT;
    }

    @Override
    public Set<CoachInvitationStatus> next() {
        return switch (this) {
            case SENT -> Set.of(ACCEPTED, EXPIRED, CANCELLED, SENT);
            case EXPIRED -> Set.of(SENT, CANCELLED);
            case ACCEPTED, CANCELLED -> Set.of();
        };
    }
}
