package tsa.parent.enrollment.rest;

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
import tsa.parent.enrollment.service.Enrollments;
import tsa.runtime.limit.RateLimited;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Roles;

/** Enrollments (contract: the enrollments operations). Who may see or change which one is the service's rule. */
@Path("/api/parent/enrollments")
@Produces(MediaType.APPLICATION_JSON)
public class EnrollmentResource {

    private static final String EMAIL = "^[^@\\s]+@[^@\\s]+$";

    @Inject
    Enrollments enrollments;

    /** Enroll a student from an invitation */
    @POST
    @RolesAllowed(Roles.PARENT)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createEnrollment(@NotNull(message = "a body is required") @Valid EnrollmentCreate body) {
        var result = enrollments.create(
                body.invitationId(),
                new Enrollments.StudentDetails(
                        body.studentAge(), body.dateOfBirth(), body.gradeLevel(), body.startDate()));
        EnrollmentView view = EnrollmentView.of(result.enrollment());
        if (!result.created()) {
            return Response.ok(view).build();
        }
        return Response.created(URI.create("/api/parent/enrollments/" + view.enrollmentId()))
                .entity(view)
                .build();
    }

    /** List enrollments */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.COACH, Roles.PARENT})
    @RateLimited("portal-lists")
    public Page<EnrollmentView> listEnrollments(
            @QueryParam("parentEmail") String parentEmail,
            @QueryParam("coachId") String coachId,
            @BeanParam PageRequest page) {
        if (parentEmail != null
                && (parentEmail.length() > 254 || !parentEmail.trim().matches(EMAIL))) {
            throw ProblemException.invalidField("parentEmail", "must be an email address");
        }
        if (coachId != null && (coachId.isBlank() || coachId.length() > 255)) {
            throw ProblemException.invalidField("coachId", "must be a coach id");
        }
        return enrollments.list(parentEmail, coachId, page).map(EnrollmentView::of);
    }

    /** Read an enrollment */
    @GET
    @Path("/{enrollmentId}")
    @RolesAllowed({Roles.ADMIN, Roles.COACH, Roles.PARENT})
    public EnrollmentView getEnrollment(@PathParam("enrollmentId") String enrollmentId) {
        return EnrollmentView.of(enrollments.read(enrollmentId));
    }

    /** Read the assigned coach's public profile */
    @GET
    @Path("/{enrollmentId}/coach")
    @RolesAllowed({Roles.ADMIN, Roles.PARENT})
    public AssignedCoachView getEnrollmentCoach(@PathParam("enrollmentId") String enrollmentId) {
        return AssignedCoachView.of(enrollments.assignedCoach(enrollmentId));
    }

    /** Complete the student's details */
    @PATCH
    @Path("/{enrollmentId}/student")
    @RolesAllowed(Roles.PARENT)
    @Consumes(MediaType.APPLICATION_JSON)
    public EnrollmentView updateEnrollmentStudent(
            @PathParam("enrollmentId") String enrollmentId,
            @NotNull(message = "a body is required") @Valid StudentDetailsUpdate body) {
        return EnrollmentView.of(enrollments.completeStudentDetails(
                enrollmentId,
                new Enrollments.StudentDetails(
                        body.studentAge(), body.dateOfBirth(), body.gradeLevel(), body.startDate())));
    }

    /** Change an enrollment's status */
    @PATCH
    @Path("/{enrollmentId}/status")
    @RolesAllowed({Roles.ADMIN, Roles.COACH})
    @Consumes(MediaType.APPLICATION_JSON)
    public EnrollmentView changeEnrollmentStatus(
            @PathParam("enrollmentId") String enrollmentId,
            @NotNull(message = "a body is required") @Valid EnrollmentStatusChange body) {
        return EnrollmentView.of(enrollments.changeStatus(enrollmentId, body.enrollmentStatus()));
    }

    /** Record completed program steps */
    @PATCH
    @Path("/{enrollmentId}/milestones")
    @RolesAllowed({Roles.ADMIN, Roles.COACH, Roles.PARENT})
    @Consumes(MediaType.APPLICATION_JSON)
    public EnrollmentView updateEnrollmentMilestones(
            @PathParam("enrollmentId") String enrollmentId,
            @NotNull(message = "a body is required") @Valid EnrollmentMilestonesUpdate body) {
        return EnrollmentView.of(enrollments.completeMilestones(enrollmentId, body.progressMilestones()));
    }

    /** Change an enrollment's payment status */
    @PATCH
    @Path("/{enrollmentId}/payment")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    public EnrollmentView updateEnrollmentPayment(
            @PathParam("enrollmentId") String enrollmentId,
            @NotNull(message = "a body is required") @Valid EnrollmentPaymentChange body) {
        return EnrollmentView.of(enrollments.changePayment(enrollmentId, body.paymentStatus()));
    }
}
