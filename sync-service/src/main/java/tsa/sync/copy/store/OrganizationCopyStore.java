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
 * {@code organizations-dev}: one single-item conditional put per copy. A copy never replaces one of a later row
 * version ({@code date_last_modified} is fixed-width text, so it compares as time does), so two writers that finish
 * in the other order cannot leave the older copy behind.
 */
@ApplicationScoped
public class OrganizationCopyStore {

    private final DynamoDbEnhancedClient enhanced;
    private final DynamoDbTable<OrganizationCopy> table;

    @Inject
    public OrganizationCopyStore(DynamoDbClient dynamo, SyncTables tables) {
        this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
        this.table = enhanced.table(tables.organizations().name(), OrganizationCopy.SCHEMA);
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

    /**
     * The copies of these rows, by {@code sourced_id} (absent ones are missing from the map): consistent batch reads by
     * key, {@value BatchReads#KEYS_PER_REQUEST} keys a request, unprocessed keys read again. No scan: the reconciliation reads the copies
     * of each page of PostgreSQL rows it checks.
     */
    public Map<String, OrganizationCopy> findAll(Collection<String> ids) {
        return BatchReads.byHashKey(enhanced, table, ids, OrganizationCopy::sourcedId);
    }
}
