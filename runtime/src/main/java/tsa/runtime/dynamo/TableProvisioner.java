package tsa.runtime.dynamo;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Brings the tables a service owns to their {@link TableSpec}s at start-up, idempotently: missing tables are created
 * and awaited until ACTIVE; on an existing table each missing global secondary index is added (one UpdateTable per
 * index, as DynamoDB allows one index creation at a time) and awaited until ACTIVE; TTL is switched on only when
 * DescribeTimeToLive says it is off (DynamoDB refuses to enable it twice). Drift it cannot fix (another key schema or
 * key type, an index with other keys) is logged by name; {@link tsa.runtime.health.DynamoTablesReadiness} reports it
 * and stays down.
 */
@ApplicationScoped
public class TableProvisioner {

    private static final Logger LOG = Logger.getLogger(TableProvisioner.class);
    private static final String UNKNOWN_OPERATION = "UnknownOperationException";

    private final DynamoDbClient dynamo;
    private final DynamoSettings.Provisioning settings;

    @Inject
    public TableProvisioner(DynamoDbClient dynamo, DynamoSettings settings) {
        this(dynamo, settings.provisioning());
    }

    public TableProvisioner(DynamoDbClient dynamo, DynamoSettings.Provisioning settings) {
        this.dynamo = dynamo;
        this.settings = settings;
    }

    void onStart(@Observes StartupEvent event, Instance<OwnedTables> ownedTables) {
        if (!settings.enabled()) {
            LOG.info("DynamoDB table provisioning is switched off; readiness verifies the tables against their specs");
            return;
        }
        for (OwnedTables owned : ownedTables) {
            provision(owned.tables());
        }
    }

    public void provision(List<TableSpec> specs) {
        specs.forEach(this::create);
        specs.forEach(this::awaitActive);
        specs.forEach(this::addMissingIndexes);
        specs.forEach(this::ensureTimeToLive);
    }

    void create(TableSpec spec) {
        try {
            dynamo.createTable(createRequest(spec));
            LOG.infof("created DynamoDB table %s", spec.name());
        } catch (ResourceInUseException exists) {
            LOG.debugf("DynamoDB table %s exists", spec.name());
        }
    }

