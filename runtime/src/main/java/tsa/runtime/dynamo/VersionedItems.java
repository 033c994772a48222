package tsa.runtime.dynamo;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageCursor;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.problem.ProblemException;

/**
 * The mechanics every store of versioned items shares (architecture.md, "DynamoDB usage"): a consistent read by key,
 * a create that never overwrites, a replace that never overwrites a change it did not see, a read-change-write that
 * tries again when it lost such a race, and one page of a GSI query whose cursor is checked against that query. A
 * store wraps one of these and adds only its table's domain queries.
 * <p>
 * Items of other kinds share the table under reserved key prefixes ({@code guard#}, {@code limit#}): {@link #find}
 * never returns them, and no index holds them.
 *
 * @param <T> the item record
 */
public final class VersionedItems<T extends VersionedItem<T>> {

    /** Key prefixes of the helper items that live in the same tables (guards, counters). */
    public static final List<String> RESERVED_PREFIXES = List.of("guard#", "limit#");
    /** The longest key a client may name; longer ids are unknown ids, not a DynamoDB error. */
    public static final int MAX_KEY_LENGTH = 200;
    /** The attribute every versioned item keeps its version in. */
    public static final String VERSION = "version";

    private final TableSpec spec;
    private final DynamoDbTable<T> table;
    private final int conflictAttempts;

    public VersionedItems(DynamoDbClient dynamo, TableSpec spec, TableSchema<T> schema, int conflictAttempts) {
        this.spec = spec;
        this.table =
                DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build().table(spec.name(), schema);
        this.conflictAttempts = conflictAttempts;
    }

    public VersionedItems(DynamoDbClient dynamo, TableSpec spec, TableSchema<T> schema, DynamoSettings settings) {
        this(dynamo, spec, schema, settings.conflictAttempts());
    }

    /** The item as last written (a consistent read); helper items and ids no item can have are none. */
    public Optional<T> find(String id) {
        if (id == null
                || id.isBlank()
                || id.length() > MAX_KEY_LENGTH
                || RESERVED_PREFIXES.stream().anyMatch(id::startsWith)) {
            return Optional.empty();
        }
        return Optional.ofNullable(table.getItem(
                r -> r.key(Key.builder().partitionValue(id).build()).consistentRead(true)));
    }

    /** Writes a new item; false if an item with its key exists. */
    public boolean insert(T item) {
        return ConditionalWrites.insertIfAbsent(table, item, spec.hashKey().name());
    }

    /** Replaces the item if it is still at {@code expectedVersion}; false when someone changed it first. */
    public boolean replace(T changed, long expectedVersion) {
        return ConditionalWrites.replaceIfVersion(table, changed, VERSION, expectedVersion);
    }

    /**
     * Reads the item, lets {@code change} decide its next state and writes that at the next version, unless someone
     * changed the item in between; then reads again and asks again, up to the configured attempts (409 after that).
     * {@code change} may refuse by throwing (a {@link ProblemException}), or return its argument to leave the item
     * as it is (nothing is written).
     *
     * @return the item as it is now, or empty if there is no item with that id
     */
    public Optional<T> change(String id, UnaryOperator<T> change) {
        for (int attempt = 0; attempt < conflictAttempts; attempt++) {
            Optional<T> read = find(id);
            if (read.isEmpty()) {
                return read;
            }
            T before = read.get();
            T after = change.apply(before);
            if (after == before) {
                return read;
            }
            T next = after.withVersion(before.version() + 1);
            if (replace(next, before.version())) {
                return Optional.of(next);
            }
        }
        throw ProblemException.conflict("it was changed by several requests at once; try again");
    }

    /** One page of a GSI query; the cursor must be one this same query handed out (400 otherwise). */
    public Page<T> page(IndexQuery query, PageRequest request) {
        IndexSpec index = index(query.index());
        QueryConditional condition;
        if (query.from() != null && query.to() != null) {
            condition = QueryConditional.sortBetween(
                    k -> k.partitionValue(query.hashValue()).sortValue(query.from()),
                    k -> k.partitionValue(query.hashValue()).sortValue(query.to()));
        } else if (query.from() != null) {
            condition = QueryConditional.sortGreaterThanOrEqualTo(
                    k -> k.partitionValue(query.hashValue()).sortValue(query.from()));
        } else if (query.to() != null) {
            condition = QueryConditional.sortLessThanOrEqualTo(
                    k -> k.partitionValue(query.hashValue()).sortValue(query.to()));
        } else {
            condition = QueryConditional.keyEqualTo(k -> k.partitionValue(query.hashValue()));
        }
        QueryEnhancedRequest.Builder builder = QueryEnhancedRequest.builder()
                .queryConditional(condition)
                .scanIndexForward(query.ascending())
                .limit(request.size())
                .exclusiveStartKey(startKey(index, query, request));
        if (query.filter() != null) {
            builder.filterExpression(query.filter());
        }
        var page = table.index(index.name()).query(builder.build()).iterator().next();
        return new Page<>(page.items(), PageCursor.encode(page.lastEvaluatedKey()));
    }

    /** Every item of one index hash value (small sets only: one person's history), in sort-key order. */
    public List<T> all(IndexQuery query) {
        return table
                .index(index(query.index()).name())
                .query(QueryConditional.keyEqualTo(k -> k.partitionValue(query.hashValue())))
                .stream()
                .flatMap(p -> p.items().stream())
                .toList();
    }

    /** The table's DynamoDB name. */
    public String tableName() {
        return spec.name();
    }

    private IndexSpec index(String name) {
        return spec.indexes().stream()
                .filter(i -> i.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(spec.name() + " has no index " + name));
    }

    /**
     * The cursor's start key, if this query handed it out: exactly the table's key and the index's keys, typed as
     * declared, with the query's hash value and a sort value inside its bounds. Anything else would make DynamoDB
     * fail the query or leave it; it is the client's mistake (400).
     */
    private Map<String, AttributeValue> startKey(IndexSpec index, IndexQuery query, PageRequest request) {
        Map<String, AttributeValue> key = request.startKey();
        if (key == null) {
            return null;
        }
        Set<KeyAttribute> expected = new HashSet<>();
        expected.add(spec.hashKey());
        expected.add(index.hashKey());
        if (index.rangeKey() != null) {
            expected.add(index.rangeKey());
        }
        boolean shaped = key.size()
                        == expected.stream().map(KeyAttribute::name).distinct().count()
                && expected.stream().allMatch(attribute -> typed(key.get(attribute.name()), attribute))
                && query.hashValue().equals(key.get(index.hashKey().name()).s())
                && (index.rangeKey() == null || within(key.get(index.rangeKey().name()), query));
        if (!shaped) {
            throw ProblemException.invalidField("cursor", "is not a cursor this list handed out");
        }
        return key;
    }

    private static boolean typed(AttributeValue value, KeyAttribute attribute) {
        if (value == null) {
            return false;
        }
        return switch (attribute.type()) {
            case S -> value.s() != null && !value.s().isEmpty();
            case N -> value.n() != null;
            default -> false;
        };
    }

    private static boolean within(AttributeValue sortValue, IndexQuery query) {
        String value = sortValue.s();
        if (value == null) {
            return query.from() == null && query.to() == null;
        }
        return (query.from() == null
                        || query.from().s() == null
                        || value.compareTo(query.from().s()) >= 0)
                && (query.to() == null
                        || query.to().s() == null
                        || value.compareTo(query.to().s()) <= 0);
    }
}
