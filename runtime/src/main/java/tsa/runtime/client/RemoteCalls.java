package tsa.runtime.client;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The one translation of a generated REST client's failures into this service's {@link RemoteFailure}s, used by
 * every client wrapper around the generated call: {@code RemoteCalls.call(SERVICE, "list coaches", () -> api...)}.
 * Timeouts, retries and the circuit breaker are the wrapper's (one profile, set in the runtime's
 * {@code META-INF/microprofile-config.properties}); they retry on, and count, {@link RemoteFailure.Unavailable} only.
 */
public final class RemoteCalls {

    private static final Logger LOG = Logger.getLogger(RemoteCalls.class);
    private static final int DETAIL_MAX = 300;

    private RemoteCalls() {}

    /** The call's answer; any failure as a {@link RemoteFailure}. */
    public static <T> T call(String service, String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (WebApplicationException | ProcessingException e) {
            throw translate(service, what, e);
        }
    }

    /** A call without an answer body. */
    public static void run(String service, String what, Runnable call) {
        call(service, what, () -> {
            call.run();
            return null;
        });
    }

    /** The call's answer, or empty when the other service knows no such thing (404). */
    public static <T> Optional<T> find(String service, String what, Supplier<T> call) {
        try {
            return Optional.ofNullable(call(service, what, call));
        } catch (RemoteFailure.NotFound none) {
            return Optional.empty();
        }
    }

    /**
     * The call's answer, or empty when the other service refused it (404 or another 4xx rejection): for a question
     * such as "do you accept this token?", where a refusal is an answer.
     */
    public static <T> Optional<T> unlessRefused(String service, String what, Supplier<T> call) {
        try {
            return Optional.ofNullable(call(service, what, call));
        } catch (RemoteFailure.NotFound | RemoteFailure.Rejected refused) {
            return Optional.empty();
        }
    }

    static RemoteFailure translate(String service, String what, RuntimeException e) {
        if (e instanceof WebApplicationException web && web.getResponse() != null) {
            int status = web.getResponse().getStatus();
            String detail = service + " could not " + what + ": HTTP " + status;
            if (status == 404) {
                return new RemoteFailure.NotFound(service, detail);
            }
            if (status == 409) {
                return new RemoteFailure.Conflict(service, detail);
            }
            if (status == 401 || status == 403) {
                // Our service token was refused: a configuration problem on one side, not the caller's mistake.
                LOG.errorf("%s refused our service token (HTTP %d) to %s", service, status, what);
                return new RemoteFailure.Unavailable(service, detail);
            }
            if (status >= 400 && status < 500 && status != 408 && status != 429) {
                LOG.warnf("%s refused to %s: HTTP %d %s", service, what, status, body(web));
                return new RemoteFailure.Rejected(service, status, detail);
            }
            LOG.warnf("%s could not %s: HTTP %d", service, what, status);
            return new RemoteFailure.Unavailable(service, detail);
        }
        LOG.warnf("%s could not %s: %s", service, what, rootMessage(e));
        return new RemoteFailure.Unavailable(service, service + " could not " + what + ": it can't be reached");
    }

    private static String body(WebApplicationException web) {
        try {
            web.getResponse().bufferEntity();
            String body = web.getResponse().readEntity(String.class);
            return body == null ? "" : body.length() > DETAIL_MAX ? body.substring(0, DETAIL_MAX) : body;
        } catch (RuntimeException unreadable) {
            return "";
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
