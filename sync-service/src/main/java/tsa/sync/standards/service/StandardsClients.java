package tsa.sync.standards.service;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import tsa.runtime.limit.RateLimitCallers;
import tsa.sync.apiclient.service.AccessTokens;

/**
 * Who a rate-limited call counts for in sync-service, whose limited operations are the standards' reads: the API
 * client behind the OneRoster or Ed-Fi bearer token. A token that is not live counts for nobody (it is refused with
 * 401 by the operation itself).
 */
@ApplicationScoped
public class StandardsClients implements RateLimitCallers {

    @Inject
    CurrentVertxRequest request;

    @Inject
    AccessTokens tokens;

    @Override
    public Optional<String> current() {
        String authorization = request.getCurrent() == null
                ? null
                : request.getCurrent().request().getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return tokens.clientOf(authorization.substring(7).trim()).map(client -> "api-client:" + client);
    }
}
