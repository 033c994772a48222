package tsa.coach.invitation.service;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import tsa.runtime.state.StatusMachine;

/**
 * The parent invitation's state machine (seed: {@code sent|opened|accepted|expired}, plus {@code cancelled}):
 * {@code sent -> opened -> accepted}, {@code sent|opened -> expired} (past {@code expires_at}, whether or not that was
 * written yet), {@code sent|opened -> cancelled}; a resend keeps {@code sent} or {@code opened} and revives an
 * expired one as {@code sent}.
 */
public enum ParentInvitationStatus implements StatusMachine<ParentInvitationStatus> {
    SENT("sent"),
    OPENED("opened"),
    ACCEPTED("accepted"),
    EXPIRED("expired"),
    CANCELLED("cancelled");

    private final String value;

    ParentInvitationStatus(String value) {
        this.value = value;
    }

    @Override
    public String value() {
        return value;
    }

    public static Optional<ParentInvitationStatus> of(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }

    /** Open: its link signs the parent in, it can be accepted, and it holds its (coach, parent, student) slot. */
    public boolean isOpen() {
        return this == SENT || this == OPENED;
    }

    @Override
    public Set<ParentInvitationStatus> next() {
        return switch (this) {
            case SENT -> Set.of(OPENED, ACCEPTED, EXPIRED, CANCELLED, SENT);
            case OPENED -> Set.of(ACCEPTED, EXPIRED, CANCELLED, OPENED);
            case EXPIRED -> Set.of(SENT);
            case ACCEPTED, CANCELLED -> Set.of();
        };
    }
}
