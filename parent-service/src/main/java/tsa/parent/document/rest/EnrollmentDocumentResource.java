package tsa.parent.document.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
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
@Path("/api/parent/enrollments/{enrollmentId}/documents")
@Produces(MediaType.APPLICATION_JSON)
public class EnrollmentDocumentResource {

    /** Start a document upload */
    @POST
    @RolesAllowed(Roles.PARENT)
    public Response createDocumentUpload(@PathParam("enrollmentId") String enrollmentId) {
        throw ProblemException.notImplemented("POST /api/parent/enrollments/{enrollmentId}/documents");
    }

    /** List an enrollment's documents */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.COACH, Roles.PARENT})
    public Response listEnrollmentDocuments(@PathParam("enrollmentId") String enrollmentId,
            @BeanParam PageRequest page) {
        throw ProblemException.notImplemented("GET /api/parent/enrollments/{enrollmentId}/documents");
    }
}
