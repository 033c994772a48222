package tsa.runtime.paging;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tsa.runtime.problem.ProblemException;

/**
 * Opaque paging cursors. A DynamoDB cursor is the query's LastEvaluatedKey (string and number key attributes
 * only), written as URL-safe base64 of "name=type:value" lines, so a client can hand it back but never needs to
 * read it. A cursor that does not decode is the client's mistake: 400. Lists kept in PostgreSQL write their
 * position (and the query it belongs to) the same way, so that {@link PageRequest} can check every cursor alike.
 */
public final class PageCursor {

    private PageCursor() {}

    public static String encode(Map<String, AttributeValue> lastEvaluatedKey) {
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        lastEvaluatedKey.forEach((name, value) -> {
            String typed = value.s() != null ? "S:" + value.s() : "N:" + value.n();
            text.append(escape(name)).append('=').append(escape(typed)).append('\n');
        });
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    public static Map<String, AttributeValue> decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                String name = unescape(line.substring(0, eq));
                String typed = unescape(line.substring(eq + 1));
                String value = typed.substring(2);
                if (typed.startsWith("S:")) {
                    key.put(name, AttributeValue.fromS(value));
                } else if (typed.startsWith("N:")) {
                    key.put(name, AttributeValue.fromN(new java.math.BigDecimal(value).toPlainString()));
                } else {
                    throw new IllegalArgumentException("unknown type");
                }
            }
            if (key.isEmpty()) {
                throw new IllegalArgumentException("empty");
            }
            return key;
        } catch (RuntimeException e) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list handed out");
        }
    }

    /** The page size a caller asked for, defaulted and checked as {@link PageRequest} does. */
    public static int limit(Integer requested) {
        return new PageRequest(requested == null ? null : requested.toString(), null).size();
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\n", "\\n").replace("=", "\\e");
    }

    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 'n' ? '\n' : n == 'e' ? '=' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
