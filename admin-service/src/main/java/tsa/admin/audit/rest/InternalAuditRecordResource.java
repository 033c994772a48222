package tsa.admin.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tsa.admin.audit.service.AuditTrail;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.CalledBy;
import tsa.runtime.security.Roles;

/** The other services' audit interface: they record an admin's action here before making the write. */
@Path("/internal/audit-records")
@Produces(MediaType.APPLICATION_JSON)
public class InternalAuditRecordResource {

    @Inject
    AuditTrail trail;

    /** Record an admin action */
    @POST
    @RolesAllowed(Roles.SERVICE)
    @Consumes(MediaType.APPLICATION_JSON)
    @CalledBy({"coach-service", "parent-service", "sync-service"})
    public Response recordAuditRecord(@Valid @NotNull AuditRecordCreate body) {
        body.unknownFields().keySet().stream().findFirst().ifPresent(field -> {
            throw ProblemException.invalidField(field, "unknown field");
        });
        AuditTrail.Recorded recorded = trail.recordForwarded(body.toRecord());
        return Response.status(recorded.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(AuditLog.of(recorded.record()))
                .build();
    }
}
