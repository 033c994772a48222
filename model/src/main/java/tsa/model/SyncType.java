package tsa.model;

import java.util.Locale;

/** Values of {@code profile_sync_log.sync_type}, stored in lower case. */
public enum SyncType {
    CREATE,
    UPDATE,
    DELETE;

    /** The stored value. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SyncType fromValue(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
