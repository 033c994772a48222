package tsa.runtime.dynamo;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.Arc;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Feeds Micrometer for every DynamoDB call (seed, "Monitoring & Metrics"): {@code tsa.dynamodb.calls} (a timer per
 * table, operation and outcome), {@code tsa.dynamodb.throttled} and {@code tsa.dynamodb.consumed.capacity}. It asks
 * each data-plane request to return its consumed capacity. Registered by class name in
 * {@code quarkus.dynamodb.interceptors}, so the SDK creates it; the registry is looked up in the container.
 */
public class DynamoMetricsInterceptor implements ExecutionInterceptor {

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("tsa.dynamodb.started");
    private static final Set<String> THROTTLING_CODES =
            Set.of("ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded");

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        if (request instanceof GetItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof PutItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof UpdateItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof DeleteItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof QueryRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof ScanRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof BatchGetItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        if (request instanceof BatchWriteItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Optional<MeterRegistry> registry = registry();
        if (registry.isEmpty()) {
            return;
        }
        String table = tableOf(context.request());
        String operation = operationOf(attributes);
        timer(registry.get(), table, operation, "success")
                .record(elapsed(attributes), java.util.concurrent.TimeUnit.NANOSECONDS);
        consumed(context.response()).forEach(capacity -> {
            if (capacity.capacityUnits() != null) {
                Counter.builder("tsa.dynamodb.consumed.capacity")
                        .description("DynamoDB capacity units consumed")
                        .tag("table", capacity.tableName() == null ? table : capacity.tableName())
                        .tag("operation", operation)
                        .register(registry.get())
                        .increment(capacity.capacityUnits());
            }
        });
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Optional<MeterRegistry> registry = registry();
        if (registry.isEmpty()) {
            return;
        }
        String table = tableOf(context.request());
        String operation = operationOf(attributes);
        boolean throttled = context.exception() instanceof DynamoDbException e
                && e.awsErrorDetails() != null
                && THROTTLING_CODES.contains(e.awsErrorDetails().errorCode());
        timer(registry.get(), table, operation, throttled ? "throttled" : "error")
                .record(elapsed(attributes), java.util.concurrent.TimeUnit.NANOSECONDS);
        if (throttled) {
            Counter.builder("tsa.dynamodb.throttled")
                    .description("DynamoDB calls refused for throttling")
                    .tag("table", table)
                    .tag("operation", operation)
                    .register(registry.get())
                    .increment();
        }
    }

    private static Timer timer(MeterRegistry registry, String table, String operation, String outcome) {
        return Timer.builder("tsa.dynamodb.calls")
                .description("DynamoDB calls by table, operation and outcome")
                .tag("table", table)
                .tag("operation", operation)
                .tag("outcome", outcome)
                .register(registry);
    }

    private static long elapsed(ExecutionAttributes attributes) {
        Long started = attributes.getAttribute(STARTED);
        return started == null ? 0 : System.nanoTime() - started;
    }

    private static String operationOf(ExecutionAttributes attributes) {
        String name = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return name == null ? "unknown" : name;
    }

    private static String tableOf(SdkRequest request) {
        if (request instanceof BatchGetItemRequest r && r.hasRequestItems()) {
            return r.requestItems().size() == 1
                    ? r.requestItems().keySet().iterator().next()
                    : "multiple";
        }
        if (request instanceof BatchWriteItemRequest r && r.hasRequestItems()) {
            return r.requestItems().size() == 1
                    ? r.requestItems().keySet().iterator().next()
                    : "multiple";
        }
        return request.getValueForField("TableName", String.class).orElse("none");
    }

    private static java.util.List<ConsumedCapacity> consumed(SdkResponse response) {
        Optional<ConsumedCapacity> one = response.getValueForField("ConsumedCapacity", ConsumedCapacity.class);
        if (one.isPresent()) {
            return java.util.List.of(one.get());
        }
        @SuppressWarnings("unchecked")
        Optional<java.util.List<ConsumedCapacity>> many = response.getValueForField(
                "ConsumedCapacity", (Class<java.util.List<ConsumedCapacity>>) (Class<?>) java.util.List.class);
        return many.orElse(java.util.List.of());
    }

    private static Optional<MeterRegistry> registry() {
        var container = Arc.container();
        if (container == null) {
            return Optional.empty();
        }
        var handle = container.instance(MeterRegistry.class);
        return handle.isAvailable() ? Optional.of(handle.get()) : Optional.empty();
    }
}
