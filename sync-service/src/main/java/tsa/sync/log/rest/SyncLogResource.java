package tsa.sync.log.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Roles;

/** Operations of the contract that a later issue builds; until then each answers 501 problem+json. */
@Path("/api/sync/sync-log")
@Produces(MediaType.APPLICATION_JSON)
public class SyncLogResource {

    /** List the sync log */
    @GET
    @RolesAllowed(Roles.ADMIN)
    public Response listSyncLog() {
        throw ProblemException.notImplemented("GET /api/sync/sync-log");
    }

    /** Retry a failed sync */
    @POST
    @Path("/{syncId}/retry")
    @RolesAllowed(Roles.ADMIN)
    public Response retrySyncLogEntry(@PathParam("syncId") String syncId) {
        throw ProblemException.notImplemented("POST /api/sync/sync-log/{syncId}/retry");
    }
}
