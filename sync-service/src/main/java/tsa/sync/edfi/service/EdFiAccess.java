package tsa.sync.edfi.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.Set;
import tsa.sync.apiclient.service.AccessTokens;
import tsa.sync.apiclient.service.EdFiScopes;

/** Who may use the Ed-Fi resources: a live client-credentials token with an Ed-Fi read or write scope. */
@ApplicationScoped
public class EdFiAccess {

    @Inject
    AccessTokens tokens;

    public void requireRead(String authorization) {
        require(authorization, EdFiScopes.READERS);
    }

    public void requireWrite(String authorization) {
        require(authorization, EdFiScopes.WRITERS);
    }

    private void require(String authorization, Set<String> anyOf) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw EdFiException.unauthorised();
        }
        Set<String> granted =
                tokens.scopesOf(authorization.substring(7).trim()).orElseThrow(EdFiException::unauthorised);
        if (Collections.disjoint(granted, anyOf)) {
            throw EdFiException.forbidden("The token's scopes do not include one of " + anyOf + ".");
        }
    }
}
