package tsa.sync.standards.rest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import tsa.sync.standards.service.StandardsDocuments;
import tsa.sync.standards.service.StandardsDocuments.Standard;

/**
 * The OpenAPI documents of the standards APIs sync-service serves, as Swagger UI lists them next to sync-service's
 * own contract. Anonymous, like {@code /api/sync/openapi}: they describe the API, not its data.
 */
@Path("/api/sync/standards")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
public class StandardsDocumentResource {

    @Inject
    StandardsDocuments documents;

    @GET
    @Path("/oneroster-1.2.json")
    public JsonNode oneRoster() {
        return documents.document(Standard.ONEROSTER);
    }

    @GET
    @Path("/ed-fi-ds-5.0.json")
    public JsonNode edFi() {
        return documents.document(Standard.EDFI);
    }
}
