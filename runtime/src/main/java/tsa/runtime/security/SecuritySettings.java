package tsa.runtime.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Keys and lifetimes of the tokens this service mints. Verification is smallrye-jwt's own configuration
 * ({@code mp.jwt.verify.*}: one JWKS holding the user-session and the service public keys, chosen by {@code kid}).
 */
@ConfigMapping(prefix = "tsa.security")
public interface SecuritySettings {

    /** {@code iss} of every token this platform mints. */
    String issuer();

    /** {@code aud} of every token this platform mints. */
    String audience();

    /** The name this service uses as the subject of its service tokens. */
    String serviceName();

    /** The service key pair shared by the four services (its own {@code kid}). */
    ServiceKey serviceKey();

    /** The user-session key; only admin-service holds its private part. */
    UserKey userKey();

    interface ServiceKey {
        @WithDefault("tsa-service")
        String id();

        /** PEM (PKCS#8) of the service private key: a file path or classpath resource. */
        String privateKeyLocation();

        @WithDefault("PT5M")
        Duration tokenLifetime();
    }

    interface UserKey {
        @WithDefault("tsa-user")
        String id();

        /** PEM (PKCS#8) of the user-session private key; present in admin-service only. */
        Optional<String> privateKeyLocation();

        @WithDefault("PT1H")
        Duration sessionLifetime();
    }
}
