package tsa.parent.appointment.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import tsa.parent.appointment.service.Appointments;
import tsa.runtime.limit.RateLimited;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Roles;

/** Consultations, shadow days and assessments (contract: the appointments operations). */
@Path("/api/parent/appointments")
@Produces(MediaType.APPLICATION_JSON)
public class AppointmentResource {

    private static final String EMAIL = "^[^@\\s]+@[^@\\s]+$";

    @Inject
    Appointments appointments;

    /** Book an appointment */
    @POST
    @RolesAllowed(Roles.PARENT)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response bookAppointment(@NotNull(message = "a body is required") @Valid AppointmentCreate body) {
        var booked = appointments.book(new Appointments.Booking(
                body.coachId(),
                body.studentName(),
                body.appointmentType(),
                body.scheduledDate(),
                body.startTime(),
                body.endTime(),
                body.location(),
                body.notes()));
        return Response.created(URI.create("/api/parent/appointments/" + booked.appointmentId()))
                .entity(AppointmentView.of(booked))
                .build();
    }

    /** List appointments */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.COACH, Roles.PARENT})
    @RateLimited("portal-lists")
    public Page<AppointmentView> listAppointments(
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("coachId") String coachId,
            @QueryParam("parentEmail") String parentEmail,
            @BeanParam PageRequest page) {
        if (coachId != null && (coachId.isBlank() || coachId.length() > 255)) {
            throw ProblemException.invalidField("coachId", "must be a coach id");
        }
        if (parentEmail != null
                && (parentEmail.length() > 254 || !parentEmail.trim().matches(EMAIL))) {
            throw ProblemException.invalidField("parentEmail", "must be an email address");
        }
        return appointments.list(from, to, coachId, parentEmail, page).map(AppointmentView::of);
    }

    /** Confirm, cancel, complete or reschedule an appointment */
    @PATCH
    @Path("/{appointmentId}")
    @RolesAllowed({Roles.ADMIN, Roles.COACH, Roles.PARENT})
    @Consumes(MediaType.APPLICATION_JSON)
    public AppointmentView updateAppointment(
            @PathParam("appointmentId") String appointmentId,
            @NotNull(message = "a body is required") @Valid AppointmentChange body) {
        return AppointmentView.of(appointments.change(
                appointmentId,
                new Appointments.Change(
                        body.status(),
                        body.scheduledDate(),
                        body.startTime(),
                        body.endTime(),
                        body.location(),
                        body.notes())));
    }
}
