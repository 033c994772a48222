package tsa.sync.log.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.security.Roles;
import tsa.sync.log.service.SyncLogAdministration;

/** Admins read the sync log and retry failed rows (contract: the sync-log operations). */
@Path("/api/sync/sync-log")
@Produces(MediaType.APPLICATION_JSON)
public class SyncLogResource {

    @Inject
    SyncLogAdministration log;

    /** List the sync log */
    @GET
    @RolesAllowed(Roles.ADMIN)
    public Page<SyncLogEntry> listSyncLog(
            @QueryParam("status") String status,
            @QueryParam("profileId") String profileId,
            @BeanParam PageRequest page) {
        return log.list(status, profileId, page).map(SyncLogEntry::of);
    }

    /** Retry a failed sync */
    @POST
    @Path("/{syncId}/retry")
    @RolesAllowed(Roles.ADMIN)
    public Response retrySyncLogEntry(@PathParam("syncId") String syncId) {
        return Response.accepted(SyncLogEntry.of(log.retry(syncId))).build();
    }
}
