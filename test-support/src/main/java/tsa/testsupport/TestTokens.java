package tsa.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Tokens as the platform mints them (signed with the throwaway keys of {@link SigningKeys}), for callers of every
 * kind, and forged ones that every service must refuse.
 */
public final class TestTokens {

    private TestTokens() {}

    public static String admin(String email) {
        return user("admin", email, Map.of());
    }

    public static String coach(String email, String coachId, String invitationId) {
        return user("coach", email, Map.of("coachId", coachId, "invitationId", invitationId));
    }

    public static String parent(String email, String invitationId) {
        return user("parent", email, Map.of("parentEmail", email, "invitationId", invitationId));
    }

    /** A service token of one of the four services: {@code sub} = its name, signed with its own key. */
    public static String service(String serviceName) {
        return service(SigningKeys.shared(), serviceName);
    }

    /** A service token of a service, signed with that service's key from {@code keys} (e.g. a local system's). */
    public static String service(SigningKeys keys, String serviceName) {
        return sign(
                claims("service", serviceName, Map.of()),
                SigningKeys.serviceKeyId(serviceName),
                keys.service(serviceName).getPrivate());
    }

    /**
     * A genuine service token for tests where only the role matters, on operations that no service may call (any
     * service is refused there alike).
     */
    public static String anyService() {
        return service("admin-service");
    }

    /** A token signed with {@code keyOwner}'s own key whose {@code sub} names another service. */
    public static String serviceClaimingToBe(String claimedService, String keyOwner) {
        return sign(
                claims("service", claimedService, Map.of()),
                SigningKeys.serviceKeyId(keyOwner),
                SigningKeys.shared().service(keyOwner).getPrivate());
    }

    /** A service token signed by a key nobody trusts, presenting the service's own key id. */
    public static String serviceSignedWithUnknownKey(String serviceName) {
        return sign(claims("service", serviceName, Map.of()), SigningKeys.serviceKeyId(serviceName), unknownKey());
    }

    /** A service token of a service nobody knows, with a key id that is in no JWKS. */
    public static String serviceWithUnknownKeyId() {
        return sign(
                claims("service", "intruder-service", Map.of()),
                SigningKeys.serviceKeyId("intruder-service"),
                unknownKey());
    }

    /** A service's own key signing an admin session (a service key signs nothing but service tokens). */
    public static String adminSignedWithServiceKey(String serviceName, String email) {
        return sign(
                claims("admin", email, Map.of()).claim("email", email),
                SigningKeys.serviceKeyId(serviceName),
                SigningKeys.shared().service(serviceName).getPrivate());
    }

    public static String user(String role, String email, Map<String, String> ids) {
        JwtClaimsBuilder claims = claims(role, email, ids).claim("email", email);
        return sign(claims, SigningKeys.USER_KEY_ID, SigningKeys.shared().user().getPrivate());
    }

    /** A user-key token that claims the service role. */
    public static String serviceRoleSignedWithUserKey() {
        return sign(
                claims("service", "intruder", Map.of()),
                SigningKeys.USER_KEY_ID,
                SigningKeys.shared().user().getPrivate());
    }

    /** An admin token signed by a key nobody trusts, presenting the user key's id. */
    public static String adminSignedWithUnknownKey(String email) {
        return sign(claims("admin", email, Map.of()).claim("email", email), SigningKeys.USER_KEY_ID, unknownKey());
    }

    public static String adminExpired(String email) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return sign(
                claims("admin", email, Map.of())
                        .claim("email", email)
                        .issuedAt(past)
                        .expiresAt(past.plus(Duration.ofMinutes(5))),
                SigningKeys.USER_KEY_ID,
                SigningKeys.shared().user().getPrivate());
    }

    public static String adminWithIssuer(String email, String issuer) {
        return sign(
                claims("admin", email, Map.of()).claim("email", email).issuer(issuer),
                SigningKeys.USER_KEY_ID,
                SigningKeys.shared().user().getPrivate());
    }

    public static String adminWithAudience(String email, String audience) {
        return sign(
                claims("admin", email, Map.of()).claim("email", email).audience(audience),
                SigningKeys.USER_KEY_ID,
                SigningKeys.shared().user().getPrivate());
    }

    /** An unsigned token ({@code alg: none}) claiming to be an admin. */
    public static String adminUnsigned(String email) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString(
                "{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"tsa-user\"}".getBytes(StandardCharsets.UTF_8));
        String body = b64.encodeToString(("{\"iss\":\"" + SigningKeys.ISSUER + "\",\"aud\":\"" + SigningKeys.AUDIENCE
                        + "\",\"sub\":\"" + email + "\",\"email\":\"" + email + "\",\"groups\":[\"admin\"],\"iat\":"
                        + now
                        + ",\"exp\":" + (now + 600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + body + ".";
    }

    private static JwtClaimsBuilder claims(String role, String subject, Map<String, String> ids) {
        Instant now = Instant.now();
        JwtClaimsBuilder claims = Jwt.claims()
                .issuer(SigningKeys.ISSUER)
                .audience(SigningKeys.AUDIENCE)
                .subject(subject)
                .groups(Set.of(role))
                .issuedAt(now)
                .expiresAt(now.plus(Duration.ofMinutes(30)))
                .claim("jti", UUID.randomUUID().toString());
        ids.forEach(claims::claim);
        return claims;
    }

    private static PrivateKey unknownKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JwtClaimsBuilder claims, String keyId, PrivateKey key) {
        return claims.jws().keyId(keyId).sign(key);
    }
}
