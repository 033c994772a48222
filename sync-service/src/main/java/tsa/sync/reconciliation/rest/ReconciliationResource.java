package tsa.sync.reconciliation.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Roles;
import tsa.sync.reconciliation.service.ReconciliationReport;
import tsa.sync.reconciliation.service.Reconciliations;

/**
 * Admins start the consistency check (a background job: 202 with the run to read) and read its reports (contract:
 * the reconciliations operations).
 */
@Path("/api/sync/reconciliations")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

    static final String PATH = "/api/sync/reconciliations";

    @Inject
    Reconciliations reconciliations;

    /** Start a reconciliation */
    @POST
    @RolesAllowed(Roles.ADMIN)
    public Response runReconciliation(@QueryParam("repair") String repair) {
        ReconciliationReport running = reconciliations.runRequested(parseRepair(repair));
        return Response.accepted(running)
                .location(URI.create(PATH + "/" + running.reconciliationId()))
                .build();
    }

    /** Read the latest reconciliation report */
    @GET
    @Path("/latest")
    @RolesAllowed(Roles.ADMIN)
    public ReconciliationReport getLatestReconciliation() {
        return reconciliations.latest().orElseThrow(() -> ProblemException.notFound("no reconciliation has run yet"));
    }

    /** Read one reconciliation's report */
    @GET
    @Path("/{reconciliationId}")
    @RolesAllowed(Roles.ADMIN)
    public ReconciliationReport getReconciliation(@PathParam("reconciliationId") String reconciliationId) {
        return reconciliations
                .find(reconciliationId)
                .orElseThrow(() -> ProblemException.notFound("no reconciliation " + reconciliationId));
    }

    private static boolean parseRepair(String repair) {
        if (repair == null || repair.equals("false")) {
            return false;
        }
        if (repair.equals("true")) {
            return true;
        }
        throw ProblemException.invalidField("repair", "must be true or false");
    }
}
