package tsa.sync.oneroster.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import tsa.runtime.limit.RateLimitExceeded;
import tsa.runtime.limit.RateLimited;
import tsa.runtime.problem.DatabaseUnavailable;
import tsa.runtime.problem.ProblemResponses;
import tsa.sync.apiclient.service.OneRosterScopes;
import tsa.sync.oneroster.query.QueryException;
import tsa.sync.oneroster.query.RosterCollection;
import tsa.sync.oneroster.query.RosterQuery;
import tsa.sync.oneroster.service.OneRosterAccess;
import tsa.sync.oneroster.service.OneRosterException;
import tsa.sync.oneroster.service.RosterReader;

/**
 * OneRoster 1.2 Rostering, read (1EdTech's OpenAPI document, operations getAllOrgs ... getTeacher). Anonymous at the
 * platform's level ({@code @PermitAll}): the bearer token is a OneRoster client's, checked by {@link OneRosterAccess}.
 * Errors are imsx_StatusInfo, never problem+json.
 */
@Path("/ims/oneroster/rostering/v1p2")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class OneRosterResource {

    public static final String BASE = "/ims/oneroster/rostering/v1p2";
    private static final Logger LOG = Logger.getLogger(OneRosterResource.class);

    @Inject
    OneRosterAccess access;

    @Inject
    RosterReader reader;

    @Context
    UriInfo uri;

    @GET
    @Path("/orgs")
    @RateLimited("standards-reads")
    public Response getAllOrgs(@BeanParam CollectionRequest request) {
        return collection(RosterCollection.ORGS, request);
    }

    @GET
    @Path("/orgs/{sourcedId}")
    public Response getOrg(
            @HeaderParam("Authorization") String authorization,
            @PathParam("sourcedId") String sourcedId,
            @QueryParam("fields") List<String> fields) {
        return single(RosterCollection.ORGS, authorization, sourcedId, fields);
    }

    @GET
    @Path("/schools")
    @RateLimited("standards-reads")
    public Response getAllSchools(@BeanParam CollectionRequest request) {
        return collection(RosterCollection.SCHOOLS, request);
    }

    @GET
    @Path("/schools/{sourcedId}")
    public Response getSchool(
            @HeaderParam("Authorization") String authorization,
            @PathParam("sourcedId") String sourcedId,
            @QueryParam("fields") List<String> fields) {
        return single(RosterCollection.SCHOOLS, authorization, sourcedId, fields);
    }

    @GET
    @Path("/users")
    @RateLimited("standards-reads")
    public Response getAllUsers(@BeanParam CollectionRequest request) {
        return collection(RosterCollection.USERS, request);
    }

    @GET
    @Path("/users/{sourcedId}")
    public Response getUser(
            @HeaderParam("Authorization") String authorization,
            @PathParam("sourcedId") String sourcedId,
            @QueryParam("fields") List<String> fields) {
        return single(RosterCollection.USERS, authorization, sourcedId, fields);
    }

    @GET
    @Path("/students")
    @RateLimited("standards-reads")
    public Response getAllStudents(@BeanParam CollectionRequest request) {
        return collection(RosterCollection.STUDENTS, request);
    }

    @GET
    @Path("/students/{sourcedId}")
    public Response getStudent(
            @HeaderParam("Authorization") String authorization,
            @PathParam("sourcedId") String sourcedId,
            @QueryParam("fields") List<String> fields) {
        return single(RosterCollection.STUDENTS, authorization, sourcedId, fields);
    }

    @GET
    @Path("/teachers")
    @RateLimited("standards-reads")
    public Response getAllTeachers(@BeanParam CollectionRequest request) {
        return collection(RosterCollection.TEACHERS, request);
    }

    @GET
    @Path("/teachers/{sourcedId}")
    public Response getTeacher(
            @HeaderParam("Authorization") String authorization,
            @PathParam("sourcedId") String sourcedId,
            @QueryParam("fields") List<String> fields) {
        return single(RosterCollection.TEACHERS, authorization, sourcedId, fields);
    }

    /** The token and the binding's query parameters of every collection operation, as sent. */
    public record CollectionRequest(
            @HeaderParam("Authorization") String authorization,
            @QueryParam("limit") String limit,
            @QueryParam("offset") String offset,
            @QueryParam("sort") String sort,
            @QueryParam("orderBy") String orderBy,
            @QueryParam("filter") String filter,
            @QueryParam("fields") List<String> fields) {}

    private Response collection(RosterCollection collection, CollectionRequest request) {
        access.require(request.authorization(), OneRosterScopes.CORE_ENDPOINTS);
        RosterQuery query = RosterQuery.of(
                collection,
                request.limit(),
                request.offset(),
                request.sort(),
                request.orderBy(),
                request.filter(),
                request.fields());
        long total = reader.count(collection, query);
        String apiBase = apiBase();
        // The headers first (the count), then the records as PostgreSQL hands them over: never the whole page in
        // memory.
        StreamingOutput records = output -> reader.writePage(collection, query, apiBase, output);
        return Response.ok(records, MediaType.APPLICATION_JSON_TYPE)
                .header("X-Total-Count", total)
                .header("Link", PageLinks.of(uri.getRequestUriBuilder(), query.offset(), query.limit(), total))
                .build();
    }

    private Response single(RosterCollection collection, String authorization, String sourcedId, List<String> fields) {
        access.require(authorization, OneRosterScopes.CORE_ENDPOINTS);
        var selected = RosterQuery.selection(collection, fields);
        return reader.find(collection, sourcedId, selected, apiBase())
                .map(record ->
                        Response.ok(Map.of(collection.singleKey(), record)).build())
                .orElseThrow(() -> new OneRosterException(
                        404,
                        "unknownobject",
                        "Unknown Object: no " + collection.singleKey() + " " + sourcedId + " in " + collection.path()));
    }

    private String apiBase() {
        String base = uri.getBaseUri().toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + BASE;
    }

    @ServerExceptionMapper
    public Response refused(OneRosterException e) {
        Response.ResponseBuilder response = ImsxStatus.response(e.status(), e.codeMinor(), e.getMessage());
        if (e.status() == 401) {
            response.header("WWW-Authenticate", "Bearer realm=\"oneroster\"");
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response badQuery(QueryException e) {
        return ImsxStatus.response(400, e.codeMinor(), e.getMessage()).build();
    }

    /** JAX-RS' own refusals (406, 415, ...) keep their status, in the binding's error shape. */
    @ServerExceptionMapper
    public Response jaxRs(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return ImsxStatus.response(status, status == 404 ? "unknownobject" : "invaliddata", e.getMessage())
                .build();
    }

    /** A client used up its reads for the window (tsa.runtime.limit): 429 in the binding's shape. */
    @ServerExceptionMapper
    public Response tooMany(RateLimitExceeded e) {
        return ImsxStatus.response(429, "server_busy", e.detail())
                .header("Retry-After", e.retryAfterSeconds())
                .build();
    }

    /** Anything unexpected: logged here, and the caller sees no detail. PostgreSQL away is a 503 to retry. */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (DatabaseUnavailable.causes(e)) {
            LOG.warnf("OneRoster request: PostgreSQL unavailable (%s)", DatabaseUnavailable.describe(e));
            return ImsxStatus.response(503, "server_busy", "a data store is not answering; try again later")
                    .header("Retry-After", ProblemResponses.RETRY_AFTER_SECONDS)
                    .build();
        }
        LOG.error("OneRoster request failed", e);
        return ImsxStatus.response(500, "internal_server_error", "the request could not be processed")
                .build();
    }
}
