package tsa.sync.log.rest;

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
import tsa.model.ProfileSyncLog;
import tsa.runtime.security.CalledBy;
import tsa.runtime.security.Roles;
import tsa.sync.log.service.ProfileChangeIntake;

/** coach-service reports profile changes (contract: {@code receiveProfileChange}). */
@Path("/internal/profile-changes")
@Produces(MediaType.APPLICATION_JSON)
public class InternalProfileChangeResource {

    @Inject
    ProfileChangeIntake intake;

    /** Receive a profile change: recorded and answered 202 at once; processed off the request thread. */
    @POST
    @RolesAllowed(Roles.SERVICE)
    @Consumes(MediaType.APPLICATION_JSON)
    @CalledBy("coach-service")
    public Response receiveProfileChange(@NotNull(message = "a body is required") @Valid ProfileChange body) {
        ProfileSyncLog row = intake.receive(body.syncType(), body.snapshot());
        return Response.accepted(
                        new ProfileChangeReceipt(row.syncId.toString(), row.profileId, body.version(), row.syncStatus))
                .build();
    }
}
