package tsa.runtime.dynamo;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.arc.Arc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Capacity;
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
 * table, operation and final outcome of the call), {@code tsa.dynamodb.attempts} (a counter per HTTP attempt, so a
 * throttled attempt that the SDK retried successfully still counts: the "throttling > 1%" ratio is
 * {@code outcome="throttled"} over all attempts), {@code tsa.dynamodb.throttled} (calls that failed for throttling
 * after the retries) and {@code tsa.dynamodb.consumed.capacity} (units by table, index and read/write). It asks each
 * data-plane request for its consumed capacity per index ({@code ReturnConsumedCapacity=INDEXES}). Registered by
 * class name in {@code quarkus.dynamodb.interceptors}, so the SDK creates it; the registry is then looked up in the
 * container.
 */
public class DynamoMetricsInterceptor implements ExecutionInterceptor {

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("tsa.dynamodb.started");
    private static final Set<String> THROTTLING_CODES =
            Set.of("ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded");
    private static final Set<String> READS = Set.of("GetItem", "BatchGetItem", "Query", "Scan");
    /** An error body larger than this is not DynamoDB's JSON error: its type is not looked for. */
    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    private final Supplier<Optional<MeterRegistry>> registry;

    /** The SDK's constructor: the registry is the container's. */
    public DynamoMetricsInterceptor() {
        this(DynamoMetricsInterceptor::containerRegistry);
    }

    /** For a client built outside the container (tests, tools). */
    public DynamoMetricsInterceptor(MeterRegistry registry) {
        this(() -> Optional.of(registry));
    }

    private DynamoMetricsInterceptor(Supplier<Optional<MeterRegistry>> registry) {
        this.registry = registry;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        ReturnConsumedCapacity total = ReturnConsumedCapacity.INDEXES;
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

    /**
     * Called once per HTTP attempt, retries included. An error answer's body is read (DynamoDB's errors are small
     * JSON documents naming their {@code __type}) and handed on unchanged, so the SDK still parses it.
     */
    @Override
    public Optional<InputStream> modifyHttpResponseContent(
            Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        Optional<MeterRegistry> meters = registry.get();
        Optional<InputStream> content = context.responseBody();
        if (meters.isEmpty()) {
            return content;
        }
        int status = context.httpResponse().statusCode();
        String outcome = "success";
        if (status >= 400) {
            outcome = "error";
            if (content.isPresent()) {
                byte[] body = readError(content.get());
                if (THROTTLING_CODES.contains(errorType(body))) {
                    outcome = "throttled";
                }
                content = Optional.of(new ByteArrayInputStream(body));
            }
        }
        Counter.builder("tsa.dynamodb.attempts")
                .description("DynamoDB HTTP attempts (retries included) by table, operation and outcome")
                .tag("table", tableOf(context.request()))
                .tag("operation", operationOf(attributes))
                .tag("outcome", outcome)
                .register(meters.get())
                .increment();
        return content;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Optional<MeterRegistry> registry = this.registry.get();
        if (registry.isEmpty()) {
            return;
        }
        String table = tableOf(context.request());
        String operation = operationOf(attributes);
        timer(registry.get(), table, operation, "success")
                .record(elapsed(attributes), java.util.concurrent.TimeUnit.NANOSECONDS);
        boolean read = READS.contains(operation);
        consumed(context.response()).forEach(capacity -> {
            String tableName = capacity.tableName() == null ? table : capacity.tableName();
            if (capacity.table() != null) {
                countCapacity(registry.get(), tableName, "table", operation, read, capacity.table());
            } else if (capacity.capacityUnits() != null) {
                // A store that answers only the total (dynalite for some operations): the table gets it all.
                countUnits(
                        registry.get(),
                        tableName,
                        "table",
                        operation,
                        read ? "read" : "write",
                        capacity.capacityUnits());
            }
            if (capacity.hasGlobalSecondaryIndexes()) {
                capacity.globalSecondaryIndexes()
                        .forEach((index, units) ->
                                countCapacity(registry.get(), tableName, index, operation, read, units));
            }
            if (capacity.hasLocalSecondaryIndexes()) {
                capacity.localSecondaryIndexes()
                        .forEach((index, units) ->
                                countCapacity(registry.get(), tableName, index, operation, read, units));
            }
        });
    }

    private static void countCapacity(
            MeterRegistry registry, String table, String index, String operation, boolean read, Capacity units) {
        if (units.readCapacityUnits() != null || units.writeCapacityUnits() != null) {
            countUnits(registry, table, index, operation, "read", units.readCapacityUnits());
            countUnits(registry, table, index, operation, "write", units.writeCapacityUnits());
        } else {
            countUnits(registry, table, index, operation, read ? "read" : "write", units.capacityUnits());
        }
    }

    private static void countUnits(
            MeterRegistry registry, String table, String index, String operation, String kind, Double units) {
        if (units == null || units == 0) {
            return;
        }
        Counter.builder("tsa.dynamodb.consumed.capacity")
                .description(
                        "DynamoDB capacity units consumed, by table, index (\"table\" for the base table) and kind")
                .tag("table", table)
                .tag("index", index)
                .tag("operation", operation)
                .tag("kind", kind)
                .register(registry)
                .increment(units);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        Optional<MeterRegistry> registry = this.registry.get();
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
        // The batch operations carry a list under the same field name (getValueForField would fail its cast).
        if (response instanceof BatchGetItemResponse r) {
            return r.hasConsumedCapacity() ? r.consumedCapacity() : java.util.List.of();
        }
        if (response instanceof BatchWriteItemResponse r) {
            return r.hasConsumedCapacity() ? r.consumedCapacity() : java.util.List.of();
        }
        Optional<ConsumedCapacity> one = response.getValueForField("ConsumedCapacity", ConsumedCapacity.class);
        if (one.isPresent()) {
            return java.util.List.of(one.get());
        }
        @SuppressWarnings("unchecked")
        Optional<java.util.List<ConsumedCapacity>> many = response.getValueForField(
                "ConsumedCapacity", (Class<java.util.List<ConsumedCapacity>>) (Class<?>) java.util.List.class);
        return many.orElse(java.util.List.of());
    }

    private static byte[] readError(InputStream in) {
        try (in) {
            return in.readNBytes(ERROR_BODY_LIMIT);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** The short name of DynamoDB's error type: {@code "com.amazonaws.dynamodb.v20120810#X"} gives {@code X}. */
    static String errorType(byte[] body) {
        Matcher matcher = ERROR_TYPE.matcher(new String(body, StandardCharsets.UTF_8));
        if (!matcher.find()) {
            return "";
        }
        String type = matcher.group(1);
        return type.substring(type.lastIndexOf('#') + 1);
    }

    private static final Pattern ERROR_TYPE = Pattern.compile("\"__type\"\\s*:\\s*\"([^\"]*)\"");

    private static Optional<MeterRegistry> containerRegistry() {
        var container = Arc.container();
        if (container == null) {
            return Optional.empty();
        }
        var handle = container.instance(MeterRegistry.class);
        return handle.isAvailable() ? Optional.of(handle.get()) : Optional.empty();
    }
}
