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
 * {@code organizations-dev}: one single-item conditional put per copy. A copy never replaces one of a later row
 * version ({@code date_last_modified} is fixed-width text, so it compares as time does), so two writers that finish
 * in the other order cannot leave the older copy behind.
 */
@ApplicationScoped
public class OrganizationCopyStore {

    private final DynamoDbTable<OrganizationCopy> table;

    @Inject
    public OrganizationCopyStore(DynamoDbClient dynamo, SyncTables tables) {
        this.table = DynamoDbEnhancedClient.builder()
                .dynamoDbClient(dynamo)
                .build()
                .table(tables.organizations().name(), OrganizationCopy.SCHEMA);
    }

    /** Writes the copy unless a newer one is there; false when it was newer. */
    public boolean put(OrganizationCopy copy) {
        try {
            table.putItem(PutItemEnhancedRequest.builder(OrganizationCopy.class)
                    .item(copy)
                    .conditionExpression(Expression.builder()
                            .expression(
                                    "attribute_not_exists(#id) OR attribute_not_exists(#modified) OR #modified <= :modified")
                            .putExpressionName("#id", OrganizationCopy.SOURCED_ID)
                            .putExpressionName("#modified", OrganizationCopy.DATE_LAST_MODIFIED)
                            .putExpressionValue(
                                    ":modified",
                                    AttributeValue.fromS(
                                            copy.dateLastModified() == null ? "" : copy.dateLastModified()))
                            .build())
                    .build());
            return true;
        } catch (ConditionalCheckFailedException newerThere) {
            return false;
        }
    }

    public OrganizationCopy find(String sourcedId) {
        return table.getItem(
                r -> r.key(Key.builder().partitionValue(sourcedId).build()).consistentRead(true));
    }

    /** Every copy, by {@code sourced_id}: a full scan, for the reconciliation (a batch job) only. */
    public Map<String, OrganizationCopy> scanAllForReconciliation() {
        Map<String, OrganizationCopy> copies = new LinkedHashMap<>();
        table.scan(r -> r.consistentRead(true)).items().forEach(copy -> copies.put(copy.sourcedId(), copy));
        return copies;
    }
}
