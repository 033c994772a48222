package tsa.sync.reconciliation.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Roles;
import tsa.sync.reconciliation.service.ReconciliationReport;
import tsa.sync.reconciliation.service.Reconciliations;

/** Admins run the consistency check and read its latest report (contract: the reconciliations operations). */
@Path("/api/sync/reconciliations")
@Produces(MediaType.APPLICATION_JSON)
public class ReconciliationResource {

    @Inject
    Reconciliations reconciliations;

    /** Run a reconciliation now */
    @POST
    @RolesAllowed(Roles.ADMIN)
    public ReconciliationReport runReconciliation(@QueryParam("repair") String repair) {
        return reconciliations.runRequested(parseRepair(repair));
    }

    /** Read the latest reconciliation report */
    @GET
    @Path("/latest")
    @RolesAllowed(Roles.ADMIN)
    public ReconciliationReport getLatestReconciliation() {
        return reconciliations.latest().orElseThrow(() -> ProblemException.notFound("no reconciliation has run yet"));
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
