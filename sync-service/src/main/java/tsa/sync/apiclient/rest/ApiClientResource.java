package tsa.sync.apiclient.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tsa.runtime.paging.Page;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Roles;
import tsa.sync.apiclient.service.ApiClientCredentials;
import tsa.sync.apiclient.service.ApiClients;

/** Admins manage the standards APIs' OAuth clients (contract: the api-clients operations). */
@Path("/api/sync/api-clients")
@Produces(MediaType.APPLICATION_JSON)
public class ApiClientResource {

    @Inject
    ApiClients clients;

    /** Create an API client */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    public Response createApiClient(ApiClientCreate body) {
        if (body == null) {
            throw ProblemException.badRequest("a body with name and scopes is required");
        }
        return Response.status(201)
                .entity(clients.create(body.name(), body.scopes()))
                .header("Cache-Control", "no-store")
                .build();
    }

    /** List API clients */
    @GET
    @RolesAllowed(Roles.ADMIN)
    public Page<ApiClientCredentials> listApiClients() {
        return new Page<>(clients.list(), null);
    }

    /** Disable an API client */
    @DELETE
    @Path("/{clientId}")
    @RolesAllowed(Roles.ADMIN)
    public Response disableApiClient(@PathParam("clientId") String clientId) {
        clients.disable(clientId);
        return Response.noContent().build();
    }
}
