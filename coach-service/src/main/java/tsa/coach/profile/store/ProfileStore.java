package tsa.coach.profile.store;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import tsa.coach.config.CoachTables;
import tsa.runtime.dynamo.ConditionalWrites;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageCursor;
import tsa.runtime.problem.ProblemException;

/**
 * {@code profilesdev}: single-item conditional writes only. A change replaces the item on the condition that its
 * {@code version} is the one read, so concurrent changes never overwrite each other silently; lists are GSI queries
 * with a cursor, never scans.
 */
@ApplicationScoped
public class ProfileStore {

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final DynamoDbTable<CoachProfile> table;

    @Inject
    public ProfileStore(DynamoDbClient dynamo, CoachTables tables) {
        this.dynamo = dynamo;
        this.tableName = tables.profiles().name();
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build()
                .table(tableName, CoachProfile.SCHEMA);
    }

    /** The profile as last written (a consistent read). */
    public Optional<CoachProfile> find(String coachId) {
        return Optional.ofNullable(table.getItem(r -> r.key(key(coachId)).consistentRead(true)));
    }

    /** Writes a new profile; false if one with that {@code coach_id} exists already. */
    public boolean insert(CoachProfile profile) {
        return ConditionalWrites.insertIfAbsent(table, profile, CoachProfile.COACH_ID);
    }

    /** Replaces the profile if it is still at {@code expectedVersion}; false when someone changed it first. */
    public boolean replace(CoachProfile changed, long expectedVersion) {
        return ConditionalWrites.replaceIfVersion(table, changed, CoachProfile.VERSION, expectedVersion);
    }

    /**
     * sync-service acknowledged {@code version}: removes {@code sync_pending} (so the profile leaves the sparse index),
     * but only if the profile is still at that version; a newer version stays pending until it is acknowledged itself.
     */
    public boolean clearSyncPending(String coachId, long version) {
        try {
            dynamo.updateItem(r -> r.tableName(tableName)
                    .key(Map.of(CoachProfile.COACH_ID, AttributeValue.fromS(coachId)))
                    .updateExpression("REMOVE #p")
                    .conditionExpression("#v = :v AND attribute_exists(#p)")
                    .expressionAttributeNames(Map.of("#p", CoachProfile.SYNC_PENDING, "#v", CoachProfile.VERSION))
                    .expressionAttributeValues(Map.of(":v", version(version))));
            return true;
        } catch (ConditionalCheckFailedException newerOrCleared) {
            return false;
        }
    }

    /** The coaches of a school, through {@code school-index} (no order). */
    public Page<CoachProfile> bySchool(String schoolId, int limit, String cursor) {
        return query(CoachTables.SCHOOL_INDEX, CoachProfile.SCHOOL_ID, schoolId, Set.of(CoachProfile.SCHOOL_ID),
                true, limit, cursor);
    }

    /** Profiles of a status, most recently updated first, through {@code status-index}. */
    public Page<CoachProfile> byStatus(String status, int limit, String cursor) {
        return query(CoachTables.STATUS_INDEX, CoachProfile.PROFILE_STATUS, status,
                Set.of(CoachProfile.PROFILE_STATUS, CoachProfile.UPDATED_AT), false, limit, cursor);
    }

    /** Profiles whose latest version sync-service has not acknowledged, longest waiting first. */
    public Page<CoachProfile> syncPending(int limit, String cursor) {
        return query(CoachTables.SYNC_PENDING_INDEX, CoachProfile.SYNC_PENDING, CoachProfile.SYNC_PENDING_VALUE,
                Set.of(CoachProfile.SYNC_PENDING, CoachProfile.UPDATED_AT), true, limit, cursor);
    }

    private Page<CoachProfile> query(String indexName, String hashAttribute, String hashValue,
            Set<String> indexKeys, boolean ascending, int limit, String cursor) {
        Map<String, AttributeValue> start = startKey(cursor, hashAttribute, hashValue, indexKeys);
        var page = table.index(indexName).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(hashValue)))
                        .scanIndexForward(ascending)
                        .limit(limit)
                        .exclusiveStartKey(start)
                        .build())
                .iterator().next();
        return new Page<>(page.items(), PageCursor.encode(page.lastEvaluatedKey()));
    }

    /**
     * The cursor's start key, if it is one this query handed out: the table's key plus the index's keys, with the
     * same index hash value. Anything else would make DynamoDB fail the query; it is the client's mistake (400).
     */
    private static Map<String, AttributeValue> startKey(String cursor, String hashAttribute, String hashValue,
            Set<String> indexKeys) {
        Map<String, AttributeValue> key = PageCursor.decode(cursor);
        if (key == null) {
            return null;
        }
        boolean shaped = key.size() == indexKeys.size() + 1
                && key.containsKey(CoachProfile.COACH_ID)
                && key.keySet().containsAll(indexKeys)
                && key.values().stream().allMatch(v -> v.s() != null && !v.s().isEmpty())
                && hashValue.equals(key.get(hashAttribute).s());
        if (!shaped) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list handed out");
        }
        return key;
    }

    private static AttributeValue version(long version) {
        return AttributeValue.fromN(Long.toString(version));
    }

    private static Key key(String coachId) {
        return Key.builder().partitionValue(coachId).build();
    }
}
