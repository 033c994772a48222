package tsa.sync.apiclient.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tsa.sync.apiclient.store.ApiClient;
import tsa.sync.apiclient.store.ApiClientToken;
import tsa.sync.apiclient.store.SecretHash;

/**
 * The client-credentials grant: a client proves its secret and gets an opaque bearer token, of which only the hash is
 * stored. A token is good until it expires (read-time check against the clock) or its client is disabled.
 */
@ApplicationScoped
public class AccessTokens {

    public static final String CLIENT_CREDENTIALS = "client_credentials";
    // Compared against when the client id is unknown, so an unknown id costs the same PBKDF2 work as a wrong secret.
    private static final String DUMMY_HASH = SecretHash.hash("not-a-secret", 1000);

    @Inject
    ApiClientSettings settings;

    @Inject
    Clock clock;

    public IssuedToken issue(String grantType, String clientId, String clientSecret, String scope) {
        if (grantType == null || grantType.isBlank()) {
            throw OAuthException.invalidRequest("grant_type is required");
        }
        if (!CLIENT_CREDENTIALS.equals(grantType)) {
            throw new OAuthException(400, "unsupported_grant_type", "only client_credentials is supported");
        }
        if (clientId == null || clientSecret == null || clientId.length() > 64) {
            throw OAuthException.invalidClient();
        }
        ApiClient client = QuarkusTransaction.requiringNew().call(() -> ApiClient.<ApiClient>findById(clientId));
        boolean secretMatches = SecretHash.matches(clientSecret, client == null ? DUMMY_HASH : client.secretHash);
        if (client == null || !secretMatches || !client.enabled) {
            throw OAuthException.invalidClient();
        }
        List<String> allowed = ApiClients.scopesOf(client.allowedScopes);
        List<String> granted;
        if (scope == null || scope.isBlank()) {
            granted = allowed;
        } else {
            granted = List.copyOf(new LinkedHashSet<>(ApiClients.scopesOf(scope)));
            if (!allowed.containsAll(granted)) {
                throw new OAuthException(
                        400,
                        "invalid_scope",
                        "the client may not ask for "
                                + granted.stream()
                                        .filter(s -> !allowed.contains(s))
                                        .toList());
            }
        }
        String token = SecretHash.randomValue(32);
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        QuarkusTransaction.requiringNew().run(() -> {
            ApiClientToken row = new ApiClientToken();
            row.tokenHash = SecretHash.sha256Hex(token);
            row.clientId = clientId;
            row.scopes = String.join(" ", granted);
            row.createdAt = now;
            row.expiresAt = now.plus(settings.tokenLifetime());
            row.persist();
        });
        return new IssuedToken(token, "Bearer", settings.tokenLifetime().toSeconds(), String.join(" ", granted));
    }

    /** The scopes of a live token of an enabled client; empty for anything else. */
    public Optional<Set<String>> scopesOf(String token) {
        return grantOf(token).map(Grant::scopes);
    }

    /** The client a live token of an enabled client was issued to; empty for anything else. */
    public Optional<String> clientOf(String token) {
        return grantOf(token).map(Grant::clientId);
    }

    private record Grant(String clientId, Set<String> scopes) {}

    private Optional<Grant> grantOf(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        return QuarkusTransaction.requiringNew().call(() -> {
            ApiClientToken row = ApiClientToken.findById(SecretHash.sha256Hex(token));
            if (row == null || !row.expiresAt.isAfter(now)) {
                return Optional.empty();
            }
            ApiClient client = ApiClient.findById(row.clientId);
            if (client == null || !client.enabled) {
                return Optional.empty();
            }
            return Optional.of(new Grant(row.clientId, Set.copyOf(ApiClients.scopesOf(row.scopes))));
        });
    }
}
