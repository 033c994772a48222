package tsa.sync.copy.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import tsa.sync.config.SyncTables;

/**
 * {@code students-dev}: one single-item conditional put per copy; a copy never replaces one of a later row version
 * ({@code _last_modified_date}, fixed-width text).
 */
@ApplicationScoped
public class StudentCopyStore {

    private final DynamoDbTable<StudentCopy> table;

    @Inject
    public StudentCopyStore(DynamoDbClient dynamo, SyncTables tables) {
        this.table = DynamoDbEnhancedClient.builder()
                .dynamoDbClient(dynamo)
                .build()
                .table(tables.students().name(), StudentCopy.SCHEMA);
    }

    /** Writes the copy unless a newer one is there; false when it was newer. */
    public boolean put(StudentCopy copy) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(StudentCopy.class)
                    .item(copy)
                    .conditionExpression(Expression.builder()
                            .expression(
                                    "attribute_not_exists(#id) OR attribute_not_exists(#modified) OR #modified <= :modified")
                            .putExpressionName("#id", StudentCopy.STUDENT_UNIQUE_ID)
                            .putExpressionName("#modified", StudentCopy.LAST_MODIFIED_DATE)
                            .putExpressionValue(
                                    ":modified",
                                    AttributeValue.fromS(
                                            copy.lastModifiedDate() == null ? "" : copy.lastModifiedDate()))
                            .build())
                    .build());
            return true;
        } catch (ConditionalCheckFailedException newerThere) {
            return false;
        }
    }

    public StudentCopy find(String studentUniqueId) {
        return table.getItem(r ->
                r.key(Key.builder().partitionValue(studentUniqueId).build()).consistentRead(true));
    }

    /** Every copy, by {@code student_unique_id}: a full scan, for the reconciliation (a batch job) only. */
    public Map<String, StudentCopy> scanAllForReconciliation() {
        Map<String, StudentCopy> copies = new LinkedHashMap<>();
        table.scan(r -> r.consistentRead(true)).items().forEach(copy -> copies.put(copy.studentUniqueId(), copy));
        return copies;
    }
}
