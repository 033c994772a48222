package tsa.admin.auth.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import tsa.admin.config.AdminTables;
import tsa.runtime.dynamo.SchemaVersion;
import tsa.runtime.security.LinkToken;
import tsa.runtime.time.Timestamps;

/**
 * The sign-in table: single-use links, the pointer to each address's newest link and the rate-limit logs, each changed
 * by one single-item (conditional) write. Expiry is checked in the write's condition or on reading; DynamoDB's TTL on
 * {@code expiration_time} only removes what has expired. Keys of bookkeeping items hold hashes, never an address.
 */
@ApplicationScoped
public class SignInStore {

    private static final int ADMIT_ATTEMPTS = 5;

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final DynamoDbTable<SignInLink> table;

    @Inject
    public SignInStore(DynamoDbClient dynamo, AdminTables tables) {
        this.dynamo = dynamo;
        this.tableName = tables.signInLinks().name();
        this.table =
                DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build().table(tableName, SignInLink.SCHEMA);
    }

    public void insert(SignInLink link) {
        table.putItem(PutItemEnhancedRequest.builder(SignInLink.class)
                .item(link)
                .conditionExpression(Expression.builder()
                        .expression("attribute_not_exists(#id)")
                        .putExpressionName("#id", SignInLink.LINK_ID)
                        .build())
                .build());
    }

    public Optional<SignInLink> find(String linkId) {
        return Optional.ofNullable(table.getItem(
                r -> r.key(Key.builder().partitionValue(linkId).build()).consistentRead(true)));
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
                    .conditionExpression(
                            "#kind = :link AND attribute_not_exists(#used) AND #hash = :hash AND #exp > :epoch")
                    .expressionAttributeNames(Map.of(
                            "#used",
                            SignInLink.USED_AT,
                            "#kind",
                            SignInLink.KIND,
                            "#hash",
                            SignInLink.TOKEN_HASH,
                            "#exp",
                            SignInLink.EXPIRATION_TIME))
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
     * Makes {@code linkId} the newest link of the address for the portal, after that link is stored and before its
     * mail goes out: from then on only it can be exchanged ({@link #isNewest}), so a new link retires the older
     * unused ones without having to find them.
     */
    public void markNewest(String email, String portal, String linkId, long expirationTime) {
        dynamo.putItem(r -> r.tableName(tableName)
                .item(Map.of(
                        SignInLink.LINK_ID, AttributeValue.fromS(newestKey(email, portal)),
                        SignInLink.KIND, AttributeValue.fromS(SignInLink.KIND_NEWEST_LINK),
                        SignInLink.NEWEST_LINK_ID, AttributeValue.fromS(linkId),
                        SignInLink.EXPIRATION_TIME, AttributeValue.fromN(Long.toString(expirationTime)),
                        SchemaVersion.ATTRIBUTE, AttributeValue.fromS(SchemaVersion.CURRENT))));
    }

    /** Whether {@code linkId} is the newest link of the address for the portal (a consistent read). */
    public boolean isNewest(String email, String portal, String linkId) {
        var pointer = dynamo.getItem(r -> r.tableName(tableName)
                .key(Map.of(SignInLink.LINK_ID, AttributeValue.fromS(newestKey(email, portal))))
                .consistentRead(true));
        AttributeValue newest = pointer.hasItem() ? pointer.item().get(SignInLink.NEWEST_LINK_ID) : null;
        return newest != null && linkId.equals(newest.s());
    }

    /**
     * A sliding-window limit: admits one more event for {@code limitId} (and logs it) while fewer than {@code max}
     * were admitted in the {@code window} before {@code now}; false otherwise. The item keeps the times of the events
     * still inside the window; check and count are one step because the write is conditional on the version that
     * was read. A writer that loses the race reads again; under a storm of concurrent requests for one key it
     * refuses rather than admit more than {@code max}.
     */
    public boolean admit(String limitId, Instant now, Duration window, int max) {
        Map<String, AttributeValue> key = Map.of(SignInLink.LINK_ID, AttributeValue.fromS(limitId));
        long since = now.minus(window).toEpochMilli();
        for (int attempt = 0; attempt < ADMIT_ATTEMPTS; attempt++) {
            var read = dynamo.getItem(r -> r.tableName(tableName).key(key).consistentRead(true));
            Map<String, AttributeValue> item = read.hasItem() ? read.item() : Map.of();
            List<Long> inWindow = new ArrayList<>();
            if (item.containsKey(SignInLink.ISSUED_AT)) {
                for (AttributeValue time : item.get(SignInLink.ISSUED_AT).l()) {
                    long millis = Long.parseLong(time.n());
                    if (millis > since) {
                        inWindow.add(millis);
                    }
                }
            }
            if (inWindow.size() >= max) {
                return false;
            }
            inWindow.add(now.toEpochMilli());
            long newest = inWindow.stream().mapToLong(Long::longValue).max().orElseThrow();
            AttributeValue version = item.get(SignInLink.VERSION);
            long nextVersion = version == null ? 1 : Long.parseLong(version.n()) + 1;
            Map<String, AttributeValue> written = new HashMap<>(key);
            written.put(SignInLink.KIND, AttributeValue.fromS(SignInLink.KIND_RATE_LIMIT));
            written.put(
                    SignInLink.ISSUED_AT,
                    AttributeValue.fromL(inWindow.stream()
                            .map(t -> AttributeValue.fromN(Long.toString(t)))
                            .toList()));
            written.put(SignInLink.VERSION, AttributeValue.fromN(Long.toString(nextVersion)));
            written.put(
                    SignInLink.EXPIRATION_TIME,
                    AttributeValue.fromN(Long.toString(
                            Instant.ofEpochMilli(newest).plus(window).getEpochSecond() + 1)));
            written.put(SchemaVersion.ATTRIBUTE, AttributeValue.fromS(SchemaVersion.CURRENT));
            try {
                var put = PutItemRequest.builder()
                        .tableName(tableName)
                        .item(written)
                        .expressionAttributeNames(Map.of("#v", SignInLink.VERSION));
                if (version == null) {
                    put.conditionExpression("attribute_not_exists(#v)");
                } else {
                    put.conditionExpression("#v = :v").expressionAttributeValues(Map.of(":v", version));
                }
                dynamo.putItem(put.build());
                return true;
            } catch (ConditionalCheckFailedException raced) {
                // another request for the same key counted first: read its log and decide again
            }
        }
        return false;
    }

    private static String newestKey(String email, String portal) {
        return "newest#" + LinkToken.sha256Hex(email) + "#" + portal;
    }
}
