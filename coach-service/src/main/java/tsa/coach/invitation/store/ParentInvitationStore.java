package tsa.coach.invitation.store;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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
import tsa.runtime.dynamo.SchemaVersion;
import tsa.runtime.dynamo.UniquenessGuard;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageCursor;
import tsa.runtime.problem.ProblemException;

/**
 * {@code parent-invitationsdev}: single-item conditional writes only. Every change replaces the item on the condition
 * that its {@code version} is the one read, so concurrent changes never overwrite each other silently. One open
 * invitation per (coach, parent email, student) is held by a guard item; lists are GSI queries with a cursor.
 */
@ApplicationScoped
public class ParentInvitationStore {

    private static final String GUARD_KIND = "parent-invitation";

    /** Key prefix of the per-coach mail counters ({@code limit#invitation-mail#<coachId>#<window start>}). */
    public static final String LIMIT_PREFIX = "limit#";
    /** The counter of a mail-limit item. */
    public static final String COUNT = "count";
    /** The TTL attribute (epoch seconds) of the mail-limit items: DynamoDB removes a window once it has ended. */
    public static final String EXPIRATION_TIME = "expiration_time";

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final DynamoDbTable<ParentInvitation> table;
    private final UniquenessGuard openPerStudent;

    @Inject
    public ParentInvitationStore(DynamoDbClient dynamo, CoachTables tables, Clock clock) {
        String name = tables.parentInvitations().name();
        this.dynamo = dynamo;
        this.tableName = name;
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build().table(name,
                ParentInvitation.SCHEMA);
        this.openPerStudent = new UniquenessGuard(dynamo, name, ParentInvitation.INVITATION_ID, clock);
    }

    /** The invitation as last written (a consistent read); guard items and impossible ids are none. */
    public Optional<ParentInvitation> find(String invitationId) {
        if (invitationId == null || invitationId.isBlank() || invitationId.length() > 200
                || invitationId.startsWith("guard#") || invitationId.startsWith(LIMIT_PREFIX)) {
            return Optional.empty();
        }
        return Optional.ofNullable(table.getItem(r -> r.key(key(invitationId)).consistentRead(true)));
    }

    /**
     * Makes {@code invitationId} the holder of the slot {@code slot} (a digest of coach, parent email and student)
     * unless the current holder keeps it: it is open, or it is being written right now.
     */
    public boolean claimSlot(String slot, String invitationId,
            Function<String, UniquenessGuard.HolderState> holderState) {
        return openPerStudent.claimFor(UniquenessGuard.key(GUARD_KIND, slot), invitationId, holderState);
    }

    /**
     * Takes one unit of a coach's mail counter for the window starting at {@code windowStart} (epoch seconds), unless
     * it holds {@code max} already: one conditional update of one item, so racing requests never overshoot. The
     * item carries only the table's key, {@code count}, {@code expiration_time} and {@code schema_version} (no index
     * attribute, so no query returns it). Returns false when the window is full.
     */
    public boolean takeMailUnit(String coachId, long windowStart, int max, long expiresAt) {
        String key = LIMIT_PREFIX + "invitation-mail#" + coachId + "#" + windowStart;
        try {
            dynamo.updateItem(r -> r.tableName(tableName)
                    .key(Map.of(ParentInvitation.INVITATION_ID, AttributeValue.fromS(key)))
                    .updateExpression("SET #c = if_not_exists(#c, :zero) + :one, #e = :e, #s = :s")
                    .conditionExpression("attribute_not_exists(#c) OR #c < :max")
                    .expressionAttributeNames(Map.of("#c", COUNT, "#e", EXPIRATION_TIME,
                            "#s", SchemaVersion.ATTRIBUTE))
                    .expressionAttributeValues(Map.of(
                            ":zero", AttributeValue.fromN("0"),
                            ":one", AttributeValue.fromN("1"),
                            ":max", AttributeValue.fromN(Integer.toString(max)),
                            ":e", AttributeValue.fromN(Long.toString(expiresAt)),
                            ":s", AttributeValue.fromS(SchemaVersion.CURRENT))));
            return true;
        } catch (ConditionalCheckFailedException full) {
            return false;
        }
    }

    /** Writes a new invitation; false if one with that id exists. */
    public boolean insert(ParentInvitation invitation) {
        return ConditionalWrites.insertIfAbsent(table, invitation, ParentInvitation.INVITATION_ID);
    }

    /** Replaces the invitation if it is still at {@code expectedVersion}; false when someone changed it first. */
    public boolean replace(ParentInvitation changed, long expectedVersion) {
        return ConditionalWrites.replaceIfVersion(table, changed, ParentInvitation.VERSION, expectedVersion);
    }

    /** A coach's invitations through {@code coach-invitations-index}, optionally only those to {@code parentEmail}. */
    public Page<ParentInvitation> byCoach(String coachId, String parentEmail, int limit, String cursor) {
        QueryEnhancedRequest.Builder request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(coachId)))
                .limit(limit)
                .exclusiveStartKey(startKey(cursor, ParentInvitation.COACH_ID, coachId));
        if (parentEmail != null) {
            request.filterExpression(Expression.builder()
                    .expression("#p = :p")
                    .putExpressionName("#p", ParentInvitation.PARENT_EMAIL)
                    .putExpressionValue(":p", AttributeValue.fromS(parentEmail))
                    .build());
        }
        var page = table.index(CoachTables.COACH_INVITATIONS_INDEX).query(request.build()).iterator().next();
        return new Page<>(page.items(), PageCursor.encode(page.lastEvaluatedKey()));
    }

    /** Every coach's invitations to an address, through {@code parent-email-index}. */
    public Page<ParentInvitation> byParentEmail(String parentEmail, int limit, String cursor) {
        var page = table.index(CoachTables.PARENT_EMAIL_INDEX).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(parentEmail)))
                        .limit(limit)
                        .exclusiveStartKey(startKey(cursor, ParentInvitation.PARENT_EMAIL, parentEmail))
                        .build())
                .iterator().next();
        return new Page<>(page.items(), PageCursor.encode(page.lastEvaluatedKey()));
    }

    /**
     * The cursor's start key, if this query handed it out: the table's key plus the index's hash key, with the same
     * hash value. Anything else would make DynamoDB fail the query; it is the client's mistake (400).
     */
    private static Map<String, AttributeValue> startKey(String cursor, String hashAttribute, String hashValue) {
        Map<String, AttributeValue> key = PageCursor.decode(cursor);
        if (key == null) {
            return null;
        }
        boolean shaped = key.size() == 2
                && key.containsKey(ParentInvitation.INVITATION_ID)
                && key.containsKey(hashAttribute)
                && key.values().stream().allMatch(v -> v.s() != null && !v.s().isEmpty())
                && hashValue.equals(key.get(hashAttribute).s());
        if (!shaped) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list handed out");
        }
        return key;
    }

    private static Key key(String invitationId) {
        return Key.builder().partitionValue(invitationId).build();
    }
}
