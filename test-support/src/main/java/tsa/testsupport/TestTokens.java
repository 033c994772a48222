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

    private TestTokens() {
    }

    public static String admin(String email) {
        return user("admin", email, Map.of());
    }

    public static String coach(String email, String coachId, String invitationId) {
        return user("coach", email, Map.of("coachId", coachId, "invitationId", invitationId));
    }

    public static String parent(String email, String invitationId) {
        return user("parent", email, Map.of("parentEmail", email, "invitationId", invitationId));
    }

    public static String service() {
        return sign(claims("service", "test-service", Map.of()), SigningKeys.SERVICE_KEY_ID,
                SigningKeys.shared().service().getPrivate());
    }

    public static String user(String role, String email, Map<String, String> ids) {
        JwtClaimsBuilder claims = claims(role, email, ids).claim("email", email);
        return sign(claims, SigningKeys.USER_KEY_ID, SigningKeys.shared().user().getPrivate());
    }

    /** A user-key token that claims the service role. */
    public static String serviceRoleSignedWithUserKey() {
        return sign(claims("service", "intruder", Map.of()), SigningKeys.USER_KEY_ID,
                SigningKeys.shared().user().getPrivate());
    }

    /** An admin token signed by a key nobody trusts, presenting the user key's id. */
    public static String adminSignedWithUnknownKey(String email) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return sign(claims("admin", email, Map.of()).claim("email", email), SigningKeys.USER_KEY_ID,
                    generator.generateKeyPair().getPrivate());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String adminExpired(String email) {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        return sign(claims("admin", email, Map.of()).claim("email", email).issuedAt(past)
                .expiresAt(past.plus(Duration.ofMinutes(5))), SigningKeys.USER_KEY_ID,
                SigningKeys.shared().user().getPrivate());
    }

    public static String adminWithIssuer(String email, String issuer) {
        return sign(claims("admin", email, Map.of()).claim("email", email).issuer(issuer), SigningKeys.USER_KEY_ID,
                SigningKeys.shared().user().getPrivate());
    }

    public static String adminWithAudience(String email, String audience) {
        return sign(claims("admin", email, Map.of()).claim("email", email).audience(audience),
                SigningKeys.USER_KEY_ID, SigningKeys.shared().user().getPrivate());
    }

    /** An unsigned token ({@code alg: none}) claiming to be an admin. */
    public static String adminUnsigned(String email) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = Instant.now().getEpochSecond();
        String header = b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"tsa-user\"}"
                .getBytes(StandardCharsets.UTF_8));
        String body = b64.encodeToString(("{\"iss\":\"" + SigningKeys.ISSUER + "\",\"aud\":\"" + SigningKeys.AUDIENCE
                + "\",\"sub\":\"" + email + "\",\"email\":\"" + email + "\",\"groups\":[\"admin\"],\"iat\":" + now
                + ",\"exp\":" + (now + 600) + ",\"jti\":\"" + UUID.randomUUID() + "\"}").getBytes(StandardCharsets.UTF_8));
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

    private static String sign(JwtClaimsBuilder claims, String keyId, PrivateKey key) {
        return claims.jws().keyId(keyId).sign(key);
    }
}
