package tsa.sync.reconciliation.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Roles;

/** Operations of the contract that a later issue builds; until then each answers 501 problem+json. */
@Path("/api/sync/reconciliations")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

    /** Run a reconciliation now */
    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response runReconciliation() {
        throw ProblemException.notImplemented("POST /api/sync/reconciliations");
    }

    /** Read the latest reconciliation report */
    @GET
    @Path("/latest")
    @RolesAllowed(Roles.ADMIN)
    public Response getLatestReconciliation() {
        throw ProblemException.notImplemented("GET /api/sync/reconciliations/latest");
    }
}
