package tsa.parent.appointment.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Roles;

/** Operations of the contract that a later issue builds; until then each answers 501 problem+json. */
@Path("/api/parent/appointments")
@Produces(MediaType.APPLICATION_JSON)
public class AppointmentResource {

    /** Book an appointment */
    @POST
    @RolesAllowed(Roles.PARENT)
    public Response bookAppointment() {
        throw ProblemException.notImplemented("POST /api/parent/appointments");
    }

    /** List appointments */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.COACH, Roles.PARENT})
    public Response listAppointments(@BeanParam PageRequest page) {
        throw ProblemException.notImplemented("GET /api/parent/appointments");
    }

    /** Confirm, cancel, complete or reschedule an appointment */
    @PATCH
    @Path("/{appointmentId}")
    @RolesAllowed({Roles.ADMIN, Roles.COACH, Roles.PARENT})
    public Response updateAppointment(@PathParam("appointmentId") String appointmentId) {
        throw ProblemException.notImplemented("PATCH /api/parent/appointments/{appointmentId}");
    }
}
