package tsa.sync.edfi.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import tsa.sync.apiclient.rest.OAuthTokenResource;
import tsa.sync.apiclient.service.AccessTokens;
import tsa.sync.apiclient.service.OAuthException;

/** The Ed-Fi API's token endpoint: the same API clients and grant as OneRoster's (client credentials). */
@Path("/edfi/oauth/token")
@PermitAll
public class EdFiTokenResource {

    @Inject
    AccessTokens tokens;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response issueToken(@HeaderParam("Authorization") String authorization, String form) {
        return OAuthTokenResource.clientCredentialsGrant(tokens, authorization, OAuthTokenResource.form(form));
    }

    @ServerExceptionMapper
    public Response oauthError(OAuthException e) {
        return OAuthTokenResource.errorResponse(e, "edfi");
    }
}
