package tsa.coach.invitation.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import tsa.coach.config.CoachTables;
import tsa.runtime.dynamo.DynamoSettings;
import tsa.runtime.dynamo.IndexQuery;
import tsa.runtime.dynamo.SchemaVersion;
import tsa.runtime.dynamo.UniquenessGuard;
import tsa.runtime.dynamo.VersionedItems;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageRequest;

/**
 * {@code parent-invitationsdev}: versioned items ({@link VersionedItems}); one open invitation per (coach, parent
 * email, student) is held by a guard item, per-coach mail counters live beside them; lists are GSI queries with a
 * cursor.
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
    private final VersionedItems<ParentInvitation> items;
    private final UniquenessGuard openPerStudent;

    @Inject
    public ParentInvitationStore(DynamoDbClient dynamo, CoachTables tables, DynamoSettings settings, Clock clock) {
        this.dynamo = dynamo;
        this.items = new VersionedItems<>(dynamo, tables.parentInvitations(), ParentInvitation.SCHEMA, settings);
        this.openPerStudent = new UniquenessGuard(dynamo, items.tableName(), ParentInvitation.INVITATION_ID, clock);
    }

    /** The invitation as last written (a consistent read); guard items, mail counters and impossible ids are none. */
    public Optional<ParentInvitation> find(String invitationId) {
        return items.find(invitationId);
    }

    /**
     * Makes {@code invitationId} the holder of the slot {@code slot} (a digest of coach, parent email and student)
     * unless the current holder keeps it: it is open, or it is being written right now.
     */
    public boolean claimSlot(
            String slot, String invitationId, Function<String, UniquenessGuard.HolderState> holderState) {
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
            dynamo.updateItem(r -> r.tableName(items.tableName())
                    .key(Map.of(ParentInvitation.INVITATION_ID, AttributeValue.fromS(key)))
                    .updateExpression("SET #c = if_not_exists(#c, :zero) + :one, #e = :e, #s = :s")
                    .conditionExpression("attribute_not_exists(#c) OR #c < :max")
                    .expressionAttributeNames(Map.of("#c", COUNT, "#e", EXPIRATION_TIME, "#s", SchemaVersion.ATTRIBUTE))
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
        return items.insert(invitation);
    }

    /** Replaces the invitation if it is still at {@code expectedVersion}; false when someone changed it first. */
    public boolean replace(ParentInvitation changed, long expectedVersion) {
        return items.replace(changed, expectedVersion);
    }

    /** Read, decide, write at the next version; tried again when another request changed it in between. */
    public Optional<ParentInvitation> change(String invitationId, UnaryOperator<ParentInvitation> change) {
        return items.change(invitationId, change);
    }

    /** A coach's invitations through {@code coach-invitations-index}, optionally only those to {@code parentEmail}. */
    public Page<ParentInvitation> byCoach(String coachId, String parentEmail, PageRequest page) {
        IndexQuery query = IndexQuery.of(CoachTables.COACH_INVITATIONS_INDEX, coachId);
        if (parentEmail != null) {
            query = query.filtered(Expression.builder()
                    .expression("#p = :p")
                    .putExpressionName("#p", ParentInvitation.PARENT_EMAIL)
                    .putExpressionValue(":p", AttributeValue.fromS(parentEmail))
                    .build());
        }
        return items.page(query, page);
    }

    /** Every coach's invitations to an address, through {@code parent-email-index}. */
    public Page<ParentInvitation> byParentEmail(String parentEmail, PageRequest page) {
        return items.page(IndexQuery.of(CoachTables.PARENT_EMAIL_INDEX, parentEmail), page);
    }
}
