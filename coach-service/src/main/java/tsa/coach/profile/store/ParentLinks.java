package tsa.coach.profile.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tsa.coach.config.CoachTables;
import tsa.coach.invitation.store.ParentInvitation;

/**
 * Read-only look at {@code parent-invitationsdev} for profile visibility: does a parent hold an invitation from a
 * coach? A query on {@code parent-email-index} (one person's invitations, a handful), never a scan; guard items
 * carry no {@code parent_email}, so the index never returns them.
 */
@ApplicationScoped
public class ParentLinks {

    /** An invitation the coach cancelled links the parent to nobody. */
    static final String CANCELLED = "cancelled";

    private final DynamoDbIndex<ParentInvitation> byParentEmail;

    @Inject
    public ParentLinks(DynamoDbClient dynamo, CoachTables tables) {
        this.byParentEmail = DynamoDbEnhancedClient.builder()
                .dynamoDbClient(dynamo)
                .build()
                .table(tables.parentInvitations().name(), ParentInvitation.SCHEMA)
                .index(CoachTables.PARENT_EMAIL_INDEX);
    }

    /** Whether {@code coachId} invited {@code parentEmail} (lower-case) in an invitation not cancelled. */
    public boolean invitedBy(String parentEmail, String coachId) {
        Expression fromCoach = Expression.builder()
                .expression("#c = :c AND (attribute_not_exists(#s) OR #s <> :cancelled)")
                .expressionNames(Map.of("#c", ParentInvitation.COACH_ID, "#s", ParentInvitation.INVITATION_STATUS))
                .expressionValues(
                        Map.of(":c", AttributeValue.fromS(coachId), ":cancelled", AttributeValue.fromS(CANCELLED)))
                .build();
        return byParentEmail
                .query(QueryEnhancedRequest.builder()
                        .queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(parentEmail)))
                        .filterExpression(fromCoach)
                        .build())
                .stream()
                .anyMatch(page -> !page.items().isEmpty());
    }
}
