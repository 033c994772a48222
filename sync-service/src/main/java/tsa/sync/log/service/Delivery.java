package tsa.sync.log.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a {@code profile_sync_log} row has been processed so far, kept beside the snapshot in {@code sync_data} under
 * {@code "delivery"} (the table has no columns for it, and the log is where an admin looks): how often it was claimed
 * and attempted in this round, when each attempt failed and why, when it may be tried next, and what the last
 * successful attempt did ({@code applied} or {@code superseded} by a newer version).
 */
public final class Delivery {

    public static final String KEY = "delivery";
    public static final String CLAIMS = "claims";
    public static final String CLAIMED_AT = "claimedAt";
    public static final String ATTEMPTS = "attempts";
    public static final String FAILED_AT = "failedAt";
    public static final String LAST_ERROR = "lastError";
    public static final String NEXT_ATTEMPT_AT = "nextAttemptAt";
    public static final String OUTCOME = "outcome";

    private Delivery() {}

    /** The row's delivery state, as a fresh mutable map. */
    public static Map<String, Object> of(Map<String, Object> syncData) {
        Object delivery = syncData == null ? null : syncData.get(KEY);
        Map<String, Object> copy = new LinkedHashMap<>();
        if (delivery instanceof Map<?, ?> map) {
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
        }
        return copy;
    }

    /** {@code sync_data} with its delivery state replaced (a new map, so the change is seen as one). */
    public static Map<String, Object> with(Map<String, Object> syncData, Map<String, Object> delivery) {
        Map<String, Object> data = new LinkedHashMap<>(syncData == null ? Map.of() : syncData);
        data.put(KEY, delivery);
        return data;
    }

    public static int number(Map<String, Object> delivery, String key) {
        return delivery.get(key) instanceof Number n ? n.intValue() : 0;
    }

    public static List<String> failedAt(Map<String, Object> delivery) {
        List<String> times = new ArrayList<>();
        if (delivery.get(FAILED_AT) instanceof List<?> list) {
            list.forEach(t -> times.add(String.valueOf(t)));
        }
        return times;
    }
}
