package tsa.runtime.dynamo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a service declares about one of its DynamoDB tables: the key schema, the global secondary indexes and the
 * TTL attribute. The provisioner creates the table from it (on-demand billing) and tests compare it with
 * DescribeTable.
 */
public record TableSpec(String name, KeyAttribute hashKey, List<IndexSpec> indexes, Optional<String> ttlAttribute) {

    public TableSpec {
        indexes = List.copyOf(indexes);
    }

    public static TableSpec table(String name, KeyAttribute hashKey) {
        return new TableSpec(name, hashKey, List.of(), Optional.empty());
    }

    public TableSpec index(String indexName, KeyAttribute indexHashKey) {
        return index(indexName, indexHashKey, null);
    }

    public TableSpec index(String indexName, KeyAttribute indexHashKey, KeyAttribute indexRangeKey) {
        List<IndexSpec> more = new ArrayList<>(indexes);
        more.add(new IndexSpec(indexName, indexHashKey, indexRangeKey));
        return new TableSpec(name, hashKey, more, ttlAttribute);
    }

    public TableSpec timeToLive(String attribute) {
        return new TableSpec(name, hashKey, indexes, Optional.of(attribute));
    }
}
