package tsa.runtime.dynamo;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The two single-item conditional writes every store makes (architecture.md): create an item only if its key is
 * free, and replace it only if it is still at the version that was read, so concurrent changes never overwrite each
 * other silently.
 */
public final class ConditionalWrites {

    private ConditionalWrites() {}

    /** Writes a new item; false if an item with that key exists. */
    public static <T> boolean insertIfAbsent(DynamoDbTable<T> table, T item, String hashKey) {
        return put(
                table,
                item,
                Expression.builder()
                        .expression("attribute_not_exists(#id)")
                        .putExpressionName("#id", hashKey)
                        .build());
    }

    /** Replaces the item if its {@code versionAttribute} is still {@code expectedVersion}; false otherwise. */
    public static <T> boolean replaceIfVersion(
            DynamoDbTable<T> table, T item, String versionAttribute, long expectedVersion) {
        return put(
                table,
                item,
                Expression.builder()
                        .expression("#v = :v")
                        .putExpressionName("#v", versionAttribute)
                        .putExpressionValue(":v", AttributeValue.fromN(Long.toString(expectedVersion)))
                        .build());
    }

    private static <T> boolean put(DynamoDbTable<T> table, T item, Expression condition) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(
                            table.tableSchema().itemType().rawClass())
                    .item(item)
                    .conditionExpression(condition)
                    .build());
            return true;
        } catch (ConditionalCheckFailedException conditionFailed) {
            return false;
        }
    }
}
