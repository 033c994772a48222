package tsa.parent.document.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Roles;

/** Operations of the contract that a later issue builds; until then each answers 501 problem+json. */
@Path("/api/parent/documents")
@Produces(MediaType.APPLICATION_JSON)
public class DocumentResource {

    /** Read a document record */
    @GET
    @Path("/{documentId}")
    @RolesAllowed({Roles.ADMIN, Roles.COACH, Roles.PARENT})
    public Response getDocument(@PathParam("documentId") String documentId) {
        throw ProblemException.notImplemented("GET /api/parent/documents/{documentId}");
    }

    /** Confirm a document upload */
    @POST
    @Path("/{documentId}/uploaded")
    @RolesAllowed(Roles.PARENT)
    public Response markDocumentUploaded(@PathParam("documentId") String documentId) {
        throw ProblemException.notImplemented("POST /api/parent/documents/{documentId}/uploaded");
    }

    /** Get a download URL for a document */
    @GET
    @Path("/{documentId}/download-url")
    @RolesAllowed({Roles.ADMIN, Roles.COACH, Roles.PARENT})
    public Response getDocumentDownloadUrl(@PathParam("documentId") String documentId) {
        throw ProblemException.notImplemented("GET /api/parent/documents/{documentId}/download-url");
    }

    /** Approve or reject a document */
    @POST
    @Path("/{documentId}/verification")
    @RolesAllowed({Roles.ADMIN, Roles.COACH})
    public Response verifyDocument(@PathParam("documentId") String documentId) {
        throw ProblemException.notImplemented("POST /api/parent/documents/{documentId}/verification");
    }
}
