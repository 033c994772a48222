package tsa.runtime.dynamo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * How an existing table (DescribeTable) stands against its {@link TableSpec}: the indexes the provisioner can still
 * add, the drift it cannot fix (a wrong key schema or key attribute type, an index with other keys or a narrower
 * projection), and what is still settling (a table or index not yet ACTIVE). Each finding names the table, the index
 * where there is one, and what differs. Indexes the spec does not name are left alone. {@code tableKeysMatch} says
 * whether the table's own key schema and key type are the spec's (if not, it is another table, not to be touched).
 */
public record TableComparison(
        TableSpec spec,
        boolean tableKeysMatch,
        List<IndexSpec> missingIndexes,
        List<String> drift,
        List<String> notActive) {

    public TableComparison {
        missingIndexes = List.copyOf(missingIndexes);
        drift = List.copyOf(drift);
        notActive = List.copyOf(notActive);
    }

    /** Nothing missing, nothing different, everything ACTIVE. */
    public boolean converged() {
        return missingIndexes.isEmpty() && drift.isEmpty() && notActive.isEmpty();
    }

    /** Every finding, one sentence each: drift, then missing indexes, then what is not ACTIVE yet. */
    public List<String> findings() {
        List<String> all = new ArrayList<>(drift);
        missingIndexes.forEach(i -> all.add("table " + spec.name() + ": index " + i.name() + " is missing"));
        all.addAll(notActive);
        return all;
    }

    public static TableComparison of(TableSpec spec, TableDescription table) {
        String name = spec.name();
        Map<String, String> types = new LinkedHashMap<>();
        for (AttributeDefinition definition : table.attributeDefinitions()) {
            types.put(definition.attributeName(), definition.attributeTypeAsString());
        }
        List<String> drift = new ArrayList<>();
        List<String> notActive = new ArrayList<>();
        List<IndexSpec> missing = new ArrayList<>();

        String expectedKeys = keys(spec.hashKey(), null);
        String actualKeys = describe(table.keySchema());
        if (!expectedKeys.equals(actualKeys)) {
            drift.add("table " + name + ": key schema is " + actualKeys + ", the spec says " + expectedKeys);
        }
        typeDrift(drift, "table " + name, types, spec.hashKey());
        boolean tableKeysMatch = drift.isEmpty();
        if (table.tableStatus() != TableStatus.ACTIVE) {
            notActive.add("table " + name + " is " + table.tableStatusAsString());
        }

        Map<String, GlobalSecondaryIndexDescription> existing = new LinkedHashMap<>();
        table.globalSecondaryIndexes().forEach(i -> existing.put(i.indexName(), i));
        for (IndexSpec index : spec.indexes()) {
            String at = "table " + name + " index " + index.name();
            GlobalSecondaryIndexDescription found = existing.get(index.name());
            if (found == null) {
                // The index's key attributes must fit the table's definitions, or UpdateTable would refuse it.
                List<String> conflicts = new ArrayList<>();
                typeDrift(conflicts, at + " (missing)", types, index.hashKey());
                if (index.rangeKey() != null) {
                    typeDrift(conflicts, at + " (missing)", types, index.rangeKey());
                }
                if (conflicts.isEmpty()) {
                    missing.add(index);
                } else {
                    drift.addAll(conflicts);
                }
                continue;
            }
            String expected = keys(index.hashKey(), index.rangeKey());
            String actual = describe(found.keySchema());
            if (!expected.equals(actual)) {
                drift.add(at + ": key schema is " + actual + ", the spec says " + expected);
            }
            typeDrift(drift, at, types, index.hashKey());
            if (index.rangeKey() != null) {
                typeDrift(drift, at, types, index.rangeKey());
            }
            ProjectionType projection =
                    found.projection() == null ? null : found.projection().projectionType();
            if (projection != ProjectionType.ALL) {
                drift.add(at + ": projection is " + projection + ", the spec says ALL");
            }
            if (found.indexStatus() != null && found.indexStatus() != IndexStatus.ACTIVE) {
                notActive.add(at + " is " + found.indexStatusAsString());
            }
        }
        return new TableComparison(spec, tableKeysMatch, missing, drift, notActive);
    }

    private static void typeDrift(List<String> drift, String at, Map<String, String> types, KeyAttribute key) {
        String actual = types.get(key.name());
        if (actual != null && !actual.equals(key.type().toString())) {
            drift.add(at + ": key attribute " + key.name() + " is of type " + actual + ", the spec says " + key.type());
        }
    }

    private static String keys(KeyAttribute hash, KeyAttribute range) {
        return range == null ? "[" + hash.name() + " HASH]" : "[" + hash.name() + " HASH, " + range.name() + " RANGE]";
    }

    private static String describe(List<KeySchemaElement> schema) {
        // HASH first, whatever order the server lists them in.
        return schema.stream()
                .sorted((a, b) -> Boolean.compare(a.keyType() != KeyType.HASH, b.keyType() != KeyType.HASH))
                .map(k -> k.attributeName() + " " + k.keyTypeAsString())
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
