package tsa.runtime.text;

import java.util.Optional;

/**
 * What text the platform accepts, decided once for every request (JSON strings, path and query values): no NUL, no
 * other control character (C0, DEL, C1), no lone surrogate and no Unicode non-character. Free text may hold line
 * breaks and tabs; names, emails and ids may not ({@link SingleLine}). PostgreSQL refuses NUL in text and JSON, and
 * a line break in a mail header is a header injection, so such text is refused at the edge instead of failing later.
 */
public final class TextRule {

    private TextRule() {}

    /** Why {@code text} is refused as free text (line breaks and tabs allowed), or empty when it is acceptable. */
    public static Optional<String> violationInFreeText(CharSequence text) {
        return violation(text, true);
    }

    /** Why {@code text} is refused as a single-line value (a name, an email, an id), or empty when acceptable. */
    public static Optional<String> violationInSingleLine(CharSequence text) {
        return violation(text, false);
    }

    private static Optional<String> violation(CharSequence text, boolean lineBreaksAllowed) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                if (!lineBreaksAllowed) {
                    return Optional.of("must be a single line (it contains " + codePoint(c) + ")");
                }
            } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                return Optional.of("must not contain control characters (it contains " + codePoint(c) + ")");
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return Optional.of("must be valid Unicode text (it contains a lone surrogate)");
                }
                int cp = Character.toCodePoint(c, text.charAt(++i));
                if ((cp & 0xFFFE) == 0xFFFE) {
                    return Optional.of("must not contain Unicode non-characters (it contains " + codePoint(cp) + ")");
                }
            } else if (Character.isLowSurrogate(c)) {
                return Optional.of("must be valid Unicode text (it contains a lone surrogate)");
            } else if (c == 0xFFFE || c == 0xFFFF || (c >= 0xFDD0 && c <= 0xFDEF)) {
                return Optional.of("must not contain Unicode non-characters (it contains " + codePoint(c) + ")");
            }
        }
        return Optional.empty();
    }

    private static String codePoint(int cp) {
        return String.format("U+%04X", cp);
    }
}
