package tsa.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The raw store calls the services wrap, through the AWS SDK (URL-connection HTTP client with the services'
 * {@code BufferedRequestBodies}, as the services use) against
 * the same dynalite: key names come from DescribeTable, items from the tables the services wrote.
 */
final class RawStore implements AutoCloseable {

    /** A key's attribute names: hash and (possibly null) range. */
    record KeyNames(String hash, String range) {}

    final DynamoDbClient dynamo;

    RawStore(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    KeyNames tableKey(String table) {
        return names(describe(table).keySchema());
    }

    KeyNames indexKey(String table, String index) {
        for (GlobalSecondaryIndexDescription gsi : describe(table).globalSecondaryIndexes()) {
            if (gsi.indexName().equals(index)) {
                return names(gsi.keySchema());
            }
        }
        throw new IllegalStateException(table + " has no index " + index);
    }

    private TableDescription describe(String table) {
        return dynamo.describeTable(r -> r.tableName(table)).table();
    }

    private static KeyNames names(List<KeySchemaElement> schema) {
        String hash = null;
        String range = null;
        for (KeySchemaElement element : schema) {
            if (element.keyType() == KeyType.HASH) {
                hash = element.attributeName();
            } else {
                range = element.attributeName();
            }
        }
        return new KeyNames(hash, range);
    }

    /** Every item of a table (setup only: the benchmark never scans on a measured path). */
    List<Map<String, AttributeValue>> scanAll(String table) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamo.scan(r -> r.tableName(table).exclusiveStartKey(from));
            items.addAll(page.items());
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return items;
    }

    /** Roughly DynamoDB's item size: attribute names plus values, in bytes. */
    static int size(Map<String, AttributeValue> item) {
        int bytes = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            bytes += attribute.getKey().length() + size(attribute.getValue());
        }
        return bytes;
    }

    private static int size(AttributeValue value) {
        if (value.s() != null) {
            return value.s().length();
        }
        if (value.n() != null) {
            return value.n().length();
        }
        if (value.bool() != null) {
            return 1;
        }
        if (value.hasL()) {
            return 3 + value.l().stream().mapToInt(RawStore::size).sum();
        }
        if (value.hasM()) {
            return 3 + size(value.m());
        }
        if (value.hasSs()) {
            return value.ss().stream().mapToInt(String::length).sum();
        }
        return 1;
    }

    @Override
    public void close() {
        dynamo.close();
    }
}
