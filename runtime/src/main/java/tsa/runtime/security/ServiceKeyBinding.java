package tsa.runtime.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Ties the {@code service} role to the service key: both public keys sit in one JWKS and smallrye-jwt verifies a
 * token with the key its {@code kid} names, so a token is honoured as a service only when signed by the service key,
 * and a token signed by the service key is honoured only as a service. Anything else is refused (401).
 */
@ApplicationScoped
public class ServiceKeyBinding implements SecurityIdentityAugmentor {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    SecuritySettings settings;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        boolean signedByServiceKey = settings.serviceKey().id().equals(keyIdOf(jwt.getRawToken()));
        boolean claimsService = identity.getRoles().contains(Roles.SERVICE);
        boolean onlyService = claimsService && identity.getRoles().size() == 1;
        if (signedByServiceKey != claimsService || (claimsService && !onlyService)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("role and signing key do not match"));
        }
        return Uni.createFrom().item(identity);
    }

    static String keyIdOf(String rawToken) {
        try {
            String header = rawToken.substring(0, rawToken.indexOf('.'));
            JsonNode json = JSON.readTree(new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8));
            return json.path("kid").asText(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
