package tsa.runtime.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A magic-link token, {@code <kind>.<recordId>.<secret>} (architecture.md): kind {@code s} (sign-in), {@code c}
 * (coach invitation) or {@code p} (parent invitation), the id of the record holding the secret's hash, and 128 bits
 * from SecureRandom, URL-safe. Only the hex SHA-256 of the secret is ever stored; comparison is constant-time.
 * {@link #toString()} hides the secret, so a token that reaches a log line leaks nothing.
 */
public record LinkToken(Kind kind, String recordId, String secret) {

    private static final Pattern RECORD_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{22,86}");

    public enum Kind {
        SIGN_IN("s"),
        COACH_INVITATION("c"),
        PARENT_INVITATION("p");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        static Optional<Kind> of(String code) {
            for (Kind kind : values()) {
                if (kind.code.equals(code)) {
                    return Optional.of(kind);
                }
            }
            return Optional.empty();
        }
    }

    /** A new token for a record, with a fresh 128-bit secret. */
    public static LinkToken issue(Kind kind, String recordId) {
        byte[] bytes = new byte[16];
        // A SecureRandom per call, not a static one: Quarkus initialises application classes while building a
        // native image, and a SecureRandom made then would sit seeded in the image heap (the builder refuses it).
        new SecureRandom().nextBytes(bytes);
        return new LinkToken(
                kind, recordId, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** Reads a token as a client sent it; empty when it is not of the documented shape. */
    public static Optional<LinkToken> parse(String text) {
        if (text == null || text.length() > 200) {
            return Optional.empty();
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 3
                || !RECORD_ID.matcher(parts[1]).matches()
                || !SECRET.matcher(parts[2]).matches()) {
            return Optional.empty();
        }
        return Kind.of(parts[0]).map(kind -> new LinkToken(kind, parts[1], parts[2]));
    }

    /** The text that goes into a link. */
    public String value() {
        return kind.code + "." + recordId + "." + secret;
    }

    /** What is stored: the hex SHA-256 of the secret. */
    public String secretHash() {
        return sha256Hex(secret);
    }

    /** Whether this token's secret is the one whose hash was stored, compared in constant time. */
    public boolean matches(String storedHash) {
        if (storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(
                secretHash().getBytes(StandardCharsets.US_ASCII), storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    public static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "LinkToken[" + kind.code + "." + recordId + ".***]";
    }
}
