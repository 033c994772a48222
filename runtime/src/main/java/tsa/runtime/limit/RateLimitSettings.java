package tsa.runtime.limit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;
import java.time.Duration;
import java.util.Map;

/**
 * The per-caller limits of expensive reads, by name ({@code tsa.rate-limits.<name>.requests} and {@code .window}):
 * at most {@code requests} calls of the operations that name the limit per caller in each {@code window}.
 */
@ConfigMapping(prefix = "tsa.rate-limits")
public interface RateLimitSettings {

    @WithParentName
    Map<String, Limit> limits();

    interface Limit {
        /** Calls allowed per caller in one window. */
        int requests();

        /** The window's length; it starts at a caller's first call after the previous window ended. */
        Duration window();
    }
}
