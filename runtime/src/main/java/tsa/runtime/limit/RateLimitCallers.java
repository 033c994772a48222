package tsa.runtime.limit;

import java.util.Optional;

/**
 * Who a rate-limited call counts for. The default ({@link TokenSubjects}) is the subject of the caller's verified
 * token; a service whose callers carry other credentials (sync-service's standards clients) provides its own.
 */
public interface RateLimitCallers {

    /** The caller's key, or empty when the call is not authenticated (it is then refused without being counted). */
    Optional<String> current();
}
