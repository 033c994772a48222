package tsa.model;

import java.util.Locale;

/** Values of {@code profile_sync_log.sync_status}, stored in lower case; {@code pending} is the column default. */
public enum SyncStatus {
    PENDING,
    PROCESSING,
    COMPLETED,
    FAILED;

    /** The stored value. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SyncStatus fromValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
