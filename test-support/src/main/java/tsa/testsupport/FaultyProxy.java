package tsa.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real HTTP proxy in front of a real server (dynalite, a service) that can be told to misbehave for the next
 * requests: answer with a given status and body without forwarding ({@link #failNext}), forward after a delay
 * ({@link #delayNext}), or close the connection without answering ({@link #dropNext}); or misbehave for every request
 * until healed ({@link #throttleAll}, {@link #dropAll}). Faults are queued and each
 * request takes the next one; once the queue is empty every request is forwarded unchanged. {@link #requests()}
 * counts every request that reached the proxy, faulty or forwarded. Used for throttling metrics and, later, the
 * resilience suite.
 */
public final class FaultyProxy implements AutoCloseable {

    /** DynamoDB's throttling refusal, as the JSON protocol sends it (HTTP 400). */
    public static final String DYNAMO_THROTTLED_BODY =
            "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException\","
                    + "\"message\":\"The level of configured provisioned throughput for the table was exceeded.\"}";

    /** Headers that java.net.http sets itself and refuses to copy. */
    private static final Set<String> RESTRICTED =
            Set.of("host", "content-length", "connection", "expect", "upgrade", "transfer-encoding");

    private sealed interface Fault {}

    private record Answer(int status, String contentType, String body) implements Fault {}

    private record Delay(Duration delay) implements Fault {}

    private record Drop() implements Fault {}

    private final URI target;
    private final HttpServer server;
    private final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Deque<Fault> faults = new ConcurrentLinkedDeque<>();
    private final AtomicInteger requests = new AtomicInteger();
    /** The fault every request meets once the queue is empty, until {@link #heal}: an outage, not a blip. */
    private final AtomicReference<Fault> standing = new AtomicReference<>();

    private FaultyProxy(URI target, HttpServer server) {
        this.target = target;
        this.server = server;
    }

    /** Starts a proxy on a free local port that forwards to {@code target} (scheme, host and port). */
    public static FaultyProxy start(String target) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FaultyProxy proxy = new FaultyProxy(URI.create(target), server);
            server.createContext("/", proxy::handle);
            server.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread thread = new Thread(r, "faulty-proxy");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The proxy's base URL, to configure in place of the target's. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code count} requests are answered with {@code status} and a JSON {@code body}, not forwarded. */
    public FaultyProxy failNext(int count, int status, String body) {
        for (int i = 0; i < count; i++) {
            faults.add(new Answer(status, "application/x-amz-json-1.0", body));
        }
        return this;
    }

    /** The next {@code count} DynamoDB requests are refused as throttled (HTTP 400, ProvisionedThroughputExceeded). */
    public FaultyProxy throttleNext(int count) {
        return failNext(count, 400, DYNAMO_THROTTLED_BODY);
    }

    /** The next {@code count} requests are forwarded only after {@code delay}. */
    public FaultyProxy delayNext(int count, Duration delay) {
        for (int i = 0; i < count; i++) {
            faults.add(new Delay(delay));
        }
        return this;
    }

    /** The next {@code count} requests get their connection closed without any answer. */
    public FaultyProxy dropNext(int count) {
        for (int i = 0; i < count; i++) {
            faults.add(new Drop());
        }
        return this;
    }

    /** From now until {@link #heal}, every request is refused as throttled. */
    public FaultyProxy throttleAll() {
        standing.set(new Answer(400, "application/x-amz-json-1.0", DYNAMO_THROTTLED_BODY));
        return this;
    }

    /** From now until {@link #heal}, every request has its connection closed without an answer: the store is down. */
    public FaultyProxy dropAll() {
        standing.set(new Drop());
        return this;
    }

    /** Forgets the faults not yet used and ends a standing one. */
    public FaultyProxy heal() {
        standing.set(null);
        faults.clear();
        return this;
    }

    /** Requests that reached the proxy so far. */
    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Fault fault = faults.poll();
            if (fault == null) {
                fault = standing.get();
            }
            if (fault instanceof Drop) {
                // Closing the exchange before sending headers closes the connection: the client sees no response.
                exchange.close();
                return;
            }
            if (fault instanceof Answer answer) {
                byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", answer.contentType());
                exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
                write(exchange, bytes);
                return;
            }
            if (fault instanceof Delay delay) {
                Thread.sleep(delay.delay().toMillis());
            }
            forward(exchange, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException, InterruptedException {
        URI uri = target.resolve(exchange.getRequestURI().toString());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        response.headers().map().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, List.copyOf(values));
            }
        });
        byte[] bytes = response.body();
        exchange.sendResponseHeaders(response.statusCode(), bytes.length == 0 ? -1 : bytes.length);
        write(exchange, bytes);
    }

    private static void write(HttpExchange exchange, byte[] bytes) throws IOException {
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
