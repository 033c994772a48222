package tsa.sync.oneroster.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collections;
import java.util.Set;
import tsa.sync.apiclient.service.AccessTokens;

/** Who may read: a live client-credentials token carrying one of the scopes the endpoint's security names. */
@ApplicationScoped
public class OneRosterAccess {

    @Inject
    AccessTokens tokens;

    public void require(String authorization, Set<String> anyOfScopes) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw OneRosterException.unauthorised();
        }
        Set<String> granted =
                tokens.scopesOf(authorization.substring(7).trim()).orElseThrow(OneRosterException::unauthorised);
        if (Collections.disjoint(granted, anyOfScopes)) {
            throw new OneRosterException(403, "forbidden", "the token's scopes do not include one of " + anyOfScopes);
        }
    }
}
