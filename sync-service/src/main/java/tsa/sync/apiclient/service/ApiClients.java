package tsa.sync.apiclient.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import tsa.runtime.audit.AdminAction;
import tsa.runtime.audit.AdminAuditTrail;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Caller;
import tsa.sync.apiclient.store.ApiClient;
import tsa.sync.apiclient.store.ApiClientToken;
import tsa.sync.apiclient.store.SecretHash;

/** What admins do with API clients: create one (its secret shown once), list them, disable one (audited). */
@ApplicationScoped
public class ApiClients {

    public static final String RESOURCE_TYPE = "api_client";
    private static final int NAME_MAX = 255;

    @Inject
    AdminAuditTrail audit;

    @Inject
    ApiClientSettings settings;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    public ApiClientCredentials create(String name, List<String> scopes) {
        if (name == null || name.isBlank() || name.length() > NAME_MAX) {
            throw ProblemException.invalidField("name", "must be 1 to " + NAME_MAX + " characters");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw ProblemException.invalidField("scopes", "must name at least one of " + KNOWN_SCOPES);
        }
        List<String> wanted = List.copyOf(new LinkedHashSet<>(scopes));
        for (String scope : wanted) {
            if (!KNOWN_SCOPES.contains(scope)) {
                throw ProblemException.invalidField("scopes", "must each be one of " + KNOWN_SCOPES);
            }
        }
        String clientId = "or-" + SecretHash.randomValue(16);
        String secret = SecretHash.randomValue(32);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("name", name);
        after.put("scopes", wanted);
        after.put("enabled", true);
        AdminAction action = new AdminAction(
                AdminAction.CREATE,
                RESOURCE_TYPE,
                clientId,
                "create the API client " + clientId + " (" + name + ")",
                null,
                after);
        String hash = SecretHash.hash(secret, settings.secretHashIterations());
        String createdBy = caller.email();
        ApiClient created = audit.audited(
                action,
                () -> QuarkusTransaction.requiringNew().call(() -> {
                    ApiClient client = new ApiClient();
                    client.clientId = clientId;
                    client.name = name;
                    client.secretHash = hash;
                    client.allowedScopes = String.join(" ", wanted);
                    client.enabled = true;
                    client.createdBy = createdBy;
                    client.createdAt = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
                    client.persist();
                    return client;
                }));
        return view(created, secret);
    }

    public List<ApiClientCredentials> list() {
        return QuarkusTransaction.requiringNew()
                .call(() ->
                        ApiClient.<ApiClient>listAll(io.quarkus.panache.common.Sort.by("createdAt")
                                        .and("clientId"))
                                .stream()
                                .map(client -> view(client, null))
                                .toList());
    }

    /** Disables the client and revokes its tokens at once; disabling a disabled client changes nothing. */
    public void disable(String clientId) {
        ApiClient current = QuarkusTransaction.requiringNew().call(() -> ApiClient.<ApiClient>findById(clientId));
        if (current == null) {
            throw ProblemException.notFound("no API client " + clientId);
        }
        AdminAction action = new AdminAction(
                AdminAction.UPDATE,
                RESOURCE_TYPE,
                clientId,
                "disable the API client " + clientId + " and revoke its tokens",
                Map.of("enabled", current.enabled),
                Map.of("enabled", false));
        audit.audited(
                action,
                () -> QuarkusTransaction.requiringNew().call(() -> {
                    ApiClient client = ApiClient.findById(clientId);
                    client.enabled = false;
                    ApiClientToken.revokeAllOf(clientId);
                    return client;
                }));
    }

    /** The OneRoster scopes and the Ed-Fi ones ({@link EdFiScopes}). */
    static final List<String> KNOWN_SCOPES = java.util.stream.Stream.concat(
                    OneRosterScopes.ALL.stream(), EdFiScopes.ALL.stream())
            .toList();

    static List<String> scopesOf(String spaceSeparated) {
        return spaceSeparated == null || spaceSeparated.isBlank()
                ? List.of()
                : Arrays.stream(spaceSeparated.trim().split(" +")).toList();
    }

    private static ApiClientCredentials view(ApiClient client, String secret) {
        return new ApiClientCredentials(
                client.clientId,
                secret,
                client.name,
                scopesOf(client.allowedScopes),
                client.enabled,
                client.createdAt.toInstant(ZoneOffset.UTC));
    }
}
