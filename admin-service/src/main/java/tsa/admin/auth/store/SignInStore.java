package tsa.admin.auth.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import tsa.admin.config.AdminTables;
import tsa.runtime.dynamo.SchemaVersion;
import tsa.runtime.security.LinkToken;
import tsa.runtime.time.Timestamps;

/**
 * The sign-in table: single-use links and per-email rate counters, each changed by one conditional write. Expiry is
 * checked in the write's condition; DynamoDB's TTL on {@code expiration_time} only removes what has expired.
 */
@ApplicationScoped
public class SignInStore {

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final DynamoDbTable<SignInLink> table;

    @Inject
    public SignInStore(DynamoDbClient dynamo, AdminTables tables) {
        this.dynamo = dynamo;
        this.tableName = tables.signInLinks().name();
        this.table = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build().table(tableName, SignInLink.SCHEMA);
    }

    public void insert(SignInLink link) {
        table.putItem(PutItemEnhancedRequest.builder(SignInLink.class).item(link)
                .conditionExpression(Expression.builder().expression("attribute_not_exists(#id)")
                        .putExpressionName("#id", SignInLink.LINK_ID).build())
                .build());
    }

    public Optional<SignInLink> find(String linkId) {
        return Optional.ofNullable(table.getItem(r -> r.key(Key.builder().partitionValue(linkId).build())
                .consistentRead(true)));
    }

    public void recordMailStatus(String linkId, String mailStatus) {
        dynamo.updateItem(r -> r.tableName(tableName)
                .key(Map.of(SignInLink.LINK_ID, AttributeValue.fromS(linkId)))
                .updateExpression("SET #m = :m")
                .conditionExpression("attribute_exists(#id)")
                .expressionAttributeNames(Map.of("#m", SignInLink.MAIL_STATUS, "#id", SignInLink.LINK_ID))
                .expressionAttributeValues(Map.of(":m", AttributeValue.fromS(mailStatus))));
    }

    /**
     * Uses the link once: sets {@code used_at} on the condition that it is an unused, unexpired link with this
     * secret's hash. Of any number of concurrent exchanges exactly one gets the link back.
     */
    public Optional<SignInLink> redeem(String linkId, String secretHash, Instant now) {
        try {
            var updated = dynamo.updateItem(r -> r.tableName(tableName)
                    .key(Map.of(SignInLink.LINK_ID, AttributeValue.fromS(linkId)))
                    .updateExpression("SET #used = :now")
                    .conditionExpression("#kind = :link AND attribute_not_exists(#used) AND #hash = :hash AND #exp > :epoch")
                    .expressionAttributeNames(Map.of("#used", SignInLink.USED_AT, "#kind", SignInLink.KIND,
                            "#hash", SignInLink.TOKEN_HASH, "#exp", SignInLink.EXPIRATION_TIME))
                    .expressionAttributeValues(Map.of(
                            ":now", AttributeValue.fromS(Timestamps.format(now)),
                            ":link", AttributeValue.fromS(SignInLink.KIND_LINK),
                            ":hash", AttributeValue.fromS(secretHash),
                            ":epoch", AttributeValue.fromN(Long.toString(now.getEpochSecond()))))
                    .returnValues("ALL_NEW"));
            return Optional.of(SignInLink.SCHEMA.mapToItem(updated.attributes()));
        } catch (ConditionalCheckFailedException usedExpiredOrWrong) {
            return Optional.empty();
        }
    }

    /**
     * Counts one more link for {@code email} in the window starting at {@code windowStart}; false once the window
     * already holds {@code max}. The counter's key holds the address's hash, not the address.
     */
    public boolean countLink(String email, Instant windowStart, Instant windowEnd, int max) {
        String counterId = "rate#" + LinkToken.sha256Hex(email) + "#" + windowStart.getEpochSecond();
        try {
            dynamo.updateItem(r -> r.tableName(tableName)
                    .key(Map.of(SignInLink.LINK_ID, AttributeValue.fromS(counterId)))
                    .updateExpression("SET #kind = :kind, #exp = :exp, #v = :v ADD #count :one")
                    .conditionExpression("attribute_not_exists(#count) OR #count < :max")
                    .expressionAttributeNames(Map.of("#kind", SignInLink.KIND, "#exp", SignInLink.EXPIRATION_TIME,
                            "#v", SchemaVersion.ATTRIBUTE, "#count", SignInLink.COUNT))
                    .expressionAttributeValues(Map.of(
                            ":kind", AttributeValue.fromS(SignInLink.KIND_RATE_LIMIT),
                            ":exp", AttributeValue.fromN(Long.toString(windowEnd.getEpochSecond())),
                            ":v", AttributeValue.fromS(SchemaVersion.CURRENT),
                            ":one", AttributeValue.fromN("1"),
                            ":max", AttributeValue.fromN(Integer.toString(max)))));
            return true;
        } catch (ConditionalCheckFailedException limitReached) {
            return false;
        }
    }
}
