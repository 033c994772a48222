package tsa.sync.log.service;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tsa.runtime.paging.PageCursor;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.problem.ProblemException;

/**
 * The sync log's opaque cursor: the last row's position ({@code created_at}, {@code sync_id}) and the filters of the
 * query it was issued for, so that it can't be replayed against another query (400). Written as a
 * {@link PageCursor}, like every cursor of the platform.
 */
record SyncLogCursor(String status, String profileId, LocalDateTime createdAt, UUID syncId) {

    private static final String VERSION = "1";

    String encode() {
        Map<String, AttributeValue> position = new LinkedHashMap<>();
        position.put("v", AttributeValue.fromS(VERSION));
        position.put("status", AttributeValue.fromS(nullToEmpty(status)));
        position.put("profile_id", AttributeValue.fromS(nullToEmpty(profileId)));
        position.put("created_at", AttributeValue.fromS(createdAt.toString()));
        position.put("sync_id", AttributeValue.fromS(syncId.toString()));
        return PageCursor.encode(position);
    }

    static SyncLogCursor decode(PageRequest request, String status, String profileId) {
        Map<String, AttributeValue> position = request.startKey();
        if (position == null) {
            return null;
        }
        try {
            if (position.size() != 5 || !VERSION.equals(text(position, "v"))) {
                throw new IllegalArgumentException("shape");
            }
            SyncLogCursor decoded = new SyncLogCursor(
                    emptyToNull(text(position, "status")),
                    emptyToNull(text(position, "profile_id")),
                    LocalDateTime.parse(text(position, "created_at")),
                    UUID.fromString(text(position, "sync_id")));
            if (!Objects.equals(decoded.status, status) || !Objects.equals(decoded.profileId, profileId)) {
                throw new IllegalArgumentException("another query");
            }
            return decoded;
        } catch (RuntimeException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list handed out for this query");
        }
    }

    private static String text(Map<String, AttributeValue> position, String name) {
        AttributeValue value = position.get(name);
        if (value == null || value.s() == null) {
            throw new IllegalArgumentException("no " + name);
        }
        return value.s();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    private static String emptyToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
