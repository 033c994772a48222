package tsa.runtime.paging;

import jakarta.ws.rs.QueryParam;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tsa.runtime.problem.ProblemException;

/**
 * The {@code limit} and {@code cursor} query parameters of every list operation (the contracts' {@code Limit} and
 * {@code Cursor}), taken as a {@code @BeanParam}. Both are read as text and checked when the request is bound,
 * before the resource method runs, so a bad value is always the same 400 problem naming the parameter (never
 * JAX-RS's 404 for a query parameter that does not convert, never a check that depends on the other filters).
 *
 * @param limit  the page size as sent, 1 to {@link #MAX_LIMIT}; {@link #DEFAULT_LIMIT} when absent
 * @param cursor the {@code nextCursor} of the previous page as sent, or null for the first page; it must decode as
 *               a {@link PageCursor} (whether it belongs to this query is the list's own check)
 */
public record PageRequest(
        @QueryParam("limit") String limit,
        @QueryParam("cursor") String cursor) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    /** The contracts' {@code maxLength} of a cursor. */
    public static final int MAX_CURSOR_LENGTH = 2048;

    public PageRequest {
        if (limit != null) {
            int size;
            try {
                size = limit.matches("[0-9]{1,9}") ? Integer.parseInt(limit) : -1;
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                throw ProblemException.invalidField("limit", "must be a whole number between 1 and " + MAX_LIMIT);
            }
        }
        if (cursor != null) {
            if (cursor.isEmpty() || cursor.length() > MAX_CURSOR_LENGTH) {
                throw ProblemException.invalidField("cursor", "is not a cursor this list handed out");
            }
            PageCursor.decode(cursor);
        }
    }

    /** The first page of {@code size} items. */
    public static PageRequest first(int size) {
        return new PageRequest(Integer.toString(size), null);
    }

    /** The page size: as asked, or the default. */
    public int size() {
        return limit == null ? DEFAULT_LIMIT : Integer.parseInt(limit);
    }

    /** Where the page starts: the decoded cursor, or null for the first page. */
    public Map<String, AttributeValue> startKey() {
        return PageCursor.decode(cursor);
    }
}
