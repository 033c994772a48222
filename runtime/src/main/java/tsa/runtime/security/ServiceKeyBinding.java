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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Ties the {@code service} role to the services' own keys. All public keys sit in one JWKS and smallrye-jwt verifies
 * a token with the key its {@code kid} names, so the {@code kid} of a verified token says who signed it: a token is a
 * service token exactly when its {@code kid} is one of the configured service keys
 * ({@link SecuritySettings#services()}), and its {@code sub} must then be the service that key belongs to, so no
 * service can speak for another. The user key signs no service role and a service key signs nothing else. Anything
 * else is refused (401).
 */
@ApplicationScoped
public class ServiceKeyBinding implements SecurityIdentityAugmentor {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> serviceByKeyId;

    @Inject
    public ServiceKeyBinding(SecuritySettings settings) {
        this.serviceByKeyId = serviceByKeyId(settings);
    }

    /** The service whose key signed this token, from its verified {@code kid}; empty for any other key. */
    public Optional<String> serviceOfKey(String keyId) {
        return Optional.ofNullable(keyId).map(serviceByKeyId::get);
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return Uni.createFrom().item(identity);
        }
        Optional<String> signingService = serviceOfKey(keyIdOf(jwt.getRawToken()));
        boolean claimsService = identity.getRoles().contains(Roles.SERVICE);
        boolean onlyService = claimsService && identity.getRoles().size() == 1;
        if (signingService.isPresent() != claimsService || (claimsService && !onlyService)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("role and signing key do not match"));
        }
        if (signingService.isPresent() && !signingService.get().equals(jwt.getSubject())) {
            return Uni.createFrom()
                    .failure(new AuthenticationFailedException("a service token names another service than its key's"));
        }
        return Uni.createFrom().item(identity);
    }

    private static Map<String, String> serviceByKeyId(SecuritySettings settings) {
        Map<String, String> byKeyId = new HashMap<>();
        settings.services().forEach((service, identity) -> {
            String previous = byKeyId.put(identity.keyId(), service);
            if (previous != null) {
                throw new IllegalStateException("services " + previous + " and " + service + " share the key id "
                        + identity.keyId() + "; each service needs its own key");
            }
        });
        if (byKeyId.containsKey(settings.userKey().id())) {
            throw new IllegalStateException(
                    "the user-session key id " + settings.userKey().id() + " is also configured as a service key id");
        }
        return Map.copyOf(byKeyId);
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
