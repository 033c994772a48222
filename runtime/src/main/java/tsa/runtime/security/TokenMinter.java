package tsa.runtime.security;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Mints the platform's JWTs (RS256): this service's own service tokens ({@code sub} = its name, signed with its own
 * service key), and (in admin-service, the only holder of the user-session key) user sessions. Tokens never appear
 * in logs.
 */
@ApplicationScoped
public class TokenMinter {

    private static final Duration REUSE_MARGIN = Duration.ofSeconds(30);

    private final SecuritySettings settings;
    private final Clock clock;
    private volatile PrivateKey serviceKey;
    private volatile PrivateKey userKey;
    private volatile MintedToken cachedServiceToken;

    @Inject
    public TokenMinter(SecuritySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** A minted token, its id and its lifetime. */
    public record MintedToken(String token, String jti, Instant expiresAt) {
        public long expiresInSeconds(Instant now) {
            return Math.max(0, Duration.between(now, expiresAt).toSeconds());
        }
    }

    /** A service token for calls to another service; reused until shortly before it expires. */
    public String serviceToken() {
        MintedToken cached = cachedServiceToken;
        Instant now = clock.instant();
        if (cached != null && cached.expiresAt().isAfter(now.plus(REUSE_MARGIN))) {
            return cached.token();
        }
        MintedToken fresh = sign(
                Jwt.claims().subject(settings.serviceName()).groups(Set.of(Roles.SERVICE)),
                settings.serviceKey().tokenLifetime(),
                ownServiceKeyId(),
                serviceKey());
        cachedServiceToken = fresh;
        return fresh.token();
    }

    /**
     * A user session: {@code sub} and {@code email} are the address, {@code groups} the one role, and the person's ids
     * ({@code coachId}, {@code invitationId}, {@code parentEmail}) as extra claims.
     */
    public MintedToken userSession(String role, String email, Map<String, String> ids) {
        JwtClaimsBuilder claims =
                Jwt.claims().subject(email).claim("email", email).groups(Set.of(role));
        ids.forEach(claims::claim);
        return sign(
                claims, settings.userKey().sessionLifetime(), settings.userKey().id(), userKey());
    }

    private MintedToken sign(JwtClaimsBuilder claims, Duration lifetime, String keyId, PrivateKey key) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        String jti = UUID.randomUUID().toString();
        String token = claims.issuer(settings.issuer())
                .audience(settings.audience())
                .issuedAt(now)
                .expiresAt(expiresAt)
                .claim("jti", jti)
                .jws()
                .keyId(keyId)
                .sign(key);
        return new MintedToken(token, jti, expiresAt);
    }

    /** The key id of this service's own key: its entry in {@code tsa.security.services}. */
    private String ownServiceKeyId() {
        SecuritySettings.ServiceIdentity own = settings.services().get(settings.serviceName());
        if (own == null) {
            throw new IllegalStateException(
                    "tsa.security.services names no key for this service, " + settings.serviceName());
        }
        return own.keyId();
    }

    private PrivateKey serviceKey() {
        if (serviceKey == null) {
            serviceKey = PemKeys.readPrivateKey(settings.serviceKey().privateKeyLocation());
        }
        return serviceKey;
    }

    private PrivateKey userKey() {
        if (userKey == null) {
            String location = settings.userKey()
                    .privateKeyLocation()
                    .orElseThrow(() -> new IllegalStateException("this service holds no user-session key"));
            userKey = PemKeys.readPrivateKey(location);
        }
        return userKey;
    }
}
