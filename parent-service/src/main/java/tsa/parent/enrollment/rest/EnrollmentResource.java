package tsa.parent.enrollment.rest;

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
@Path("/api/parent/enrollments")
@Produces(MediaType.APPLICATION_JSON)
public class EnrollmentResource {

    /** Enroll a student from an invitation */
    @POST
    public Response createEnrollment() {
        throw ProblemException.notImplemented("POST /api/parent/enrollments");
    }

    /** List enrollments */
    @GET
    public Response listEnrollments() {
        throw ProblemException.notImplemented("GET /api/parent/enrollments");
    }

    /** Read an enrollment */
    @GET
    @Path("/{enrollmentId}")
    public Response getEnrollment(@PathParam("enrollmentId") String enrollmentId) {
        throw ProblemException.notImplemented("GET /api/parent/enrollments/{enrollmentId}");
    }

    /** Change an enrollment's status */
    @PATCH
    @Path("/{enrollmentId}/status")
    public Response changeEnrollmentStatus(@PathParam("enrollmentId") String enrollmentId) {
        throw ProblemException.notImplemented("PATCH /api/parent/enrollments/{enrollmentId}/status");
    }

    /** Update an enrollment's progress milestones */
    @PATCH
    @Path("/{enrollmentId}/milestones")
    public Response updateEnrollmentMilestones(@PathParam("enrollmentId") String enrollmentId) {
        throw ProblemException.notImplemented("PATCH /api/parent/enrollments/{enrollmentId}/milestones");
    }

    /** Change an enrollment's payment status */
    @PATCH
    @Path("/{enrollmentId}/payment")
    public Response updateEnrollmentPayment(@PathParam("enrollmentId") String enrollmentId) {
        throw ProblemException.notImplemented("PATCH /api/parent/enrollments/{enrollmentId}/payment");
    }
}
