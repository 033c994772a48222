package tsa.coach.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import tsa.testsupport.ContractOperations;
import tsa.testsupport.ContractResponses;

/**
 * sync-service's {@code POST /internal/profile-changes} as a real HTTP server on a free port, which coach-service's
 * generated client is pointed at. It answers 202 with a receipt, or 503 for the coach ids it is told to fail, and
 * records every attempt. Tests steer and read it over HTTP ({@code /control/...}), so nothing depends on which
 * class loader a test runs in.
 */
public class SyncServiceStub implements QuarkusTestResourceLifecycleManager {

    /** The configuration key of the generated sync-service client's base URL. */
    public static final String URL_KEY = "quarkus.rest-client.sync_service_yaml.url";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CONTRACT = ContractOperations.contract("sync-service");

    /** Answers that did not match the contract. */
    private final List<String> violations = new CopyOnWriteArrayList<>();

    private final List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the sync-service stub", e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/internal/profile-changes", this::profileChange);
        server.createContext("/control/fail", this::fail);
        server.createContext("/control/received", this::received);
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

    private void profileChange(HttpExchange exchange) throws IOException {
        Map<String, Object> change;
        try (InputStream in = exchange.getRequestBody()) {
            change = JSON.readValue(in, new TypeReference<LinkedHashMap<String, Object>>() { });
        }
        String coachId = String.valueOf(change.get("coachId"));
        boolean fail = failing.contains(coachId);
        Map<String, Object> record = new LinkedHashMap<>(change);
        record.put("_method", exchange.getRequestMethod());
        record.put("_contentType", exchange.getRequestHeaders().getFirst("Content-Type"));
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        record.put("_groups", tokenPart(authorization, 1).getOrDefault("groups", List.of()));
        record.put("_subject", tokenPart(authorization, 1).get("sub"));
        record.put("_keyId", tokenPart(authorization, 0).get("kid"));
        record.put("_answered", fail ? 503 : 202);
        received.add(record);
        if (fail) {
            answer(exchange, 503, "application/problem+json", Map.of("type", "urn:tsa:problem:unavailable",
                    "title", "Service unavailable", "status", 503));
        } else {
            answer(exchange, 202, "application/json", Map.of("syncId", UUID.randomUUID().toString(),
                    "coachId", coachId, "version", change.get("version"), "syncStatus", "pending"));
        }
    }

    /** {@code PUT /control/fail?coachId=X} fails that coach's changes; {@code DELETE} stops failing them. */
    private void fail(HttpExchange exchange) throws IOException {
        String coachId = query(exchange, "coachId");
        if ("DELETE".equals(exchange.getRequestMethod())) {
            failing.remove(coachId);
        } else {
            failing.add(coachId);
        }
        respond(exchange, 204, null, null);
    }

    /** {@code GET /control/received?coachId=X}: every attempt for that coach, in arrival order. */
    private void received(HttpExchange exchange) throws IOException {
        String coachId = query(exchange, "coachId");
        List<Map<String, Object>> mine = new ArrayList<>();
        for (Map<String, Object> r : received) {
            if (coachId.equals(r.get("coachId"))) {
                mine.add(r);
            }
        }
        respond(exchange, 200, "application/json", mine);
    }

    /**
     * A part of the bearer token (0 the header, 1 the claims), read, not verified: the point is which token
     * coach-service sends (its role, its own name as {@code sub}, its own key's {@code kid}).
     */
    private static Map<String, Object> tokenPart(String authorization, int part) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Map.of();
        }
        String[] parts = authorization.substring(7).split("\\.");
        if (parts.length < 2) {
            return Map.of();
        }
        try {
            return JSON.readValue(Base64.getUrlDecoder().decode(parts[part]),
                    new TypeReference<Map<String, Object>>() { });
        } catch (IOException | IllegalArgumentException e) {
            return Map.of();
        }
    }

    private static String query(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        }
        return "";
    }

    /**
     * An answer to an operation of the contract, checked against it first: an answer the real service would never
     * give is refused (500, so the call fails) and fails the test run when the stand-in stops.
     */
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
}
