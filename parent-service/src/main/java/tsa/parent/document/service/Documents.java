package tsa.parent.document.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.text.Normalizer;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import tsa.parent.document.config.DocumentSettings;
import tsa.parent.document.storage.DocumentFiles;
import tsa.parent.document.storage.DocumentFiles.SignedUrl;
import tsa.parent.document.store.DocumentStore;
import tsa.parent.document.store.ParentDocument;
import tsa.parent.enrollment.store.Enrollment;
import tsa.parent.enrollment.store.EnrollmentStore;
import tsa.runtime.audit.AdminAction;
import tsa.runtime.audit.AdminAuditTrail;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Caller;
import tsa.runtime.security.Roles;
import tsa.runtime.text.EmailAddress;
import tsa.runtime.time.Timestamps;

/**
 * An enrollment's documents (contract: the documents operations). Who may see one follows its enrollment: the
 * parent who owns it, the coach it is assigned to, any admin; anyone else gets the same 404 as for a document that
 * does not exist. Files go straight between the portal and S3 through presigned URLs; this service writes the
 * record, signs the URLs and checks that an upload arrived before it counts.
 */
@ApplicationScoped
public class Documents {

    /** The audit trail's {@code resource_type} for documents. */
    static final String RESOURCE_TYPE = "document";
    /** Longest file name kept in an S3 key (the record keeps the name as given). */
    static final int KEY_NAME_MAX = 100;

    /** What a parent declares about a file before uploading it. */
    public record NewDocument(String documentType, String fileName, long fileSize, String contentType) {}

    /** A new document and where to upload its file. */
    public record Upload(ParentDocument document, SignedUrl url) {}

    @Inject
    DocumentStore documents;

    @Inject
    EnrollmentStore enrollments;

    @Inject
    DocumentFiles files;

    @Inject
    DocumentSettings settings;

    @Inject
    AdminAuditTrail audit;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    /** The enrollment's parent starts an upload: the record ({@code processing}, {@code pending}) and a PUT URL. */
    public Upload start(String enrollmentId, NewDocument request) {
        Enrollment enrollment = enrollments
                .find(enrollmentId)
                .filter(this::ownsEnrollment)
                .orElseThrow(() -> noEnrollment(enrollmentId));
        DocumentType type = DocumentType.of(request.documentType())
                .orElseThrow(() ->
                        ProblemException.invalidField("documentType", "must be one of medical, legal, identification"));
        if (!settings.contentTypes().contains(request.contentType())) {
            throw ProblemException.invalidField(
                    "contentType", "must be one of " + String.join(", ", settings.contentTypes()));
        }
        if (request.fileSize() < 1 || request.fileSize() > settings.maxFileSize()) {
            throw ProblemException.invalidField(
                    "fileSize", "must be between 1 and " + settings.maxFileSize() + " bytes");
        }
        String documentId = UUID.randomUUID().toString();
        String now = Timestamps.format(clock.instant());
        ParentDocument document = ParentDocument.builder()
                .documentId(documentId)
                .enrollmentId(enrollment.enrollmentId())
                .parentEmail(enrollment.parentEmail())
                .documentType(type.value())
                .fileName(request.fileName())
                .s3Key(keyOf(enrollment.enrollmentId(), documentId, request.fileName()))
                .fileSize(request.fileSize())
                .contentType(request.contentType())
                .uploadStatus(UploadStatus.PROCESSING.value())
                .verificationStatus(VerificationStatus.PENDING.value())
                .createdAt(now)
                .version(1L)
                .build();
        if (!documents.insert(document)) {
            throw new IllegalStateException("a random document id was taken: " + documentId);
        }
        return new Upload(document, files.uploadUrl(document.s3Key(), document.contentType(), document.fileSize()));
    }

    /** A document its reader may see; an admin's read is recorded as a {@code view} first (503 without it). */
    public ParentDocument get(String documentId) {
        ParentDocument document = visible(documentId);
        if (!caller.isAdmin()) {
            return document;
        }
        return audit.viewed(
                () -> document,
                read -> new AdminAction(
                        AdminAction.VIEW,
                        RESOURCE_TYPE,
                        documentId,
                        "read document " + documentId + " of enrollment " + document.enrollmentId(),
                        null,
                        null));
    }

