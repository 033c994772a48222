package tsa.coach.profile.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import tsa.coach.config.CoachTables;
import tsa.runtime.dynamo.DynamoSettings;
import tsa.runtime.dynamo.IndexQuery;
import tsa.runtime.dynamo.VersionedItems;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageRequest;

/**
 * {@code profilesdev}: versioned items ({@link VersionedItems}); lists are GSI queries with a cursor, never scans.
 * Its own query is the acknowledgement of a synced version, which removes {@code sync_pending} without a new version.
 */
@ApplicationScoped
public class ProfileStore {

    private final DynamoDbClient dynamo;
    private final VersionedItems<CoachProfile> items;

    @Inject
    public ProfileStore(DynamoDbClient dynamo, CoachTables tables, DynamoSettings settings) {
        this.dynamo = dynamo;
        this.items = new VersionedItems<>(dynamo, tables.profiles(), CoachProfile.SCHEMA, settings);
    }

    /** The profile as last written (a consistent read); ids no profile can have are none. */
    public Optional<CoachProfile> find(String coachId) {
        return items.find(coachId);
    }

    /** Writes a new profile; false if one with that {@code coach_id} exists already. */
    public boolean insert(CoachProfile profile) {
        return items.insert(profile);
    }

    /** Replaces the profile if it is still at {@code expectedVersion}; false when someone changed it first. */
    public boolean replace(CoachProfile changed, long expectedVersion) {
        return items.replace(changed, expectedVersion);
    }

    /** Read, decide, write at the next version; tried again when another request changed it in between. */
    public Optional<CoachProfile> change(String coachId, UnaryOperator<CoachProfile> change) {
        return items.change(coachId, change);
    }

    /**
     * sync-service acknowledged {@code version}: removes {@code sync_pending} (so the profile leaves the sparse index),
     * but only if the profile is still at that version; a newer version stays pending until it is acknowledged itself.
     */
    public boolean clearSyncPending(String coachId, long version) {
        try {
            dynamo.updateItem(r -> r.tableName(items.tableName())
                    .key(Map.of(CoachProfile.COACH_ID, AttributeValue.fromS(coachId)))
                    .updateExpression("REMOVE #p")
                    .conditionExpression("#v = :v AND attribute_exists(#p)")
                    .expressionAttributeNames(Map.of("#p", CoachProfile.SYNC_PENDING, "#v", CoachProfile.VERSION))
                    .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(version)))));
            return true;
        } catch (ConditionalCheckFailedException newerOrCleared) {
            return false;
        }
    }

    /** The coaches of a school, through {@code school-index} (no order). */
    public Page<CoachProfile> bySchool(String schoolId, PageRequest page) {
        return items.page(IndexQuery.of(CoachTables.SCHOOL_INDEX, schoolId), page);
    }

    /** Profiles of a status, most recently updated first, through {@code status-index}. */
    public Page<CoachProfile> byStatus(String status, PageRequest page) {
        return items.page(IndexQuery.of(CoachTables.STATUS_INDEX, status).newestFirst(), page);
    }

    /** Profiles whose latest version sync-service has not acknowledged, longest waiting first. */
    public Page<CoachProfile> syncPending(PageRequest page) {
        return items.page(IndexQuery.of(CoachTables.SYNC_PENDING_INDEX, CoachProfile.SYNC_PENDING_VALUE), page);
    }
}
