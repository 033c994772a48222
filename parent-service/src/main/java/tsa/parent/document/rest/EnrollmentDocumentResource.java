package tsa.parent.document.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import tsa.parent.document.service.Documents;
import tsa.runtime.limit.RateLimited;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.security.Roles;

/** An enrollment's documents: start an upload, list them (contract: the documents operations). */
@Path("/api/parent/enrollments/{enrollmentId}/documents")
@Produces(MediaType.APPLICATION_JSON)
public class EnrollmentDocumentResource {

    @Inject
    Documents documents;

    /** Start a document upload */
    @POST
    @RolesAllowed(Roles.PARENT)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createDocumentUpload(
            @PathParam("enrollmentId") String enrollmentId,
            @NotNull(message = "a body is required") @Valid DocumentUploadRequest body) {
        Documents.Upload upload = documents.start(
                enrollmentId,
                new Documents.NewDocument(body.documentType(), body.fileName(), body.fileSize(), body.contentType()));
        return Response.created(
                        URI.create("/api/parent/documents/" + upload.document().documentId()))
                .entity(DocumentUploadView.of(upload))
                .build();
    }

    /** List an enrollment's documents */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.COACH, Roles.PARENT})
    @RateLimited("portal-lists")
    public Page<DocumentView> listEnrollmentDocuments(
            @PathParam("enrollmentId") String enrollmentId, @BeanParam PageRequest page) {
        return documents.ofEnrollment(enrollmentId, page).map(DocumentView::of);
    }
}
