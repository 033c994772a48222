package tsa.admin.invitation.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tsa.admin.config.AdminTables;
import tsa.runtime.dynamo.ConditionalWrites;
import tsa.runtime.dynamo.UniquenessGuard;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageCursor;
import tsa.runtime.problem.ProblemException;

/**
 * {@code coach-invitationsdev}: single-item conditional writes only. Every change replaces the item on the condition
 * that its {@code version} is the one read, so concurrent changes never overwrite each other silently.
 */
@ApplicationScoped
public class CoachInvitationStore {

    private final DynamoDbTable<CoachInvitation> table;
    private final UniquenessGuard openPerEmail;

    @Inject
    public CoachInvitationStore(DynamoDbClient dynamo, AdminTables tables, java.time.Clock clock) {
        String name = tables.coachInvitations().name();
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build().table(name, CoachInvitation.SCHEMA);
        this.openPerEmail = new UniquenessGuard(dynamo, name, CoachInvitation.INVITATION_ID, clock);
    }

    public Optional<CoachInvitation> find(String invitationId) {
        if (invitationId.startsWith("guard#")) {
            return Optional.empty();
        }
        return Optional.ofNullable(table.getItem(r -> r.key(key(invitationId)).consistentRead(true)));
    }

    /** Makes {@code invitationId} the one open invitation of {@code coachEmail}, unless an open one holds it. */
    public boolean claimEmail(String coachEmail, String invitationId,
            Function<String, UniquenessGuard.HolderState> holderState) {
        return openPerEmail.claimFor(UniquenessGuard.key("coach-email", coachEmail), invitationId, holderState);
    }

    /** Writes a new invitation; false if one with that id exists. */
    public boolean insert(CoachInvitation invitation) {
        return ConditionalWrites.insertIfAbsent(table, invitation, CoachInvitation.INVITATION_ID);
    }

    /** Replaces the invitation if it is still at {@code expectedVersion}; false when someone changed it first. */
    public boolean replace(CoachInvitation changed, long expectedVersion) {
        return ConditionalWrites.replaceIfVersion(table, changed, CoachInvitation.VERSION, expectedVersion);
    }

    /** Invitations of a status, newest first, through {@code status-index}; {@code filter} narrows by expiry. */
    public Page<CoachInvitation> byStatus(String status, Expression filter, int limit, String cursor) {
        DynamoDbIndex<CoachInvitation> index = table.index(AdminTables.STATUS_INDEX);
        QueryEnhancedRequest.Builder request = QueryEnhancedRequest.builder()
                .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(status)))
                .scanIndexForward(false)
                .limit(limit)
                .exclusiveStartKey(startKey(cursor, CoachInvitation.INVITATION_STATUS, status,
                        Set.of(CoachInvitation.INVITATION_STATUS, CoachInvitation.SENT_AT)));
        if (filter != null) {
            request.filterExpression(filter);
        }
        var page = index.query(request.build()).iterator().next();
        return new Page<>(page.items(), PageCursor.encode(page.lastEvaluatedKey()));
    }

    /** Invitations sent to an address, through {@code coach-email-index}. */
    public Page<CoachInvitation> byCoachEmail(String coachEmail, int limit, String cursor) {
        var page = table.index(AdminTables.COACH_EMAIL_INDEX).query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(coachEmail)))
                        .limit(limit)
                        .exclusiveStartKey(startKey(cursor, CoachInvitation.COACH_EMAIL, coachEmail,
                                Set.of(CoachInvitation.COACH_EMAIL)))
                        .build())
                .iterator().next();
        return new Page<>(page.items(), PageCursor.encode(page.lastEvaluatedKey()));
    }

    /** All invitations ever sent to an address (small: one person's history), for sign-in decisions. */
    public List<CoachInvitation> allFor(String coachEmail) {
        return table.index(AdminTables.COACH_EMAIL_INDEX)
                .query(QueryConditional.keyEqualTo(k -> k.partitionValue(coachEmail)))
                .stream().flatMap(p -> p.items().stream()).toList();
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
                && key.containsKey(CoachInvitation.INVITATION_ID)
                && key.keySet().containsAll(indexKeys)
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
