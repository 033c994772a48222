package tsa.sync.apiclient.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import tsa.sync.apiclient.service.AccessTokens;
import tsa.sync.apiclient.service.OAuthException;

/**
 * The OAuth 2 token endpoint of the OneRoster API (client credentials, RFC 6749 section 4.4): credentials by HTTP
 * Basic or in the form body, never both. Errors are OAuth's {@code {"error": ...}} bodies.
 */
@Path("/ims/oneroster/oauth/token")
@PermitAll
public class OAuthTokenResource {

    @Inject
    AccessTokens tokens;

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response issueToken(@HeaderParam("Authorization") String authorization, String form) {
        return clientCredentialsGrant(tokens, authorization, form(form));
    }

    @ServerExceptionMapper
    public Response oauthError(OAuthException e) {
        return errorResponse(e, "oneroster");
    }

    /**
     * The client-credentials grant of every token endpoint (OneRoster's and Ed-Fi's): credentials by HTTP Basic or in
     * the form body, never both; the token answer is never cached.
     */
    public static Response clientCredentialsGrant(
            AccessTokens tokens, String authorization, MultivaluedMap<String, String> form) {
        String clientId = single(form, "client_id");
        String clientSecret = single(form, "client_secret");
        if (authorization != null) {
            if (clientId != null || clientSecret != null) {
                throw OAuthException.invalidRequest("send the client's credentials one way only");
            }
            String[] basic = basic(authorization);
            clientId = basic[0];
            clientSecret = basic[1];
        }
        return Response.ok(tokens.issue(single(form, "grant_type"), clientId, clientSecret, single(form, "scope")))
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .build();
    }

    /** OAuth's {@code {"error": ...}} body; a 401 names the endpoint's Basic realm. */
    public static Response errorResponse(OAuthException e, String realm) {
        Response.ResponseBuilder response = Response.status(e.status())
                .type(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store")
                .entity(Map.of("error", e.error(), "error_description", e.getMessage()));
        if (e.status() == 401) {
            response.header("WWW-Authenticate", "Basic realm=\"" + realm + "\"");
        }
        return response.build();
    }

    /**
     * The form body, decoded here rather than by the framework so that a malformed one (a broken percent escape) is
     * OAuth's {@code invalid_request}, not a server error.
     */
    public static MultivaluedMap<String, String> form(String body) {
        MultivaluedMap<String, String> form = new MultivaluedHashMap<>();
        if (body == null) {
            return form;
        }
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                form.add(name, value);
            } catch (IllegalArgumentException malformed) {
                throw OAuthException.invalidRequest("the body is not a valid application/x-www-form-urlencoded form");
            }
        }
        return form;
    }

    public static String single(MultivaluedMap<String, String> form, String name) {
        List<String> values = form == null ? null : form.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw OAuthException.invalidRequest(name + " is repeated");
        }
        return values.get(0);
    }

    /** RFC 6749 section 2.3.1: Basic with the form-urlencoded id and secret. */
    public static String[] basic(String authorization) {
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            throw OAuthException.invalidClient();
        }
        try {
            String decoded = new String(
                    Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw OAuthException.invalidClient();
            }
            return new String[] {
                URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
            };
        } catch (IllegalArgumentException malformed) {
            throw OAuthException.invalidClient();
        }
    }
}
