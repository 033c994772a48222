package tsa.sync.apiclient.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** OAuth 2 client credentials of the standards APIs. */
@ConfigMapping(prefix = "tsa.api-clients")
public interface ApiClientSettings {

    /** How long an access token lives. */
    @WithDefault("PT1H")
    Duration tokenLifetime();

    /** PBKDF2 iterations for new client secrets (stored with each hash, so raising it keeps old secrets working). */
    @WithDefault("210000")
    int secretHashIterations();
}
