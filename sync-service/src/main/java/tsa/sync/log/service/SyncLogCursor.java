package tsa.sync.log.service;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;
import tsa.runtime.problem.ProblemException;

/**
 * The sync log's opaque cursor: the last row's position ({@code created_at}, {@code sync_id}) and the filters of the
 * query it was issued for, so that it can't be replayed against another query (400).
 */
record SyncLogCursor(String status, String profileId, LocalDateTime createdAt, UUID syncId) {

    private static final String VERSION = "1";
    private static final String SEPARATOR = "\n";

    String encode() {
        String text = String.join(SEPARATOR, VERSION, nullToEmpty(status), nullToEmpty(profileId),
                createdAt.toString(), syncId.toString());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    static SyncLogCursor decode(String cursor, String status, String profileId) {
        if (cursor == null) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                    .split(SEPARATOR, -1);
            if (parts.length != 5 || !VERSION.equals(parts[0])) {
                throw new IllegalArgumentException("shape");
            }
            SyncLogCursor decoded = new SyncLogCursor(emptyToNull(parts[1]), emptyToNull(parts[2]),
                    LocalDateTime.parse(parts[3]), UUID.fromString(parts[4]));
            if (!Objects.equals(decoded.status, status) || !Objects.equals(decoded.profileId, profileId)) {
                throw new IllegalArgumentException("another query");
            }
            return decoded;
        } catch (RuntimeException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list handed out for this query");
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
