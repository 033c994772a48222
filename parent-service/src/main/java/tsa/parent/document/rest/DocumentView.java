package tsa.parent.document.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import tsa.parent.document.store.ParentDocument;

/** The contract's {@code Document}: the record without its S3 key, content type or verification note. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentView(
        String documentId,
        String enrollmentId,
        String parentEmail,
        String documentType,
        String fileName,
        Long fileSize,
        String uploadStatus,
        String verificationStatus,
        String verifiedBy,
        String uploadedAt,
        String verifiedAt) {

    static DocumentView of(ParentDocument d) {
        return new DocumentView(
                d.documentId(),
                d.enrollmentId(),
                d.parentEmail(),
                d.documentType(),
                d.fileName(),
                d.fileSize(),
                d.uploadStatus(),
                d.verificationStatus(),
                d.verifiedBy(),
                d.uploadedAt(),
                d.verifiedAt());
    }
}
