package tsa.admin.auth.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "tsa.sign-in")
public interface SignInSettings {

    /** How long a sign-in link works (architecture.md: 15 minutes, single use). */
    @WithDefault("PT15M")
    Duration linkLifetime();

    /**
     * At most this many links per address asked from one client address in any window (sliding). Counted per client
     * too, so that a stranger who spends them does not lock the address's owner out.
     */
    @WithDefault("5")
    int linksPerWindow();

    /** At most this many links per address in any window, whoever asks (bounds the mail a victim can be sent). */
    @WithDefault("15")
    int linksPerAddressPerWindow();

    /** At most this many link requests from one client address in any window, for any addresses. */
    @WithDefault("30")
    int requestsPerClientPerWindow();

    /** The sliding window of the three limits. */
    @WithDefault("PT15M")
    Duration rateWindow();
}
