package tsa.sync.log.service;

/** A change that can't be applied as things stand (e.g. the {@code users} row is not a coach's). */
public class SyncRejectedException extends RuntimeException {

    private final String reason;

    public SyncRejectedException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** A short, stable name for the metrics ({@code not_a_coach_row}). */
    public String reason() {
        return reason;
    }
}
