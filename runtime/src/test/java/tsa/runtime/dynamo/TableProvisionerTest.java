package tsa.runtime.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DescribeTimeToLiveResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTimeToLiveRequest;
import tsa.testsupport.DataStores;

/** Provisioning against a real DynamoDB-protocol server (dynalite), with the SDK's outgoing requests recorded. */
class TableProvisionerTest {

    private static final AtomicInteger TABLES = new AtomicInteger();

    private final List<SdkRequest> sent = new CopyOnWriteArrayList<>();
    private volatile boolean reportTtlEnabled;
    private final DynamoDbClient dynamo = DynamoDbClient.builder()
            .endpointOverride(URI.create(DataStores.shared().dynamo().endpoint()))
            .region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                @Override
                public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                    sent.add(context.request());
                }

                @Override
                public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
                    // Real DynamoDB reports TTL as ENABLED once it was switched on; dynalite always says DISABLED.
                    if (reportTtlEnabled && context.response() instanceof DescribeTimeToLiveResponse r) {
                        return r.toBuilder()
                                .timeToLiveDescription(d -> d.timeToLiveStatus(TimeToLiveStatus.ENABLED)
                                        .attributeName("expiration_time"))
                                .build();
                    }
                    return context.response();
                }
            }))
            .build();

    @AfterEach
    void closeClient() {
        dynamo.close();
    }

    private static TableSpec sessionsLike() {
        return TableSpec.table("sessions-" + TABLES.incrementAndGet(), KeyAttribute.string("session_id"))
                .index("coach-index", KeyAttribute.string("coach_id"))
                .index("schedule-index", KeyAttribute.string("coach_id"), KeyAttribute.string("scheduled_date"))
                .timeToLive("expiration_time");
    }

    private static DynamoSettings.Provisioning settings(boolean tolerateMissingTtl) {
        return new DynamoSettings.Provisioning() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public boolean tolerateMissingTtl() {
                return tolerateMissingTtl;
            }

            @Override
            public Duration activeTimeout() {
                return Duration.ofSeconds(30);
            }
        };
    }

    @Test
    void createsAnActiveOnDemandTableWithTheDeclaredKeysAndIndexes() {
        TableSpec spec = sessionsLike();
        new TableProvisioner(dynamo, settings(true)).provision(List.of(spec));

        TableDescription table =
                dynamo.describeTable(r -> r.tableName(spec.name())).table();
        assertThat(table.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(table.keySchema())
                .extracting(KeySchemaElement::attributeName, k -> k.keyType().toString())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("session_id", "HASH"));
        assertThat(table.attributeDefinitions())
                .extracting(a -> a.attributeName() + ":" + a.attributeTypeAsString())
                .containsExactlyInAnyOrder("session_id:S", "coach_id:S", "scheduled_date:S");
        assertThat(table.globalSecondaryIndexes())
                .extracting(
                        GlobalSecondaryIndexDescription::indexName,
                        i -> i.keySchema().stream()
                                .map(k -> k.attributeName() + ":" + k.keyType())
                                .toList(),
                        i -> i.projection().projectionType())
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "coach-index", List.of("coach_id:HASH"), ProjectionType.ALL),
                        org.assertj.core.groups.Tuple.tuple(
                                "schedule-index",
                                List.of("coach_id:HASH", "scheduled_date:RANGE"),
                                ProjectionType.ALL));
    }

    @Test
    void sendsUpdateTimeToLiveForTheTtlAttributeWhenTheTableHasNone() {
        TableSpec spec = sessionsLike();
        new TableProvisioner(dynamo, settings(true)).provision(List.of(spec));

        assertThat(sent)
                .filteredOn(UpdateTimeToLiveRequest.class::isInstance)
                .map(UpdateTimeToLiveRequest.class::cast)
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.tableName()).isEqualTo(spec.name());
                    assertThat(r.timeToLiveSpecification().attributeName()).isEqualTo("expiration_time");
                    assertThat(r.timeToLiveSpecification().enabled()).isTrue();
                });
    }

    @Test
    void doesNotEnableTimeToLiveTwice() {
        TableSpec spec = sessionsLike();
        reportTtlEnabled = true;
        new TableProvisioner(dynamo, settings(false)).provision(List.of(spec));

        assertThat(sent).noneMatch(UpdateTimeToLiveRequest.class::isInstance);
    }

    @Test
    void provisioningTwiceLeavesTheTableAsItIs() {
        TableSpec spec = sessionsLike();
        TableProvisioner provisioner = new TableProvisioner(dynamo, settings(true));
        provisioner.provision(List.of(spec));
        provisioner.provision(List.of(spec));

        assertThat(dynamo.describeTable(r -> r.tableName(spec.name())).table().tableStatus())
                .isEqualTo(TableStatus.ACTIVE);
    }

    @Test
    void failsWhenTheServerCannotEnableTimeToLiveUnlessConfiguredToTolerateIt() {
        TableSpec spec = sessionsLike();
        assertThatThrownBy(() -> new TableProvisioner(dynamo, settings(false)).provision(List.of(spec)))
                .isInstanceOf(DynamoDbException.class)
                .satisfies(e -> assertThat(
                                ((DynamoDbException) e).awsErrorDetails().errorCode())
                        .isEqualTo("UnknownOperationException"));
    }
}
