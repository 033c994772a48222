package tsa.sync.copy.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.PutItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import tsa.runtime.dynamo.BatchReads;
import tsa.sync.config.SyncTables;

/**
 * {@code students-dev}: one single-item conditional put per copy; a copy never replaces one of a later row version
 * ({@code _last_modified_date}, fixed-width text).
 */
@ApplicationScoped
public class StudentCopyStore {

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<StudentCopy> table;

    @Inject
    public StudentCopyStore(DynamoDbClient dynamo, SyncTables tables) {
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
        this.table = enhanced.table(tables.students().name(), StudentCopy.SCHEMA);
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

    /**
     * The copies of these rows, by {@code student_unique_id} (absent ones are missing from the map): consistent batch reads by
     * key, {@value BatchReads#KEYS_PER_REQUEST} keys a request, unprocessed keys read again. No scan: the reconciliation reads the copies
     * of each page of PostgreSQL rows it checks.
     */
    public Map<String, StudentCopy> findAll(Collection<String> ids) {
        return BatchReads.byHashKey(enhanced, table, ids, StudentCopy::studentUniqueId);
    }
}
