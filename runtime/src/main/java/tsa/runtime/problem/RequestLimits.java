package tsa.runtime.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The request sizes every service accepts beyond the body limit ({@link RequestSizeLimits}). */
@ConfigMapping(prefix = "tsa.http.limits")
public interface RequestLimits {

    /** All request headers together; more is a 431. Bearer tokens and cookies fit many times over. */
    @WithDefault("16K")
    MemorySize maxHeaderSize();

    /** The request target (path and query) in characters; longer is a 414. */
    @WithDefault("4096")
    int maxRequestTargetLength();
}
