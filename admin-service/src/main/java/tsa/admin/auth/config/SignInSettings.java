package tsa.admin.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "tsa.sign-in")
public interface SignInSettings {

    /** How long a sign-in link works (architecture.md: 15 minutes, single use). */
    @WithDefault("PT15M")
    Duration linkLifetime();

    /** At most this many links per email per window. */
    @WithDefault("5")
    int linksPerWindow();

    @WithDefault("PT15M")
    Duration rateWindow();
}
