package tsa.runtime.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Keys and lifetimes of the tokens this service mints, and which service each service key belongs to. Verification
 * is smallrye-jwt's own configuration ({@code mp.jwt.verify.*}: one JWKS holding the user-session public key and
 * the four services' public keys, chosen by {@code kid}).
 */
@ConfigMapping(prefix = "tsa.security")
public interface SecuritySettings {

    /** {@code iss} of every token this platform mints. */
    String issuer();

    /** {@code aud} of every token this platform mints. */
    String audience();

    /** The name this service uses as the subject of its service tokens (its entry in {@link #services()}). */
    String serviceName();

    /**
     * Each service's identity by service name ({@code tsa.security.services.<name>.key-id}): a token signed with that
     * key id is a service token, and only of that service. The defaults follow the naming rule
     * {@code svc-<service name>}, so a deployment needs only the JWKS and its own private key.
     */
    Map<String, ServiceIdentity> services();

    /** This service's own service key pair, whose key id is its entry in {@link #services()}. */
    ServiceKey serviceKey();

    /** The user-session key; only admin-service holds its private part. */
    UserKey userKey();

    interface ServiceIdentity {
        /** The {@code kid} of this service's public key in the JWKS. */
        String keyId();
    }

    interface ServiceKey {
        /** PEM (PKCS#8) of this service's own private key: a file path or classpath resource. */
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
