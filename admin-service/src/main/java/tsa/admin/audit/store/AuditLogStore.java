package tsa.admin.audit.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import tsa.admin.config.AdminTables;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageCursor;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.time.Timestamps;

/**
 * {@code admin-audit-logsdev}: append-only. A record is only ever put on the condition that its {@code log_id} is
 * new; nothing here updates or deletes one. Lists are index queries, newest first, never a scan.
 */
@ApplicationScoped
public class AuditLogStore {

    /** The earliest and latest instants a fixed-width {@code timestamp} can hold. */
    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");

    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    private final DynamoDbTable<AuditRecord> table;

    /** What {@link #append} left under the record's id: the stored record, and whether this call wrote it. */
    public record Appended(AuditRecord stored, boolean written) {}

    @Inject
    public AuditLogStore(DynamoDbClient dynamo, AdminTables tables) {
        this.table = DynamoDbEnhancedClient.builder()
                .dynamoDbClient(dynamo)
                .build()
                .table(tables.auditLogs().name(), AuditRecord.SCHEMA);
    }

    /**
     * Writes the record unless its {@code log_id} is taken; when it is, returns the record already stored there
     * (read consistently), so the caller can tell a retry from a clash.
     */
    public Appended append(AuditRecord record) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(AuditRecord.class)
                    .item(record)
                    .conditionExpression(Expression.builder()
                            .expression("attribute_not_exists(#id)")
                            .putExpressionName("#id", AuditRecord.LOG_ID)
                            .build())
                    .build());
            return new Appended(record, true);
        } catch (ConditionalCheckFailedException taken) {
            AuditRecord existing = find(record.logId())
                    .orElseThrow(() -> new IllegalStateException(
                            "audit record " + record.logId() + " refused as existing but not found"));
            return new Appended(existing, false);
        }
    }

    public Optional<AuditRecord> find(String logId) {
        return Optional.ofNullable(table.getItem(
                r -> r.key(Key.builder().partitionValue(logId).build()).consistentRead(true)));
    }

    /** One admin's records, newest first, through {@code admin-actions-index}; {@code from}/{@code to} may be null. */
    public Page<AuditRecord> byAdmin(String adminEmail, Instant from, Instant to, int limit, String cursor) {
        return query(AdminTables.ADMIN_ACTIONS_INDEX, AuditRecord.ADMIN_EMAIL, adminEmail, from, to, limit, cursor);
    }

    /** Records of one action type, newest first, through {@code action-type-index}. */
    public Page<AuditRecord> byActionType(String actionType, Instant from, Instant to, int limit, String cursor) {
        return query(AdminTables.ACTION_TYPE_INDEX, AuditRecord.ACTION_TYPE, actionType, from, to, limit, cursor);
    }

    /**
     * {@code from} is inclusive and {@code to} exclusive. Asks for one item more than the page so that the last page
     * says so ({@code nextCursor = null}) instead of handing out a cursor to an empty page.
     */
    private Page<AuditRecord> query(
            String index, String hashAttribute, String hashValue, Instant from, Instant to, int limit, String cursor) {
        Optional<TimestampBounds> bounds = TimestampBounds.of(from, to);
        Map<String, AttributeValue> startKey = PageCursor.decode(cursor);
        if (startKey != null) {
            checkStartKey(startKey, hashAttribute, hashValue, bounds);
        }
        if (bounds.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        var page = table.index(index)
                .query(QueryEnhancedRequest.builder()
                        .queryConditional(bounds.get().condition(hashValue))
                        .scanIndexForward(false)
                        .limit(limit + 1)
                        .exclusiveStartKey(startKey)
                        .build())
                .iterator()
                .next();
        List<AuditRecord> items = page.items();
        if (items.size() > limit) {
            List<AuditRecord> shown = items.subList(0, limit);
            return new Page<>(shown, PageCursor.encode(indexKey(shown.get(limit - 1), hashAttribute)));
        }
        return new Page<>(items, PageCursor.encode(page.lastEvaluatedKey()));
    }

    /** The position of an item in an index, as DynamoDB writes it in a LastEvaluatedKey. */
    private static Map<String, AttributeValue> indexKey(AuditRecord record, String hashAttribute) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        key.put(AuditRecord.LOG_ID, AttributeValue.fromS(record.logId()));
        key.put(
                hashAttribute,
                AttributeValue.fromS(
                        hashAttribute.equals(AuditRecord.ADMIN_EMAIL) ? record.adminEmail() : record.actionType()));
        key.put(AuditRecord.TIMESTAMP, AttributeValue.fromS(record.timestamp()));
        return key;
    }

    /** A cursor handed out for another query (another index, admin, type or range) is the client's mistake. */
    private static void checkStartKey(
            Map<String, AttributeValue> key, String hashAttribute, String hashValue, Optional<TimestampBounds> bounds) {
        boolean fits = key.keySet().equals(Set.of(AuditRecord.LOG_ID, hashAttribute, AuditRecord.TIMESTAMP))
                && key.values().stream().allMatch(v -> v.s() != null && !v.s().isEmpty())
                && key.get(hashAttribute).s().equals(hashValue)
                && bounds.map(b -> b.contains(key.get(AuditRecord.TIMESTAMP).s()))
                        .orElse(false);
        if (!fits) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list handed out");
        }
    }

    /**
     * {@code [from, to)} as inclusive bounds on the {@code timestamp} text. Stored timestamps have whole
     * milliseconds, so {@code t >= from} is {@code t >= ceil(from)} and {@code t < to} is
     * {@code t <= ceil(to) - 1 ms}. A null bound is open; empty when no timestamp can fall in the range.
     */
    private record TimestampBounds(String lowest, String highest) {

        static Optional<TimestampBounds> of(Instant from, Instant to) {
            Instant low = from == null ? null : ceilToMillis(from);
            Instant high = to == null ? null : ceilToMillis(to).minusMillis(1);
            if ((low != null && low.isAfter(LATEST))
                    || (high != null && high.isBefore(EARLIEST))
                    || (low != null && high != null && low.isAfter(high))) {
                return Optional.empty();
            }
            return Optional.of(new TimestampBounds(
                    low == null || !low.isAfter(EARLIEST) ? null : Timestamps.format(low),
                    high == null || !high.isBefore(LATEST) ? null : Timestamps.format(high)));
        }

        QueryConditional condition(String hashValue) {
            if (lowest != null && highest != null) {
                return QueryConditional.sortBetween(key(hashValue, lowest), key(hashValue, highest));
            }
            if (lowest != null) {
                return QueryConditional.sortGreaterThanOrEqualTo(key(hashValue, lowest));
            }
            if (highest != null) {
                return QueryConditional.sortLessThanOrEqualTo(key(hashValue, highest));
            }
            return QueryConditional.keyEqualTo(
                    Key.builder().partitionValue(hashValue).build());
        }

        boolean contains(String timestamp) {
            return (lowest == null || timestamp.compareTo(lowest) >= 0)
                    && (highest == null || timestamp.compareTo(highest) <= 0);
        }

        private static Key key(String hashValue, String timestamp) {
            return Key.builder().partitionValue(hashValue).sortValue(timestamp).build();
        }

        private static Instant ceilToMillis(Instant instant) {
            Instant truncated = instant.truncatedTo(ChronoUnit.MILLIS);
            return truncated.equals(instant) ? instant : truncated.plusMillis(1);
        }
    }
}
