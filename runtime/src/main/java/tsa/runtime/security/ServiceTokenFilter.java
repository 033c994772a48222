package tsa.runtime.security;

import jakarta.inject.Inject;
import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/** Puts this service's own service token on every call a generated REST client makes to another service. */
public class ServiceTokenFilter implements ClientRequestFilter {

    @Inject
    TokenMinter tokens;

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + tokens.serviceToken());
    }
}
