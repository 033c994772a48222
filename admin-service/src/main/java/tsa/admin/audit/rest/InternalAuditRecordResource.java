package tsa.admin.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Roles;

/** Operations of the contract that a later issue builds; until then each answers 501 problem+json. */
@Path("/internal/audit-records")
@Produces(MediaType.APPLICATION_JSON)
public class InternalAuditRecordResource {

    /** Record an admin action */
    @POST
    @RolesAllowed(Roles.SERVICE)
    public Response recordAuditRecord() {
        throw ProblemException.notImplemented("POST /internal/audit-records");
    }
}
