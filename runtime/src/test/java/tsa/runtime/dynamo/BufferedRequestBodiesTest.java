package tsa.runtime.dynamo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import tsa.testsupport.DataStores;

/**
 * Requests leave the URL-connection client with the SDK's {@code Content-Length} removed before signing (so the JDK
 * buffers the body and writes the length itself), and DynamoDB calls through it work as before against dynalite.
 */
class BufferedRequestBodiesTest {

    /** What a request looked like on the wire. */
    record Seen(Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse(null);
        }
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final HttpServer recorder = recorder();

    @AfterEach
    void stop() {
        recorder.stop(0);
    }

    @Test
    void theBodyGoesOutWithALengthTheJdkWroteAndTheSdkDidNotSign() {
        try (DynamoDbClient dynamo =
                client("http://127.0.0.1:" + recorder.getAddress().getPort(), new BufferedRequestBodies())) {
            dynamo.putItem(r -> r.tableName("t").item(Map.of("id", AttributeValue.fromS("a"))));
        }

        Seen request = seen.get(0);
        assertThat(request.header("Content-Length")).isEqualTo(String.valueOf(request.body().length));
        assertThat(request.header("Transfer-Encoding")).isNull();
        assertThat(new String(request.body(), StandardCharsets.UTF_8)).contains("\"TableName\":\"t\"");
        assertThat(signedHeaders(request)).doesNotContain("content-length").contains("host", "x-amz-target");
    }

    @Test
    void withoutItTheSdkSignsItsOwnContentLength() {
        try (DynamoDbClient dynamo =
                client("http://127.0.0.1:" + recorder.getAddress().getPort())) {
            dynamo.putItem(r -> r.tableName("t").item(Map.of("id", AttributeValue.fromS("a"))));
        }

        assertThat(signedHeaders(seen.get(0))).contains("content-length");
    }

    @Test
    void readsAndConditionalWritesThroughItBehaveAsBeforeAgainstTheStore() {
        String table = "buffered-" + UUID.randomUUID();
        try (DynamoDbClient dynamo = client(DataStores.shared().dynamo().endpoint(), new BufferedRequestBodies())) {
            dynamo.createTable(r -> r.tableName(table)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder()
                            .attributeName("id")
                            .attributeType(ScalarAttributeType.S)
                            .build())
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
            dynamo.waiter().waitUntilTableExists(r -> r.tableName(table));
            Map<String, AttributeValue> item =
                    Map.of("id", AttributeValue.fromS("a"), "text", AttributeValue.fromS("é".repeat(3000)));

            dynamo.putItem(r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(id)"));

            assertThat(dynamo.getItem(r -> r.tableName(table)
                                    .key(Map.of("id", AttributeValue.fromS("a")))
                                    .consistentRead(true))
                            .item())
                    .isEqualTo(item);
            assertThatThrownBy(() -> dynamo.putItem(
                            r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(id)")))
                    .isInstanceOf(ConditionalCheckFailedException.class);
        }
    }

    private static List<String> signedHeaders(Seen request) {
        String authorization = request.header("Authorization");
        String signed = authorization.replaceAll(".*SignedHeaders=([^,]*).*", "$1");
        return List.of(signed.split(";"));
    }

    private static DynamoDbClient client(String endpoint, ExecutionInterceptor... interceptors) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.executionInterceptors(List.of(interceptors)))
                .build();
    }

    private HttpServer recorder() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                try (exchange;
                        InputStream in = exchange.getRequestBody()) {
                    seen.add(new Seen(Map.copyOf(exchange.getRequestHeaders()), in.readAllBytes()));
                    byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.0");
                    exchange.sendResponseHeaders(200, answer.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(answer);
                    }
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
