package tsa.admin.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Roles;

/** Operations of the contract that a later issue builds; until then each answers 501 problem+json. */
@Path("/api/admin/audit-logs")
@Produces(MediaType.APPLICATION_JSON)
public class AuditLogResource {

    /** Query the audit trail */
    @GET
    @RolesAllowed(Roles.ADMIN)
    public Response listAuditLogs() {
        throw ProblemException.notImplemented("GET /api/admin/audit-logs");
    }

    /** Get one audit record */
    @GET
    @Path("/{logId}")
    @RolesAllowed(Roles.ADMIN)
    public Response getAuditLog(@PathParam("logId") String logId) {
        throw ProblemException.notImplemented("GET /api/admin/audit-logs/{logId}");
    }
}