    /**
     * An enrollment's documents, for its parent, its coach and admins; an admin's read is one {@code view} record
     * per page (the enrollment and the count).
     */
    public Page<ParentDocument> ofEnrollment(String enrollmentId, PageRequest page) {
        Enrollment enrollment =
                enrollments.find(enrollmentId).filter(this::mayRead).orElseThrow(() -> noEnrollment(enrollmentId));
        if (!caller.isAdmin()) {
            return documents.byEnrollment(enrollment.enrollmentId(), page);
        }
        return audit.viewed(
                () -> documents.byEnrollment(enrollment.enrollmentId(), page),
                found -> AdminAction.listRead(
                        "enrollment",
                        enrollmentId,
                        "listed the documents of enrollment " + enrollmentId,
                        Map.of("enrollmentId", enrollmentId),
                        found));
    }

    /**
     * A parent's documents across their enrollments: a parent gets their own; an admin names the parent (400
     * without one). An admin's read of a parent's documents is personal data and is audited as one {@code view}.
     */
    public Page<ParentDocument> ofParent(String requestedParentEmail, PageRequest page) {
        if (caller.isAdmin()) {
            if (requestedParentEmail == null || requestedParentEmail.isBlank()) {
                throw ProblemException.invalidField("parentEmail", "is required for admins");
            }
            String parent = EmailAddress.normal(requestedParentEmail);
            return audit.audited(
                    new AdminAction(AdminAction.VIEW, "parent", parent, "list the documents of a parent", null, null),
                    () -> documents.byParent(parent, page));
        }
        if (requestedParentEmail != null) {
            throw ProblemException.invalidField("parentEmail", "is for admins only");
        }
        return documents.byParent(parentEmail(), page);
    }

    /**
     * The parent confirms the upload: the file must be in S3 with the declared size and type (409 otherwise, and the
     * same URL may be used again while it works). Confirming a confirmed document changes nothing.
     */
    public ParentDocument confirmUpload(String documentId) {
        ParentDocument document = documents
                .find(documentId)
                .filter(d -> d.parentEmail().equals(parentEmail()))
                .orElseThrow(() -> noDocument(documentId));
        if (UploadStatus.stored(document.uploadStatus()).isConfirmed()) {
            return document;
        }
        DocumentFiles.StoredObject stored = files.stored(document.s3Key())
                .orElseThrow(() -> ProblemException.conflict("the file has not been uploaded yet"));
        if (stored.size() != document.fileSize()) {
            throw ProblemException.conflict("the uploaded file has " + stored.size() + " bytes, not the "
                    + document.fileSize() + " declared; upload the declared file again");
        }
        if (stored.contentType() != null && !stored.contentType().equals(document.contentType())) {
            // S3 itself refuses another type (it is signed into the URL); S3-compatible servers may not.
            throw ProblemException.conflict("the uploaded file is " + stored.contentType() + ", not the declared "
                    + document.contentType() + "; upload the declared file again");
        }
        String now = Timestamps.format(clock.instant());
        return documents
                .change(documentId, current -> {
                    UploadStatus status = UploadStatus.stored(current.uploadStatus());
                    if (status.isConfirmed()) {
                        return current;
                    }
                    return current.toBuilder()
                            .uploadStatus(status.moveTo(UploadStatus.UPLOADED, "document upload")
                                    .value())
                            .uploadedAt(now)
                            .build();
                })
                .orElseThrow(() -> noDocument(documentId));
    }

    /** A short-lived GET URL of the file, once its upload is confirmed; an admin's request is audited as a view. */
    public SignedUrl downloadUrl(String documentId) {
        ParentDocument document = visible(documentId);
        if (!UploadStatus.stored(document.uploadStatus()).isConfirmed()) {
            throw ProblemException.conflict("the file's upload is not confirmed yet");
        }
        Supplier<SignedUrl> sign =
                () -> files.downloadUrl(document.s3Key(), keyName(document.fileName()), document.contentType());
        if (caller.isAdmin()) {
            return audit.audited(
                    new AdminAction(
                            AdminAction.VIEW,
                            RESOURCE_TYPE,
                            documentId,
                            "download document " + documentId + " of enrollment " + document.enrollmentId(),
                            null,
                            null),
                    sign);
        }
        return sign.get();
    }

