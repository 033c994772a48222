package tsa.parent.enrollment.rest;

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
@Path("/api/parent/enrollments")
@Produces(MediaType.APPLICATION_JSON)
public class EnrollmentResource {

    /** Enroll a student from an invitation */
    @POST
    @RolesAllowed(Roles.PARENT)
    public Response createEnrollment() {
        throw ProblemException.notImplemented("POST /api/parent/enrollments");
    }

    /** List enrollments */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.COACH, Roles.PARENT})
    public Response listEnrollments(@BeanParam PageRequest page) {
        throw ProblemException.notImplemented("GET /api/parent/enrollments");
    }

    /** Read an enrollment */
    @GET
    @Path("/{enrollmentId}")
    @RolesAllowed({Roles.ADMIN, Roles.COACH, Roles.PARENT})
    public Response getEnrollment(@PathParam("enrollmentId") String enrollmentId) {
        throw ProblemException.notImplemented("GET /api/parent/enrollments/{enrollmentId}");
    }

    /** Change an enrollment's status */
    @PATCH
    @Path("/{enrollmentId}/status")
    @RolesAllowed({Roles.ADMIN, Roles.COACH})
    public Response changeEnrollmentStatus(@PathParam("enrollmentId") String enrollmentId) {
        throw ProblemException.notImplemented("PATCH /api/parent/enrollments/{enrollmentId}/status");
    }

    /** Update an enrollment's progress milestones */
    @PATCH
    @Path("/{enrollmentId}/milestones")
    @RolesAllowed({Roles.ADMIN, Roles.COACH})
    public Response updateEnrollmentMilestones(@PathParam("enrollmentId") String enrollmentId) {
        throw ProblemException.notImplemented("PATCH /api/parent/enrollments/{enrollmentId}/milestones");
    }

    /** Change an enrollment's payment status */
    @PATCH
    @Path("/{enrollmentId}/payment")
    @RolesAllowed(Roles.ADMIN)
    public Response updateEnrollmentPayment(@PathParam("enrollmentId") String enrollmentId) {
        throw ProblemException.notImplemented("PATCH /api/parent/enrollments/{enrollmentId}/payment");
    }
}
