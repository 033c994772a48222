package tsa.runtime.dynamo;

import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Holds "at most one open X per key" across items without transactions (architecture.md): a guard item with a
 * deterministic key ({@code guard#<kind>#<value>}) in the owning table names the item that holds the key. It carries
 * only the table's hash key, {@code holder} and {@code schema_version}, so no index ever returns it. Claims are
 * conditional writes, so of two racing claims exactly one wins; a holder that is no longer open (or was never
 * written, after a crash) gives the key up to the next claim.
 */
public final class UniquenessGuard {

    public static final String HOLDER = "holder";

    private final DynamoDbClient dynamo;
    private final String table;
    private final String hashKey;

    public UniquenessGuard(DynamoDbClient dynamo, String table, String hashKey) {
        this.dynamo = dynamo;
        this.table = table;
        this.hashKey = hashKey;
    }

    public static String key(String kind, String value) {
        return "guard#" + kind + "#" + value;
    }

    /**
     * Makes {@code holder} the holder of {@code guardKey} unless another holder for which {@code stillOpen} is true
     * has it. Returns whether {@code holder} holds it now.
     */
    public boolean claim(String guardKey, String holder, Predicate<String> stillOpen) {
        Map<String, AttributeValue> item = Map.of(
                hashKey, AttributeValue.fromS(guardKey),
                HOLDER, AttributeValue.fromS(holder),
                SchemaVersion.ATTRIBUTE, AttributeValue.fromS(SchemaVersion.CURRENT));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(#k)")
                    .expressionAttributeNames(Map.of("#k", hashKey)));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            // fall through: look at who holds it
        }
        String current = currentHolder(guardKey);
        if (holder.equals(current)) {
            return true;
        }
        if (current != null && stillOpen.test(current)) {
            return false;
        }
        try {
            dynamo.putItem(r -> r.tableName(table).item(item)
                    .conditionExpression(current == null ? "attribute_not_exists(#k)" : "#h = :current")
                    .expressionAttributeNames(current == null ? Map.of("#k", hashKey) : Map.of("#h", HOLDER))
                    .expressionAttributeValues(current == null ? null : Map.of(":current", AttributeValue.fromS(current))));
            return true;
        } catch (ConditionalCheckFailedException lostRace) {
            return false;
        }
    }

    /** The holder of a key, read consistently; null when nobody holds it. */
    public String currentHolder(String guardKey) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of(hashKey, AttributeValue.fromS(guardKey)))).item();
        return item == null || !item.containsKey(HOLDER) ? null : item.get(HOLDER).s();
    }
}
