package tsa.sync.copy.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tsa.runtime.security.CalledBy;
import tsa.runtime.security.Roles;
import tsa.sync.copy.service.OperationalCopies;

/**
 * parent-service announces an Ed-Fi student it has written (contract: {@code receiveStudentChange}). The 202 has no
 * body, so no {@code @Produces}: the generated client asks for {@code application/problem+json} only (the contract's
 * one response content type), and a declared JSON body would refuse it with 406.
 */
@Path("/internal/student-changes")
public class InternalStudentChangeResource {

    @Inject
    OperationalCopies copies;

    /** Receive a new or changed Ed-Fi student: its {@code students-dev} copy is brought up to date; 202. */
    @POST
    @RolesAllowed(Roles.SERVICE)
    @Consumes(MediaType.APPLICATION_JSON)
    @CalledBy("parent-service")
    public Response receiveStudentChange(@NotNull(message = "a body is required") @Valid StudentChange body) {
        copies.refreshStudent(body.studentUniqueId());
        return Response.accepted().build();
    }
}
