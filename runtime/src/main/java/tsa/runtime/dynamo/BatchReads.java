package tsa.runtime.dynamo;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.ReadBatch;

/**
 * Many items of one table read by their hash keys: consistent {@code BatchGetItem} requests of at most
 * {@value #KEYS_PER_REQUEST} keys (DynamoDB's limit), the keys DynamoDB leaves unprocessed read again (the enhanced
 * client's result pages do). A key lookup for each id, never a scan.
 */
public final class BatchReads {

    /** BatchGetItem's limit of keys per request. */
    public static final int KEYS_PER_REQUEST = 100;

    private BatchReads() {}

    /** The items of these ids, by id ({@code idOf} reads an item's hash key); ids without an item are not in the map. */
    public static <T> Map<String, T> byHashKey(
            DynamoDbEnhancedClient enhanced, DynamoDbTable<T> table, Collection<String> ids, Function<T, String> idOf) {
        Map<String, T> found = new HashMap<>();
        List<String> keys = ids.stream().distinct().toList();
        for (int from = 0; from < keys.size(); from += KEYS_PER_REQUEST) {
            ReadBatch.Builder<T> batch =
                    ReadBatch.builder(table.tableSchema().itemType().rawClass()).mappedTableResource(table);
            for (String id : keys.subList(from, Math.min(keys.size(), from + KEYS_PER_REQUEST))) {
                batch.addGetItem(GetItemEnhancedRequest.builder()
                        .key(Key.builder().partitionValue(id).build())
                        .consistentRead(true)
                        .build());
            }
            ReadBatch request = batch.build();
            enhanced.batchGetItem(r -> r.readBatches(request))
                    .resultsForTable(table)
                    .forEach(item -> found.put(idOf.apply(item), item));
        }
        return found;
    }
}
