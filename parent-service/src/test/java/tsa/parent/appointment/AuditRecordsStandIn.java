package tsa.parent.appointment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tsa.testsupport.ContractOperations;
import tsa.testsupport.ContractResponses;

/**
 * admin-service's {@code POST /internal/audit-records} as a real HTTP server: it keeps what it was sent and answers
 * as the contract says (201 with the record; during an outage 503, or another refusal the contract names). Tests
 * read and steer it over HTTP ({@code GET /control/records}, {@code PUT /control/outage?status=503|400},
 * {@code DELETE /control/outage}), so no class loader matters. Declared for the whole module (not restricted to one
 * class), so the application is not restarted for it.
 */
public class AuditRecordsStandIn implements QuarkusTestResourceLifecycleManager {

    public static final String URL_KEY = "quarkus.rest-client.admin_service_yaml.url";
    private static final String PATH = "/internal/audit-records";
    private static final Path CONTRACT = ContractOperations.contract("admin-service");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ObjectNode> records = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    /** The status every record is refused with (503 unavailable, 400 refused), or 0 to record. */
    private final AtomicInteger refusal = new AtomicInteger();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the audit-records stand-in", e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext(PATH, this::record);
        server.createContext("/control/records", exchange -> {
            ArrayNode all = JSON.createArrayNode();
            records.forEach(all::add);
            answer(exchange, 200, JSON.writeValueAsString(all));
        });
        server.createContext("/control/outage", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            int status = query != null && query.startsWith("status=") ? Integer.parseInt(query.substring(7)) : 503;
            refusal.set("PUT".equals(exchange.getRequestMethod()) ? status : 0);
            answer(exchange, 204, null);
        });
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
        int refused = refusal.get();
        if (refused != 0) {
            String problem = "{\"type\":\"about:blank\",\"title\":\"Refused\",\"status\":" + refused + "}";
            answerChecked(exchange, refused, problem, "application/problem+json");
            return;
        }
        ObjectNode record;
        try (InputStream in = exchange.getRequestBody()) {
            record = (ObjectNode) JSON.readTree(in);
        }
        records.add(record);
        ObjectNode stored = record.deepCopy();
        stored.put("timestamp", Instant.now().toString());
        answerChecked(exchange, 201, JSON.writeValueAsString(stored), "application/json");
    }

    private void answerChecked(HttpExchange exchange, int status, String body, String type) throws IOException {
        try {
            ContractResponses.assertValid(CONTRACT, "POST", PATH, status, body);
        } catch (AssertionError e) {
            violations.add(e.getMessage());
        }
        exchange.getResponseHeaders().set("Content-Type", type);
        answer(exchange, status, body);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null && !exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
