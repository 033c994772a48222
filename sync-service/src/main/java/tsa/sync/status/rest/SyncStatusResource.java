package tsa.sync.status.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tsa.runtime.problem.ProblemException;

/** Operations of the contract that a later issue builds; until then each answers 501 problem+json. */
@Path("/api/sync/status")
@Produces(MediaType.APPLICATION_JSON)
public class SyncStatusResource {

    /** Read sync health */
    @GET
    public Response getSyncStatus() {
        throw ProblemException.notImplemented("GET /api/sync/status");
    }
}
