package tsa.parent.enrollment.store;

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

/** {@code tsa-parent-enrollmentsdev}: versioned items, GSI pages by parent, by coach and by status, never a scan. */
@ApplicationScoped
public class EnrollmentStore {

    private final VersionedItems<Enrollment> items;

    @Inject
    public EnrollmentStore(DynamoDbClient dynamo, ParentTables tables, DynamoSettings settings) {
        this.items = new VersionedItems<>(dynamo, tables.enrollments(), Enrollment.SCHEMA, settings);
    }

    public Optional<Enrollment> find(String enrollmentId) {
        return items.find(enrollmentId);
    }

    public boolean insert(Enrollment enrollment) {
        return items.insert(enrollment);
    }

    /** Read, decide, write at the next version; tried again when another request changed it in between. */
    public Optional<Enrollment> change(String enrollmentId, UnaryOperator<Enrollment> change) {
        return items.change(enrollmentId, change);
    }

    /** A parent's enrollments through {@code parent-enrollments-index}. */
    public Page<Enrollment> byParent(String parentEmail, PageRequest page) {
        return items.page(IndexQuery.of(ParentTables.PARENT_ENROLLMENTS_INDEX, parentEmail), page);
    }

    /** The enrollments assigned to a coach through {@code coach-enrollments-index}. */
    public Page<Enrollment> byCoach(String coachId, PageRequest page) {
        return items.page(IndexQuery.of(ParentTables.COACH_ENROLLMENTS_INDEX, coachId), page);
    }

    /** Enrollments of one status, oldest first, through {@code status-index} (sync-service's reconciliation). */
    public Page<Enrollment> byStatus(String enrollmentStatus, PageRequest page) {
        return items.page(IndexQuery.of(ParentTables.STATUS_INDEX, enrollmentStatus), page);
    }
}
