package tsa.sync.status.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Roles;

/** Operations of the contract that a later issue builds; until then each answers 501 problem+json. */
@Path("/api/sync/status")
@Produces(MediaType.APPLICATION_JSON)
public class SyncStatusResource {

    /** Read sync health */
    @GET
    @RolesAllowed(Roles.ADMIN)
    public Response getSyncStatus() {
        throw ProblemException.notImplemented("GET /api/sync/status");
    }
}
