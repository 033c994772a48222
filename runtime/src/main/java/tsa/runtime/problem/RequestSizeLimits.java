package tsa.runtime.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Refuses an oversized request with a problem body before anything reads it: a declared body over
 * {@code quarkus.http.limits.max-body-size} (413), headers over {@code tsa.http.limits.max-header-size} in all (431),
 * a request target over {@code tsa.http.limits.max-request-target-length} (414). The HTTP layer's own limits sit
 * far above these ({@code quarkus.http.limits.max-header-size}, {@code max-initial-line-length}, 64K each) so that only
 * requests far past ours get its bare answers; it also enforces the body limit on bodies without a length,
 * with a bare 413 (no problem body: Quarkus REST answers it while reading the stream, before any handler here).
 */
@ApplicationScoped
public class RequestSizeLimits {

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBodySize;

    @Inject
    RequestLimits limits;

    void install(@Observes Router router) {
        long maxBody = maxBodySize.asLongValue();
        long maxHeaders = limits.maxHeaderSize().asLongValue();
        int maxTarget = limits.maxRequestTargetLength();
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String target = ctx.request().uri();
            if (target.length() > maxTarget) {
                refuse(
                        ctx,
                        414,
                        "uri-too-long",
                        "URI too long",
                        "the request target is longer than " + maxTarget + " characters");
                return;
            }
            if (headerBytes(ctx) > maxHeaders) {
                refuse(
                        ctx,
                        431,
                        "request-header-fields-too-large",
                        "Request header fields too large",
                        "the request headers are larger than " + maxHeaders + " bytes in all");
                return;
            }
            String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && isOver(declared, maxBody)) {
                refuse(
                        ctx,
                        413,
                        "payload-too-large",
                        "Payload too large",
                        "the body is larger than " + maxBody + " bytes");
                return;
            }
            ctx.next();
        });
    }

    /** The headers' size as sent: {@code name: value} and the line break, for each. */
    private static long headerBytes(RoutingContext ctx) {
        long total = 0;
        for (Map.Entry<String, String> header : ctx.request().headers()) {
            total += header.getKey().length() + header.getValue().length() + 4;
        }
        return total;
    }

    private static void refuse(RoutingContext ctx, int status, String kind, String title, String detail) {
        // The rest of an oversized request is not worth reading: the connection goes.
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        ProblemResponses.send(
                ctx,
                new Problem(
                        ProblemResponses.typeUri(kind),
                        title,
                        status,
                        detail,
                        // The path only, and only its first 200 characters: an oversized target is not echoed whole.
                        truncated(ctx.request().path()),
                        List.of()));
    }

    private static String truncated(String path) {
        return path == null || path.length() <= 200 ? path : path.substring(0, 200);
    }

    private static boolean isOver(String declared, long limit) {
        try {
            return Long.parseLong(declared.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
