package tsa.admin.user.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tsa.runtime.paging.PageCursor;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.problem.ProblemException;

/**
 * The opaque cursor of a directory search: keyset paging on {@code sourced_id}, bound to the query it was issued
 * for (a digest of the filter), so that a cursor handed to another query is refused (400) instead of skipping rows.
 * Written as a {@link PageCursor}, like every cursor of the platform.
 */
final class DirectoryCursor {

    private static final String QUERY = "query";
    private static final String AFTER = "after";

    private DirectoryCursor() {}

    static String encode(String query, String lastSourcedId) {
        Map<String, AttributeValue> position = new LinkedHashMap<>();
        position.put(QUERY, AttributeValue.fromS(digest(query)));
        position.put(AFTER, AttributeValue.fromS(lastSourcedId));
        return PageCursor.encode(position);
    }

    /** The last {@code sourced_id} of the previous page, or "" for the first page (every id sorts after it). */
    static String decode(String query, PageRequest request) {
        Map<String, AttributeValue> position = request.startKey();
        if (position == null) {
            return "";
        }
        AttributeValue issuedFor = position.get(QUERY);
        AttributeValue after = position.get(AFTER);
        if (position.size() == 2
                && issuedFor != null
                && digest(query).equals(issuedFor.s())
                && after != null
                && after.s() != null
                && !after.s().isEmpty()) {
            return after.s();
        }
        throw ProblemException.invalidField("cursor", "is not a cursor this search handed out");
    }

    private static String digest(String query) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
