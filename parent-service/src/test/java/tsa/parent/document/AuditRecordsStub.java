package tsa.parent.document;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import tsa.testsupport.ContractOperations;
import tsa.testsupport.ContractResponses;

/**
 * admin-service's {@code POST /internal/audit-records} as a real HTTP server on a free port, which parent-service's
 * generated client is pointed at. It keeps what it was sent and answers as the contract says (each answer checked
 * against admin-service.yaml first); tests read the records and switch an outage on over HTTP
 * ({@code /control/...}), so nothing depends on the class loader a test runs in.
 */
public class AuditRecordsStub implements QuarkusTestResourceLifecycleManager {

    static final String URL_KEY = "quarkus.rest-client.admin_service_yaml.url";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CONTRACT = ContractOperations.contract("admin-service");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<Map<String, Object>> records = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicBoolean outage = new AtomicBoolean();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the audit-records stub", e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/internal/audit-records", this::record);
        server.createContext("/control/records", this::controlRecords);
        server.createContext("/control/outage", this::controlOutage);
        server.start();
        return Map.of(URL_KEY, "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("the stand-in answered outside the contract: " + violations);
        }
    }

    private void record(HttpExchange exchange) throws IOException {
        if (outage.get()) {
            answer(exchange, 503, "application/problem+json",
                    Map.of("type", "urn:tsa:problem:unavailable", "title", "unavailable", "status", 503));
            return;
        }
        Map<String, Object> request;
        try (InputStream in = exchange.getRequestBody()) {
            request = JSON.readValue(in, new TypeReference<LinkedHashMap<String, Object>>() { });
        }
        Map<String, Object> stored = new LinkedHashMap<>(request);
        stored.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        records.add(stored);
        answer(exchange, 201, "application/json", stored);
    }

    /** {@code GET /control/records}: every record received, oldest first. */
    private void controlRecords(HttpExchange exchange) throws IOException {
        respond(exchange, 200, "application/json", List.copyOf(records));
    }

    /** {@code PUT /control/outage}: every audit call answers 503 until {@code DELETE /control/outage}. */
    private void controlOutage(HttpExchange exchange) throws IOException {
        outage.set(!"DELETE".equals(exchange.getRequestMethod()));
        respond(exchange, 204, null, null);
    }

    private void answer(HttpExchange exchange, int status, String contentType, Object body) throws IOException {
        try {
            ContractResponses.assertValid(CONTRACT, exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    status, body);
        } catch (AssertionError invalid) {
            violations.add(invalid.getMessage());
            respond(exchange, 500, "text/plain", invalid.getMessage());
            return;
        }
        respond(exchange, status, contentType, body);
    }

    private static void respond(HttpExchange exchange, int status, String contentType, Object body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Where the running stub is: the application's own configuration says (whatever the class loader). */
    private static String baseUrl() {
        return ConfigProvider.getConfig().getValue(URL_KEY, String.class);
    }

    /** The records received so far (read over HTTP from the running stub). */
    static List<Map<String, Object>> records() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/control/records"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readValue(response.body(), new TypeReference<List<Map<String, Object>>>() { });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The records about one resource (a document id, a parent address). */
    static List<Map<String, Object>> recordsAbout(String documentId) {
        return records().stream().filter(r -> documentId.equals(r.get("resourceId"))).toList();
    }

    static void outage(boolean on) {
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/control/outage"))
                    .method(on ? "PUT" : "DELETE", HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
