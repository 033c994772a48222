package tsa.parent.enrollment.rest;

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
import tsa.parent.enrollment.service.Enrollments;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.CalledBy;
import tsa.runtime.security.Roles;

/** Enrollments for sync-service's reconciliation: list by status, finish an activation. */
@Path("/internal/enrollments")
@Produces(MediaType.APPLICATION_JSON)
public class InternalEnrollmentResource {

    @Inject
    Enrollments enrollments;

    /** List enrollments by status (service) */
    @GET
    @RolesAllowed(Roles.SERVICE)
    @CalledBy("sync-service")
    public Page<EnrollmentView> listEnrollmentsByStatus(
            @QueryParam("enrollmentStatus") String enrollmentStatus, @BeanParam PageRequest page) {
        if (enrollmentStatus == null) {
            throw ProblemException.invalidField("enrollmentStatus", "is required");
        }
        return enrollments.listByStatus(enrollmentStatus, page).map(EnrollmentView::of);
    }

    /** Finish an active enrollment's Ed-Fi records (service) */
    @POST
    @Path("/{enrollmentId}/activation")
    @RolesAllowed(Roles.SERVICE)
    @CalledBy("sync-service")
    public EnrollmentView finishEnrollmentActivation(@PathParam("enrollmentId") String enrollmentId) {
        return EnrollmentView.of(enrollments.finishActivation(enrollmentId));
    }
}