    void awaitActive(TableSpec spec) {
        Duration timeout = settings.activeTimeout();
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder()
                .client(dynamo)
                .overrideConfiguration(WaiterOverrideConfiguration.builder()
                        .waitTimeout(timeout)
                        .maxAttempts(Integer.MAX_VALUE)
                        // The SDK's default first delay is 20 s; a new on-demand table is ACTIVE within seconds.
                        .backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(250)))
                        .build())
                .build()) {
            waiter.waitUntilTableExists(r -> r.tableName(spec.name()))
                    .matched()
                    .exception()
                    .ifPresent(e -> {
                        throw new IllegalStateException("table " + spec.name() + " did not become ACTIVE", e);
                    });
        }
    }

    /** Adds each index the spec names and the table lacks; reports (never changes) drift it cannot fix. */
    void addMissingIndexes(TableSpec spec) {
        TableComparison comparison = TableComparison.of(
                spec, dynamo.describeTable(r -> r.tableName(spec.name())).table());
        comparison.drift().forEach(d -> LOG.errorf("DynamoDB table drift that provisioning cannot fix: %s", d));
        if (!comparison.tableKeysMatch()) {
            // Another table under this name: adding indexes to it would only hide the mistake.
            return;
        }
        for (IndexSpec index : comparison.missingIndexes()) {
            try {
                dynamo.updateTable(addIndexRequest(spec, index));
                LOG.infof("adding index %s to DynamoDB table %s", index.name(), spec.name());
            } catch (DynamoDbException e) {
                // Readiness keeps reporting the index as missing; the service does not start half-blind silently.
                LOG.errorf(
                        "could not add index %s to DynamoDB table %s: %s", index.name(), spec.name(), e.getMessage());
                continue;
            }
            awaitIndexActive(spec, index);
        }
    }

    void awaitIndexActive(TableSpec spec, IndexSpec index) {
        long deadline = System.nanoTime() + settings.activeTimeout().toNanos();
        while (true) {
            TableDescription table =
                    dynamo.describeTable(r -> r.tableName(spec.name())).table();
            boolean active = table.tableStatus() == TableStatus.ACTIVE
                    && table.globalSecondaryIndexes().stream()
                            .anyMatch(i -> i.indexName().equals(index.name()) && i.indexStatus() == IndexStatus.ACTIVE);
            if (active) {
                LOG.infof("index %s of DynamoDB table %s is ACTIVE", index.name(), spec.name());
                return;
            }
            if (System.nanoTime() > deadline) {
                // A backfill on a large table can outlast start-up; readiness stays down until the index is ACTIVE.
                LOG.warnf(
                        "index %s of DynamoDB table %s is not ACTIVE after %s; readiness reports it until it is",
                        index.name(), spec.name(), settings.activeTimeout());
                return;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void ensureTimeToLive(TableSpec spec) {
        if (spec.ttlAttribute().isEmpty()) {
            return;
        }
        String attribute = spec.ttlAttribute().get();
        TimeToLiveStatus status = dynamo.describeTimeToLive(r -> r.tableName(spec.name()))
                .timeToLiveDescription()
                .timeToLiveStatus();
        if (status == TimeToLiveStatus.ENABLED || status == TimeToLiveStatus.ENABLING) {
            return;
        }
        try {
            dynamo.updateTimeToLive(r -> r.tableName(spec.name())
                    .timeToLiveSpecification(t -> t.attributeName(attribute).enabled(true)));
            LOG.infof("enabled TTL on %s.%s", spec.name(), attribute);
        } catch (DynamoDbException e) {
            boolean unsupported = e.awsErrorDetails() != null
                    && UNKNOWN_OPERATION.equals(e.awsErrorDetails().errorCode());
            if (unsupported && settings.tolerateMissingTtl()) {
                LOG.warnf(
                        "the DynamoDB server does not implement UpdateTimeToLive; %s.%s has no TTL sweep "
                                + "(expiry is still checked when items are read)",
                        spec.name(), attribute);
                return;
            }
            throw e;
        }
    }

    /** One index creation, with the definitions of its key attributes (on-demand: no throughput). */
    static UpdateTableRequest addIndexRequest(TableSpec spec, IndexSpec index) {
        var attributes = new java.util.LinkedHashMap<String, AttributeDefinition>();
        addDefinition(attributes, index.hashKey());
        var keys = new java.util.ArrayList<KeySchemaElement>();
        keys.add(key(index.hashKey(), KeyType.HASH));
        if (index.rangeKey() != null) {
            addDefinition(attributes, index.rangeKey());
            keys.add(key(index.rangeKey(), KeyType.RANGE));
        }
        return UpdateTableRequest.builder()
                .tableName(spec.name())
                .attributeDefinitions(attributes.values())
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder()
                        .create(CreateGlobalSecondaryIndexAction.builder()
                                .indexName(index.name())
                                .keySchema(keys)
                                .projection(Projection.builder()
                                        .projectionType(ProjectionType.ALL)
                                        .build())
                                .build())
                        .build())
                .build();
    }

    static CreateTableRequest createRequest(TableSpec spec) {
        var attributes = new java.util.LinkedHashMap<String, AttributeDefinition>();
        addDefinition(attributes, spec.hashKey());
        List<GlobalSecondaryIndex> indexes = spec.indexes().stream()
                .map(index -> {
                    addDefinition(attributes, index.hashKey());
                    var keys = new java.util.ArrayList<KeySchemaElement>();
                    keys.add(key(index.hashKey(), KeyType.HASH));
                    if (index.rangeKey() != null) {
                        addDefinition(attributes, index.rangeKey());
                        keys.add(key(index.rangeKey(), KeyType.RANGE));
                    }
                    return GlobalSecondaryIndex.builder()
                            .indexName(index.name())
                            .keySchema(keys)
                            .projection(Projection.builder()
                                    .projectionType(ProjectionType.ALL)
                                    .build())
                            .build();
                })
                .toList();
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(spec.name())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key(spec.hashKey(), KeyType.HASH))
                .attributeDefinitions(attributes.values());
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        return request.build();
    }

    private static void addDefinition(java.util.Map<String, AttributeDefinition> attributes, KeyAttribute key) {
        attributes.putIfAbsent(
                key.name(),
                AttributeDefinition.builder()
                        .attributeName(key.name())
                        .attributeType(key.type())
                        .build());
    }

    private static KeySchemaElement key(KeyAttribute attribute, KeyType type) {
        return KeySchemaElement.builder()
                .attributeName(attribute.name())
                .keyType(type)
                .build();
    }
}
