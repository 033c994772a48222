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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import tsa.parent.document.service.Documents;
import tsa.runtime.limit.RateLimited;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.security.Roles;

/** One document: read it, confirm its upload, get its file, verify it (contract: the documents operations). */
@Path("/api/parent/documents")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentResource {

    @Inject
    Documents documents;

    /** List a parent's documents */
    @GET
    @RolesAllowed({Roles.ADMIN, Roles.PARENT})
    @RateLimited("portal-lists")
    public Page<DocumentView> listParentDocuments(
            @QueryParam("parentEmail") String parentEmail, @BeanParam PageRequest page) {
        return documents.ofParent(parentEmail, page).map(DocumentView::of);
    }

    /** Read a document record */
    @GET
    @Path("/{documentId}")
    @RolesAllowed({Roles.ADMIN, Roles.COACH, Roles.PARENT})
    public DocumentView getDocument(@PathParam("documentId") String documentId) {
        return DocumentView.of(documents.get(documentId));
    }

    /** Confirm a document upload */
    @POST
    @Path("/{documentId}/uploaded")
    @RolesAllowed(Roles.PARENT)
    public DocumentView markDocumentUploaded(@PathParam("documentId") String documentId) {
        return DocumentView.of(documents.confirmUpload(documentId));
    }

    /** Get a download URL for a document */
    @GET
    @Path("/{documentId}/download-url")
    @RolesAllowed({Roles.ADMIN, Roles.COACH, Roles.PARENT})
    public DocumentDownloadView getDocumentDownloadUrl(@PathParam("documentId") String documentId) {
        return DocumentDownloadView.of(documents.downloadUrl(documentId));
    }

    /** Approve or reject a document */
    @POST
    @Path("/{documentId}/verification")
    @RolesAllowed({Roles.ADMIN, Roles.COACH})
    @Consumes(MediaType.APPLICATION_JSON)
    public DocumentView verifyDocument(
            @PathParam("documentId") String documentId,
            @NotNull(message = "a body is required") @Valid DocumentVerificationRequest body) {
        return DocumentView.of(documents.verify(documentId, body.verificationStatus(), body.note()));
    }
}
