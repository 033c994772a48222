package tsa.sync.edfi.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import tsa.runtime.limit.RateLimitExceeded;
import tsa.runtime.limit.RateLimited;
import tsa.runtime.problem.DatabaseUnavailable;
import tsa.runtime.problem.ProblemResponses;
import tsa.sync.edfi.service.EdFiAccess;
import tsa.sync.edfi.service.EdFiException;
import tsa.sync.edfi.service.EdFiResources;

/**
 * Ed-Fi ODS/API v7 style resources (Data Standard 5.0): schools, students, studentSchoolAssociations. Bodies are
 * read as text and checked field by field by the service, so every bad body is a 400 with validationErrors.
 */
@Path("/edfi/data/v3/ed-fi/{resource: schools|students|studentSchoolAssociations}")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class EdFiDataResource {

    private static final Logger LOG = Logger.getLogger(EdFiDataResource.class);
    private static final Map<String, Set<String>> NATURAL_KEYS = Map.of(
            EdFiResources.SCHOOLS, Set.of("schoolId"),
            EdFiResources.STUDENTS, Set.of("studentUniqueId"),
            EdFiResources.ASSOCIATIONS, Set.of("schoolId", "studentUniqueId", "entryDate"));

    @Inject
    EdFiAccess access;

    @Inject
    EdFiResources resources;

    @GET
    @RateLimited("standards-reads")
    public Response list(
            @PathParam("resource") String resource,
            @HeaderParam("Authorization") String authorization,
            @QueryParam("offset") String offset,
            @QueryParam("limit") String limit,
            @QueryParam("totalCount") String totalCount,
            @Context UriInfo uri) {
        access.requireRead(authorization);
        int first = bounded("offset", offset, 0, 0, Integer.MAX_VALUE);
        int size = bounded("limit", limit, 25, 0, 500);
        Map<String, String> key = new LinkedHashMap<>();
        for (String name : NATURAL_KEYS.get(resource)) {
            String value = uri.getQueryParameters().getFirst(name);
            if (value != null) {
                key.put(name, value);
            }
        }
        EdFiResources.Page page = resources.list(resource, key, first, size, "true".equalsIgnoreCase(totalCount));
        Response.ResponseBuilder response = Response.ok(page.items());
        if (page.total() != null) {
            response.header("Total-Count", page.total());
        }
        return response.build();
    }

    @GET
    @Path("{id}")
    public Response get(
            @PathParam("resource") String resource,
            @PathParam("id") String id,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam("If-None-Match") String ifNoneMatch) {
        access.requireRead(authorization);
        EdFiResources.Item item = resources.get(resource, id);
        String etag = quoted(item.etag());
        if (ifNoneMatch != null
                && (ifNoneMatch.trim().equals(etag) || ifNoneMatch.trim().equals("*"))) {
            return Response.notModified().header("ETag", etag).build();
        }
        return Response.ok(item.body()).header("ETag", etag).build();
    }

    @POST
    public Response post(
            @PathParam("resource") String resource,
            @HeaderParam("Authorization") String authorization,
            String body,
            @Context UriInfo uri) {
        access.requireWrite(authorization);
        EdFiResources.Upserted done = resources.post(resource, body);
        Response.ResponseBuilder response = done.created()
                ? Response.created(URI.create(
                        "/edfi/data/v3/ed-fi/" + resource + "/" + done.item().id()))
                : Response.ok();
        return response.header("ETag", quoted(done.item().etag())).build();
    }

    @PUT
    @Path("{id}")
    public Response put(
            @PathParam("resource") String resource,
            @PathParam("id") String id,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam("If-Match") String ifMatch,
            String body) {
        access.requireWrite(authorization);
        EdFiResources.Item item = resources.put(resource, id, body, ifMatch);
        return Response.noContent().header("ETag", quoted(item.etag())).build();
    }

    @DELETE
    @Path("{id}")
    public Response delete(
            @PathParam("resource") String resource,
            @PathParam("id") String id,
            @HeaderParam("Authorization") String authorization,
            @HeaderParam("If-Match") String ifMatch) {
        access.requireWrite(authorization);
        resources.delete(resource, id, ifMatch);
        return Response.noContent().build();
    }

    /** A client used up its reads for the window (tsa.runtime.limit): 429 in Ed-Fi's shape. */
    @ServerExceptionMapper
    public Response tooMany(RateLimitExceeded e) {
        return Response.fromResponse(
                        problem(429, "urn:ed-fi:api:too-many-requests", "Too Many Requests", e.detail(), null))
                .header("Retry-After", e.retryAfterSeconds())
                .build();
    }

    @ServerExceptionMapper
    public Response edFiError(EdFiException e) {
        return problem(e.status(), e.type(), e.title(), e.getMessage(), e.validationErrors());
    }

    /** Anything else (a database refusal, say) is still Ed-Fi's shape; the detail names no class. */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (e instanceof jakarta.ws.rs.WebApplicationException web
                && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            return problem(
                    status, "urn:ed-fi:api:bad-request", "Bad Request", "The request could not be processed.", null);
        }
        if (DatabaseUnavailable.causes(e)) {
            LOG.warnf("Ed-Fi request: PostgreSQL unavailable (%s)", DatabaseUnavailable.describe(e));
            return Response.fromResponse(problem(
                            503,
                            "urn:ed-fi:api:service-unavailable",
                            "Service Unavailable",
                            "A data store is not answering; try again later.",
                            null))
                    .header("Retry-After", ProblemResponses.RETRY_AFTER_SECONDS)
                    .build();
        }
        LOG.error("Ed-Fi request failed", e);
        return problem(500, "urn:ed-fi:api:system-failure", "System Failure", "An unexpected problem occurred.", null);
    }

    static Response problem(
            int status, String type, String title, String detail, Map<String, List<String>> validationErrors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", detail);
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("correlationId", UUID.randomUUID().toString());
        if (validationErrors != null) {
            body.put("validationErrors", validationErrors);
        }
        body.put("errors", List.of());
        Response.ResponseBuilder response =
                Response.status(status).type("application/problem+json").entity(body);
        if (status == 401) {
            response.header("WWW-Authenticate", "Bearer");
        }
        return response.build();
    }

    private static int bounded(String name, String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw EdFiException.validation(
                Map.of("$." + name, List.of(name + " must be a whole number from " + min + " to " + max + ".")));
    }

    private static String quoted(String etag) {
        return "\"" + etag + "\"";
    }
}
