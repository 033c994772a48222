package tsa.runtime.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;
import tsa.testsupport.DataStores;
import tsa.testsupport.FaultyProxy;

/**
 * The DynamoDB meters through a real HTTP proxy in front of the real dynalite: throttled attempts are counted even
 * when the SDK's retry then succeeds, and consumed capacity is split by table, index and read/write.
 */
class DynamoMetricsInterceptorTest {

    private final FaultyProxy proxy =
            FaultyProxy.start(DataStores.shared().dynamo().endpoint());
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private final DynamoDbClient dynamo = DynamoDbClient.builder()
            .endpointOverride(URI.create(proxy.endpoint()))
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.addExecutionInterceptor(new DynamoMetricsInterceptor(meters))
                    // DynamoDB's SDK default is 9 attempts with throttling backoff of up to 20 s; the SDK's retry
                    // is not under test, the counting of its attempts is: four quick attempts.
                    .retryStrategy(r -> r.maxAttempts(4)
                            .backoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(5)))
                            .throttlingBackoffStrategy(BackoffStrategy.fixedDelay(Duration.ofMillis(5)))))
            .build();
    private final String table = "metrics-" + UUID.randomUUID();

    @AfterEach
    void close() {
        dynamo.close();
        proxy.close();
    }

    @Test
    void throttledAttemptsThatTheSdkRetriedAreCountedPerAttempt() {
        createTable();
        proxy.throttleNext(2);
        int before = proxy.requests();

        dynamo.putItem(r -> r.tableName(table).item(item("a")));

        assertThat(proxy.requests() - before)
                .as("two refused attempts and the one that landed")
                .isEqualTo(3);
        assertThat(attempts("PutItem", "throttled")).isEqualTo(2);
        assertThat(attempts("PutItem", "success")).isEqualTo(1);
        assertThat(calls("PutItem", "success")).as("one call, which succeeded").isEqualTo(1);
        double all = attempts("PutItem", "throttled") + attempts("PutItem", "success") + attempts("PutItem", "error");
        assertThat(attempts("PutItem", "throttled") / all).isEqualTo(2.0 / 3);
        // The item really is in the store behind the proxy.
        assertThat(DataStores.shared()
                        .dynamo()
                        .client()
                        .getItem(r -> r.tableName(table).key(Map.of("id", AttributeValue.fromS("a"))))
                        .hasItem())
                .isTrue();
    }

    @Test
    void aCallThatStaysThrottledCountsEveryAttemptAndOneThrottledCall() {
        createTable();
        proxy.throttleNext(100);

        assertThatThrownBy(() -> dynamo.getItem(r -> r.tableName(table).key(Map.of("id", AttributeValue.fromS("x")))))
                .isInstanceOf(ProvisionedThroughputExceededException.class);
        proxy.heal();

        assertThat(attempts("GetItem", "throttled"))
                .as("every one of the four attempts")
                .isEqualTo(4);
        assertThat(attempts("GetItem", "success")).isZero();
        assertThat(counter("tsa.dynamodb.throttled", "GetItem")).isEqualTo(1);
        assertThat(calls("GetItem", "throttled")).isEqualTo(1);
    }

    @Test
    void consumedCapacityIsSplitByTableIndexAndKind() {
        createTable();
        dynamo.putItem(r -> r.tableName(table).item(item("b")));
        dynamo.query(r -> r.tableName(table)
                .indexName("owner-index")
                .keyConditionExpression("owner_email = :o")
                .expressionAttributeValues(Map.of(":o", AttributeValue.fromS("owner@example.org"))));

        assertThat(capacity("table", "PutItem", "write")).isPositive();
        assertThat(capacity("owner-index", "Query", "read")).isPositive();
        assertThat(meters.find("tsa.dynamodb.consumed.capacity")
                        .tag("table", table)
                        .tag("kind", "read")
                        .tag("operation", "PutItem")
                        .counter())
                .isNull();
    }

    private void createTable() {
        DynamoDbClient direct = DataStores.shared().dynamo().client();
        direct.createTable(r -> r.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder()
                                .attributeName("id")
                                .attributeType(ScalarAttributeType.S)
                                .build(),
                        AttributeDefinition.builder()
                                .attributeName("owner_email")
                                .attributeType(ScalarAttributeType.S)
                                .build())
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))
                .globalSecondaryIndexes(g -> g.indexName("owner-index")
                        .keySchema(k -> k.attributeName("owner_email").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.ALL))));
        // The SDK's default waiter first sleeps 20 s; a new dynalite table is ACTIVE within a second.
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder()
                .client(direct)
                .overrideConfiguration(w -> w.backoffStrategyV2(BackoffStrategy.fixedDelay(Duration.ofMillis(100)))
                        .maxAttempts(300)
                        .waitTimeout(Duration.ofSeconds(30)))
                .build()) {
            waiter.waitUntilTableExists(r -> r.tableName(table));
        }
    }

    private static Map<String, AttributeValue> item(String id) {
        return Map.of("id", AttributeValue.fromS(id), "owner_email", AttributeValue.fromS("owner@example.org"));
    }

    private double attempts(String operation, String outcome) {
        Counter counter = meters.find("tsa.dynamodb.attempts")
                .tag("table", table)
                .tag("operation", operation)
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private long calls(String operation, String outcome) {
        Timer timer = meters.find("tsa.dynamodb.calls")
                .tag("table", table)
                .tag("operation", operation)
                .tag("outcome", outcome)
                .timer();
        return timer == null ? 0 : timer.count();
    }

    private double counter(String name, String operation) {
        Counter counter = meters.find(name)
                .tag("table", table)
                .tag("operation", operation)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double capacity(String index, String operation, String kind) {
        Counter counter = meters.find("tsa.dynamodb.consumed.capacity")
                .tag("table", table)
                .tag("index", index)
                .tag("operation", operation)
                .tag("kind", kind)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
