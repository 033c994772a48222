package tsa.admin.user.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import tsa.runtime.problem.ProblemException;

/**
 * The opaque cursor of a directory search: keyset paging on {@code sourced_id}, bound to the query it was issued
 * for (a digest of the filter), so that a cursor handed to another query is refused (400) instead of skipping rows.
 */
final class DirectoryCursor {

    private static final String VERSION = "u1";

    private DirectoryCursor() {
    }

    static String encode(String query, String lastSourcedId) {
        String text = VERSION + "\n" + digest(query) + "\n" + lastSourcedId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The last {@code sourced_id} of the previous page, or "" for the first page (every id sorts after it). */
    static String decode(String query, String cursor) {
        if (cursor == null) {
            return "";
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", 3);
            if (parts.length == 3 && VERSION.equals(parts[0]) && digest(query).equals(parts[1])
                    && !parts[2].isEmpty()) {
                return parts[2];
            }
        } catch (IllegalArgumentException notBase64) {
            // refused below, like any other cursor this query did not hand out
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
