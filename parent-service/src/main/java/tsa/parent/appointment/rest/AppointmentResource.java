package tsa.parent.appointment.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tsa.runtime.problem.ProblemException;

/** Operations of the contract that a later issue builds; until then each answers 501 problem+json. */
@Path("/api/parent/appointments")
@Produces(MediaType.APPLICATION_JSON)
public class AppointmentResource {

    /** Book an appointment */
    @POST
    public Response bookAppointment() {
        throw ProblemException.notImplemented("POST /api/parent/appointments");
    }

    /** List appointments */
    @GET
    public Response listAppointments() {
        throw ProblemException.notImplemented("GET /api/parent/appointments");
    }

    /** Confirm, cancel, complete or reschedule an appointment */
    @PATCH
    @Path("/{appointmentId}")
    public Response updateAppointment(@PathParam("appointmentId") String appointmentId) {
        throw ProblemException.notImplemented("PATCH /api/parent/appointments/{appointmentId}");
    }
}
