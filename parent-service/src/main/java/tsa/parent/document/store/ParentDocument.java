package tsa.parent.document.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import tsa.parent.config.ParentTables;
import tsa.runtime.dynamo.SchemaVersion;
import tsa.runtime.dynamo.VersionedItem;

/**
 * An uploaded document, one item of {@code tsa-parent-documentsdev} (seed) keyed by {@code document_id};
 * {@code file_size} in bytes (as the parent declared it, checked against the stored object when the upload is
 * confirmed). Beyond the seed: {@code content_type} (signed into the upload URL and given back on download),
 * {@code verification_note} (the coach's or admin's reason, required for a rejection), {@code created_at} and
 * {@code version}.
 */
public record ParentDocument(
        String documentId,
        String enrollmentId,
        String parentEmail,
        String documentType,
        String fileName,
        String s3Key,
        Long fileSize,
        String uploadStatus,
        String verificationStatus,
        String verifiedBy,
        String uploadedAt,
        String verifiedAt,
        String contentType,
        String verificationNote,
        String createdAt,
        Long version,
        String schemaVersion)
        implements VersionedItem<ParentDocument> {

    public static final String DOCUMENT_ID = "document_id";
    public static final String ENROLLMENT_ID = "enrollment_id";
    public static final String PARENT_EMAIL = "parent_email";
    public static final String DOCUMENT_TYPE = "document_type";
    public static final String FILE_NAME = "file_name";
    public static final String S3_KEY = "s3_key";
    public static final String FILE_SIZE = "file_size";
    public static final String UPLOAD_STATUS = "upload_status";
    public static final String VERIFICATION_STATUS = "verification_status";
    public static final String VERIFIED_BY = "verified_by";
    public static final String UPLOADED_AT = "uploaded_at";
    public static final String VERIFIED_AT = "verified_at";
    public static final String CONTENT_TYPE = "content_type";
    public static final String VERIFICATION_NOTE = "verification_note";
    public static final String CREATED_AT = "created_at";
    public static final String VERSION = "version";

    public static final TableSchema<ParentDocument> SCHEMA = StaticImmutableTableSchema.builder(
                    ParentDocument.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(
                    String.class,
                    a -> a.name(DOCUMENT_ID)
                            .getter(ParentDocument::documentId)
                            .setter(Builder::documentId)
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name(ENROLLMENT_ID)
                            .getter(ParentDocument::enrollmentId)
                            .setter(Builder::enrollmentId)
                            .tags(secondaryPartitionKey(ParentTables.ENROLLMENT_DOCUMENTS_INDEX)))
            .addAttribute(
                    String.class,
                    a -> a.name(PARENT_EMAIL)
                            .getter(ParentDocument::parentEmail)
                            .setter(Builder::parentEmail)
                            .tags(secondaryPartitionKey(ParentTables.PARENT_DOCUMENTS_INDEX)))
            .addAttribute(
                    String.class,
                    a -> a.name(DOCUMENT_TYPE)
                            .getter(ParentDocument::documentType)
                            .setter(Builder::documentType))
            .addAttribute(
                    String.class,
                    a -> a.name(FILE_NAME).getter(ParentDocument::fileName).setter(Builder::fileName))
            .addAttribute(
                    String.class,
                    a -> a.name(S3_KEY).getter(ParentDocument::s3Key).setter(Builder::s3Key))
            .addAttribute(
                    Long.class,
                    a -> a.name(FILE_SIZE).getter(ParentDocument::fileSize).setter(Builder::fileSize))
            .addAttribute(
                    String.class,
                    a -> a.name(UPLOAD_STATUS)
                            .getter(ParentDocument::uploadStatus)
                            .setter(Builder::uploadStatus))
            .addAttribute(
                    String.class,
                    a -> a.name(VERIFICATION_STATUS)
                            .getter(ParentDocument::verificationStatus)
                            .setter(Builder::verificationStatus))
            .addAttribute(
                    String.class,
                    a -> a.name(VERIFIED_BY).getter(ParentDocument::verifiedBy).setter(Builder::verifiedBy))
            .addAttribute(
                    String.class,
                    a -> a.name(UPLOADED_AT).getter(ParentDocument::uploadedAt).setter(Builder::uploadedAt))
            .addAttribute(
                    String.class,
                    a -> a.name(VERIFIED_AT).getter(ParentDocument::verifiedAt).setter(Builder::verifiedAt))
            .addAttribute(
                    String.class,
                    a -> a.name(CONTENT_TYPE)
                            .getter(ParentDocument::contentType)
                            .setter(Builder::contentType))
            .addAttribute(
                    String.class,
                    a -> a.name(VERIFICATION_NOTE)
                            .getter(ParentDocument::verificationNote)
                            .setter(Builder::verificationNote))
            .addAttribute(
                    String.class,
                    a -> a.name(CREATED_AT).getter(ParentDocument::createdAt).setter(Builder::createdAt))
            .addAttribute(
                    Long.class,
                    a -> a.name(VERSION).getter(ParentDocument::version).setter(Builder::version))
            .addAttribute(SchemaVersion.attribute(
                    ParentDocument.class, Builder.class, ParentDocument::schemaVersion, Builder::schemaVersion))
            .build();

    /** A new item, at the current schema version. */
    public static Builder builder() {
        return new Builder().schemaVersion(SchemaVersion.CURRENT);
    }

    @Override
    public ParentDocument withVersion(long next) {
        return toBuilder().version(next).build();
    }

    public Builder toBuilder() {
        return new Builder()
                .documentId(documentId)
                .enrollmentId(enrollmentId)
                .parentEmail(parentEmail)
                .documentType(documentType)
                .fileName(fileName)
                .s3Key(s3Key)
                .fileSize(fileSize)
                .uploadStatus(uploadStatus)
                .verificationStatus(verificationStatus)
                .verifiedBy(verifiedBy)
                .uploadedAt(uploadedAt)
                .verifiedAt(verifiedAt)
                .contentType(contentType)
                .verificationNote(verificationNote)
                .createdAt(createdAt)
                .version(version)
                .schemaVersion(schemaVersion);
    }

    public static final class Builder {
        private String documentId;
        private String enrollmentId;
        private String parentEmail;
        private String documentType;
        private String fileName;
        private String s3Key;
        private Long fileSize;
        private String uploadStatus;
        private String verificationStatus;
        private String verifiedBy;
        private String uploadedAt;
        private String verifiedAt;
        private String contentType;
        private String verificationNote;
        private String createdAt;
        private Long version;
        private String schemaVersion;

        private Builder() {}

        public Builder documentId(String documentId) {
            this.documentId = documentId;
            return this;
        }

        public Builder enrollmentId(String enrollmentId) {
            this.enrollmentId = enrollmentId;
            return this;
        }

        public Builder parentEmail(String parentEmail) {
            this.parentEmail = parentEmail;
            return this;
        }

        public Builder documentType(String documentType) {
            this.documentType = documentType;
            return this;
        }

        public Builder fileName(String fileName) {
            this.fileName = fileName;
            return this;
        }

        public Builder s3Key(String s3Key) {
            this.s3Key = s3Key;
            return this;
        }

        public Builder fileSize(Long fileSize) {
            this.fileSize = fileSize;
            return this;
        }

        public Builder uploadStatus(String uploadStatus) {
            this.uploadStatus = uploadStatus;
            return this;
        }

        public Builder verificationStatus(String verificationStatus) {
            this.verificationStatus = verificationStatus;
            return this;
        }

        public Builder verifiedBy(String verifiedBy) {
            this.verifiedBy = verifiedBy;
            return this;
        }

        public Builder uploadedAt(String uploadedAt) {
            this.uploadedAt = uploadedAt;
            return this;
        }

        public Builder verifiedAt(String verifiedAt) {
            this.verifiedAt = verifiedAt;
            return this;
        }

        public Builder contentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        public Builder verificationNote(String verificationNote) {
            this.verificationNote = verificationNote;
            return this;
        }

        public Builder createdAt(String createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder version(Long version) {
            this.version = version;
            return this;
        }

        public Builder schemaVersion(String schemaVersion) {
            this.schemaVersion = schemaVersion;
            return this;
        }

        public ParentDocument build() {
            return new ParentDocument(
                    documentId,
                    enrollmentId,
                    parentEmail,
                    documentType,
                    fileName,
                    s3Key,
                    fileSize,
                    uploadStatus,
                    verificationStatus,
                    verifiedBy,
                    uploadedAt,
                    verifiedAt,
                    contentType,
                    verificationNote,
                    createdAt,
                    version,
                    schemaVersion);
        }
    }
}
