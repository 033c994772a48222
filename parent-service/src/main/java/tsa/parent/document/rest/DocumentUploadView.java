package tsa.parent.document.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;
import tsa.parent.document.service.Documents;
import tsa.runtime.time.Timestamps;

/** The contract's {@code DocumentUpload}: the new record and where to {@code PUT} its file, with which headers. */
// Native image: sent as the entity of a jakarta.ws.rs.core.Response (or inside a Page), whose type Quarkus
// can't see, so Jackson's reflection on it (and on the types of its fields) is registered here.
@RegisterForReflection(registerFullHierarchy = true)
public record DocumentUploadView(
        DocumentView document,
        String uploadUrl,
        String uploadMethod,
        Map<String, String> uploadHeaders,
        String uploadUrlExpiresAt) {

    static DocumentUploadView of(Documents.Upload upload) {
        return new DocumentUploadView(
                DocumentView.of(upload.document()),
                upload.url().url(),
                "PUT",
                upload.url().headers(),
                Timestamps.format(upload.url().expiresAt()));
    }
}