    /**
     * The assigned coach or an admin approves or rejects a confirmed upload (a rejection needs a note). Approval also
     * makes the upload {@code verified}. Each status enum decides whether its move is allowed; an admin's decision is
     * recorded before it is written.
     */
    public ParentDocument verify(String documentId, String decision, String note) {
        VerificationStatus target = VerificationStatus.of(decision)
                .filter(s -> s != VerificationStatus.PENDING)
                .orElseThrow(() -> ProblemException.invalidField("verificationStatus", "must be approved or rejected"));
        String reason = note == null || note.isBlank() ? null : note.strip();
        if (target == VerificationStatus.REJECTED && reason == null) {
            throw ProblemException.invalidField("note", "is required when a document is rejected");
        }
        ParentDocument before = visible(documentId);
        UploadStatus upload = UploadStatus.stored(before.uploadStatus());
        if (!upload.isConfirmed()) {
            throw ProblemException.conflict("a document whose upload is not confirmed cannot be verified");
        }
        VerificationStatus verification =
                VerificationStatus.stored(before.verificationStatus()).moveTo(target, "document verification");
        UploadStatus nextUpload = verification == VerificationStatus.APPROVED
                ? upload.moveTo(UploadStatus.VERIFIED, "document upload")
                : upload;
        ParentDocument after = before.toBuilder()
                .verificationStatus(verification.value())
                .uploadStatus(nextUpload.value())
                .verifiedBy(caller.email())
                .verifiedAt(Timestamps.format(clock.instant()))
                .verificationNote(reason)
                .version(before.version() + 1)
                .build();
        Supplier<ParentDocument> write = () -> {
            if (!documents.replace(after, before.version())) {
                throw ProblemException.conflict("the document was changed by another request; read it again");
            }
            return after;
        };
        if (caller.isAdmin()) {
            return audit.audited(
                    new AdminAction(
                            AdminAction.UPDATE,
                            RESOURCE_TYPE,
                            documentId,
                            verification.value() + " document " + documentId,
                            statusOf(before),
                            statusOf(after)),
                    write);
        }
        return write.get();
    }

    private ParentDocument visible(String documentId) {
        return documents.find(documentId).filter(this::mayRead).orElseThrow(() -> noDocument(documentId));
    }

    private boolean mayRead(ParentDocument document) {
        if (caller.isAdmin()) {
            return true;
        }
        if (caller.hasRole(Roles.PARENT)) {
            return document.parentEmail().equals(parentEmail());
        }
        return enrollments
                .find(document.enrollmentId())
                .filter(this::assignedCoach)
                .isPresent();
    }

    private boolean mayRead(Enrollment enrollment) {
        return caller.isAdmin() || ownsEnrollment(enrollment) || assignedCoach(enrollment);
    }

    private boolean ownsEnrollment(Enrollment enrollment) {
        return caller.hasRole(Roles.PARENT)
                && enrollment.parentEmail() != null
                && enrollment.parentEmail().equals(parentEmail());
    }

    private boolean assignedCoach(Enrollment enrollment) {
        Optional<String> coachId = caller.hasRole(Roles.COACH) ? caller.coachId() : Optional.empty();
        return coachId.isPresent() && coachId.get().equals(enrollment.coachId());
    }

    /** A parent session's address ({@code parentEmail}, else the sign-in address), as enrollments store it. */
    private String parentEmail() {
        return caller.parentEmail().orElseGet(caller::email);
    }

    private static Map<String, Object> statusOf(ParentDocument document) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("uploadStatus", document.uploadStatus());
        state.put("verificationStatus", document.verificationStatus());
        if (document.verifiedBy() != null) {
            state.put("verifiedBy", document.verifiedBy());
        }
        if (document.verificationNote() != null) {
            state.put("note", document.verificationNote());
        }
        return state;
    }

    /** Where the file lives: under its enrollment and its own id, so no two documents share a key. */
    static String keyOf(String enrollmentId, String documentId, String fileName) {
        return "enrollments/" + enrollmentId + "/documents/" + documentId + "/" + keyName(fileName);
    }

    /**
     * The file name as it may appear in a key and a Content-Disposition header: its last path segment, accents
     * dropped, anything but letters, digits, dot, dash and underscore replaced, no leading dots.
     */
    static String keyName(String fileName) {
        String base = fileName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        String safe = Normalizer.normalize(base, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .replaceAll("[^A-Za-z0-9._-]+", "_")
                .replaceAll("^[._]+", "");
        if (safe.length() > KEY_NAME_MAX) {
            int dot = safe.lastIndexOf('.');
            String extension = dot > 0 && safe.length() - dot <= 10 ? safe.substring(dot) : "";
            safe = safe.substring(0, KEY_NAME_MAX - extension.length()) + extension;
        }
        return safe.isEmpty() ? "file" : safe;
    }

    private static ProblemException noEnrollment(String enrollmentId) {
        return ProblemException.notFound("no enrollment " + enrollmentId);
    }

    private static ProblemException noDocument(String documentId) {
        return ProblemException.notFound("no document " + documentId);
    }
}
