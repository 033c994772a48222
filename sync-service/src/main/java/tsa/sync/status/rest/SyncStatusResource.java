package tsa.sync.status.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import tsa.runtime.security.Roles;
import tsa.sync.status.service.SyncHealth;
import tsa.sync.status.service.SyncHealthReport;

/** Sync health for admins (contract: {@code getSyncStatus}). */
@Path("/api/sync/status")
@Produces(MediaType.APPLICATION_JSON)
public class SyncStatusResource {

    @Inject
    SyncHealthReport health;

    /** Read sync health */
    @GET
    @RolesAllowed(Roles.ADMIN)
    public SyncHealth getSyncStatus() {
        return health.now();
    }
}
