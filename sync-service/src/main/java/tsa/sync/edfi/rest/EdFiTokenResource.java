package tsa.sync.edfi.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Map;
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
    public Response issueToken(
            @HeaderParam("Authorization") String authorization, MultivaluedMap<String, String> form) {
        String clientId = OAuthTokenResource.single(form, "client_id");
        String clientSecret = OAuthTokenResource.single(form, "client_secret");
        if (authorization != null) {
            if (clientId != null || clientSecret != null) {
                throw OAuthException.invalidRequest("send the client's credentials one way only");
            }
            String[] basic = OAuthTokenResource.basic(authorization);
            clientId = basic[0];
            clientSecret = basic[1];
        }
        var issued = tokens.issue(
                OAuthTokenResource.single(form, "grant_type"),
                clientId,
                clientSecret,
                OAuthTokenResource.single(form, "scope"));
        return Response.ok(issued)
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .build();
    }

    @ServerExceptionMapper
    public Response oauthError(OAuthException e) {
        Response.ResponseBuilder response = Response.status(e.status())
                .type(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store")
                .entity(Map.of("error", e.error(), "error_description", e.getMessage()));
        if (e.status() == 401) {
            response.header("WWW-Authenticate", "Basic realm=\"edfi\"");
        }
        return response.build();
    }
}
