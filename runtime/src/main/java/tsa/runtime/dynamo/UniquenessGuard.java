package tsa.runtime.dynamo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Holds "at most one open X per key" across items without transactions (architecture.md): a guard item with a
 * deterministic key ({@code guard#<kind>#<value>}) in the owning table names the item that holds the key and when it
 * claimed it. It carries only the table's hash key, {@code holder}, {@code claimed_at} and {@code schema_version}, so
 * no index ever returns it. Claims are conditional writes, so of two racing claims exactly one wins.
 * <p>
 * The claim comes before the holder's own item is written, so a holder whose item does not exist yet is in flight
 * and keeps the key; only after {@link #IN_FLIGHT_LEASE} is a missing holder taken for a crash between the two steps,
 * and the key is given to the next claim. A closed holder gives the key up at once.
 */
public final class UniquenessGuard {

    public static final String HOLDER = "holder";
    public static final String CLAIMED_AT = "claimed_at";
    public static final Duration IN_FLIGHT_LEASE = Duration.ofMinutes(1);

    /** What the guard's current holder is now. */
    public enum HolderState {
        /** Its item exists and is open: the key stays taken. */
        OPEN,
        /** Its item exists and is closed: the key is free. */
        CLOSED,
        /** Its item does not exist: in flight, or abandoned after a crash. */
        MISSING
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final String hashKey;
    private final Clock clock;

    public UniquenessGuard(DynamoDbClient dynamo, String table, String hashKey, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.hashKey = hashKey;
        this.clock = clock;
    }

    public UniquenessGuard(DynamoDbClient dynamo, String table, String hashKey) {
        this(dynamo, table, hashKey, Clock.systemUTC());
    }

    public static String key(String kind, String value) {
        return "guard#" + kind + "#" + value;
    }

    /**
     * Makes {@code holder} the holder of {@code guardKey} unless the current holder keeps it (see the class comment).
     * Returns whether {@code holder} holds it now.
     */
    public boolean claimFor(String guardKey, String holder, Function<String, HolderState> holderState) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = Map.of(
                hashKey,
                AttributeValue.fromS(guardKey),
                HOLDER,
                AttributeValue.fromS(holder),
                CLAIMED_AT,
                AttributeValue.fromN(Long.toString(now.getEpochSecond())),
                SchemaVersion.ATTRIBUTE,
                AttributeValue.fromS(SchemaVersion.CURRENT));
        if (put(item, "attribute_not_exists(#k)", Map.of("#k", hashKey), null)) {
            return true;
        }
        Map<String, AttributeValue> guard = read(guardKey);
        if (guard == null) {
            return put(item, "attribute_not_exists(#k)", Map.of("#k", hashKey), null);
        }
        String current = guard.get(HOLDER).s();
        if (holder.equals(current)) {
            return true;
        }
        HolderState state = holderState.apply(current);
        boolean abandoned = state == HolderState.MISSING
                && Instant.ofEpochSecond(claimedAt(guard)).plus(IN_FLIGHT_LEASE).isBefore(now);
        if (state == HolderState.OPEN || (state == HolderState.MISSING && !abandoned)) {
            return false;
        }
        return put(item, "#h = :current", Map.of("#h", HOLDER), Map.of(":current", AttributeValue.fromS(current)));
    }

    /** The holder of a key, read consistently; null when nobody holds it. */
    public String currentHolder(String guardKey) {
        Map<String, AttributeValue> guard = read(guardKey);
        return guard == null ? null : guard.get(HOLDER).s();
    }

    private Map<String, AttributeValue> read(String guardKey) {
        Map<String, AttributeValue> item = dynamo.getItem(r ->
                        r.tableName(table).consistentRead(true).key(Map.of(hashKey, AttributeValue.fromS(guardKey))))
                .item();
        return item == null || !item.containsKey(HOLDER) ? null : item;
    }

    private static long claimedAt(Map<String, AttributeValue> guard) {
        AttributeValue at = guard.get(CLAIMED_AT);
        return at == null ? 0 : Long.parseLong(at.n());
    }

    private boolean put(
            Map<String, AttributeValue> item,
            String condition,
            Map<String, String> names,
            Map<String, AttributeValue> values) {
        try {
            dynamo.putItem(r -> r.tableName(table)
                    .item(item)
                    .conditionExpression(condition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }
}
