package tsa.parent.document.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tsa.parent.config.ParentTables;
import tsa.runtime.dynamo.DynamoSettings;
import tsa.runtime.dynamo.IndexQuery;
import tsa.runtime.dynamo.VersionedItems;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageRequest;

/** {@code tsa-parent-documentsdev}: versioned items and an enrollment's documents by GSI, never a scan. */
@ApplicationScoped
public class DocumentStore {

    private final VersionedItems<ParentDocument> items;

    @Inject
    public DocumentStore(DynamoDbClient dynamo, ParentTables tables, DynamoSettings settings) {
        this.items = new VersionedItems<>(dynamo, tables.documents(), ParentDocument.SCHEMA, settings);
    }

    public Optional<ParentDocument> find(String documentId) {
        return items.find(documentId);
    }

    public boolean insert(ParentDocument document) {
        return items.insert(document);
    }

    /** Writes {@code changed} if the item is still at {@code expectedVersion}; false if someone changed it first. */
    public boolean replace(ParentDocument changed, long expectedVersion) {
        return items.replace(changed, expectedVersion);
    }

    /** Read, decide, write at the next version; tried again when another request changed it in between. */
    public Optional<ParentDocument> change(String documentId, UnaryOperator<ParentDocument> change) {
        return items.change(documentId, change);
    }

    /** An enrollment's documents through {@code enrollment-documents-index}. */
    public Page<ParentDocument> byEnrollment(String enrollmentId, PageRequest page) {
        return items.page(IndexQuery.of(ParentTables.ENROLLMENT_DOCUMENTS_INDEX, enrollmentId), page);
    }

    /** A parent's documents, across their enrollments, through {@code parent-documents-index}. */
    public Page<ParentDocument> byParent(String parentEmail, PageRequest page) {
        return items.page(IndexQuery.of(ParentTables.PARENT_DOCUMENTS_INDEX, parentEmail), page);
    }
}
