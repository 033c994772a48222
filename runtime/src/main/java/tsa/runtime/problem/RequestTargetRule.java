package tsa.runtime.problem;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import tsa.runtime.text.TextRule;

/**
 * Checks the request target before anything decodes it: every path segment and query parameter must be valid
 * percent-encoded UTF-8 and a single line of {@link TextRule} text. A malformed escape ({@code ?cursor=%%%}) or a NUL
 * in an id ({@code /users/abc%00}) is a 400 problem naming the parameter, instead of a bare 400 from the HTTP layer
 * or a 500 from PostgreSQL. Every JVM of a service runs with {@code -Dvertx.disableURIValidation=true} (tests, the
 * local run, the images), so that Quarkus' own URI check, which answers a bare 400 before any handler, leaves malformed
 * targets to this one.
 */
@ApplicationScoped
public class RequestTargetRule {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::check);
        // The router fails a request whose target it cannot decode before any handler runs: the same problem body.
        router.route().order(Integer.MIN_VALUE + 1).failureHandler(this::undecodable);
    }

    private void undecodable(RoutingContext ctx) {
        if (ctx.statusCode() != 400 || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        Optional<Violation> violation = pathViolation(ctx.request().path());
        if (violation.isEmpty()) {
            violation = queryViolation(ctx.request().query());
        }
        refuse(ctx, violation.orElse(new Violation("request target", "is not a valid URI")));
    }

    private void check(RoutingContext ctx) {
        Optional<Violation> violation = pathViolation(ctx.request().path());
        if (violation.isEmpty()) {
            violation = queryViolation(ctx.request().query());
        }
        if (violation.isPresent()) {
            refuse(ctx, violation.get());
            return;
        }
        ctx.next();
    }

    /** What is wrong with a request target, and where ({@code path}, or the query parameter's name). */
    record Violation(String where, String reason) {}

    static Optional<Violation> pathViolation(String rawPath) {
        if (rawPath == null) {
            return Optional.empty();
        }
        for (String segment : rawPath.split("/", -1)) {
            Optional<String> decoded = decode(segment, false);
            if (decoded.isEmpty()) {
                return Optional.of(new Violation("path", "is not valid percent-encoded UTF-8"));
            }
            Optional<String> wrong = TextRule.violationInSingleLine(decoded.get());
            if (wrong.isPresent()) {
                return Optional.of(new Violation("path", wrong.get()));
            }
        }
        return Optional.empty();
    }

    static Optional<Violation> queryViolation(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&", -1)) {
            int eq = pair.indexOf('=');
            Optional<String> name = decode(eq < 0 ? pair : pair.substring(0, eq), true);
            if (name.isEmpty() || TextRule.violationInSingleLine(name.get()).isPresent()) {
                return Optional.of(new Violation(
                        "query", "has a parameter name that is not valid " + "percent-encoded single-line UTF-8"));
            }
            String where = "query parameter '" + name.get() + "'";
            Optional<String> value = decode(eq < 0 ? "" : pair.substring(eq + 1), true);
            if (value.isEmpty()) {
                return Optional.of(new Violation(where, "is not valid percent-encoded UTF-8"));
            }
            Optional<String> wrong = TextRule.violationInSingleLine(value.get());
            if (wrong.isPresent()) {
                return Optional.of(new Violation(where, wrong.get()));
            }
        }
        return Optional.empty();
    }

    /** Strict percent-decoding: empty for a malformed escape or bytes that are not UTF-8. */
    static Optional<String> decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && !(plusIsSpace && raw.indexOf('+') >= 0)) {
            return Optional.of(raw);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else {
                byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                bytes.write(encoded, 0, encoded.length);
            }
        }
        try {
            return Optional.of(StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static void refuse(RoutingContext ctx, Violation violation) {
        String reason = violation.reason();
        ProblemResponses.send(
                ctx,
                new Problem(
                        ProblemResponses.typeUri("bad-request"),
                        "Invalid request",
                        400,
                        "the " + violation.where() + " " + reason,
                        ctx.request().path(),
                        List.of(new Problem.FieldError(violation.where(), reason))));
    }
}
