package tsa.admin.audit.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import tsa.admin.audit.service.AuditQuery;
import tsa.admin.audit.service.AuditTrail;
import tsa.runtime.limit.RateLimited;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.security.Roles;

/** The audit trail as admins read it: by admin or by action type over a time range, newest first; one by id. */
@Path("/api/admin/audit-logs")
@Produces(MediaType.APPLICATION_JSON)
public class AuditLogResource {

    @Inject
    AuditTrail trail;

    /** Query the audit trail */
    @GET
    @RolesAllowed(Roles.ADMIN)
    @RateLimited("admin-searches")
    public Page<AuditLog> listAuditLogs(
            @QueryParam("adminEmail") @Email @Size(max = 254) String adminEmail,
            @QueryParam("actionType")
                    @Pattern(regexp = "create|update|delete|view", message = "must be create, update, delete or view")
                    String actionType,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @BeanParam PageRequest page) {
        return trail.search(AuditQuery.of(adminEmail, actionType, from, to, page))
                .map(AuditLog::of);
    }

    /** Get one audit record */
    @GET
    @Path("/{logId}")
    @RolesAllowed(Roles.ADMIN)
    public AuditLog getAuditLog(@PathParam("logId") String logId) {
        return AuditLog.of(trail.get(logId));
    }
}
