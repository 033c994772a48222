package tsa.admin.invitation.service;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The coach invitation's state machine (seed: {@code sent|accepted|expired|cancelled}). {@code expired} is also
 * what a {@code sent} invitation past its {@code expires_at} is, whether or not that was written yet.
 */
public enum CoachInvitationStatus {
    SENT("sent"), ACCEPTED("accepted"), EXPIRED("expired"), CANCELLED("cancelled");

    private final String value;

    CoachInvitationStatus(String value) {
        this.value = value;
    }

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

    public boolean canBeAccepted() {
        return this == SENT;
    }

    public boolean canBeCancelled() {
        return this == SENT || this == EXPIRED;
    }

    /** Resend replaces the secret and the expiry; it revives an expired invitation. */
    public boolean canBeResent() {
        return this == SENT || this == EXPIRED;
    }

    public Set<CoachInvitationStatus> next() {
        return switch (this) {
            case SENT -> Set.of(ACCEPTED, EXPIRED, CANCELLED, SENT);
            case EXPIRED -> Set.of(SENT, CANCELLED);
            case ACCEPTED, CANCELLED -> Set.of();
        };
    }
}
