package tsa.testsupport;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * The HTTP side of a stand-in for another service: a real server on a free port whose answers to that service's
 * operations are checked against its OpenAPI contract first. An answer the real service would never give is refused
 * (500, so the call fails) and fails the test run when the stand-in stops. Each stub adds only its operations' rules.
 */
public final class ContractStandIn {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String service;
    private final Path contract;
    /** Answers that did not match the contract. */
    private final List<String> violations = new CopyOnWriteArrayList<>();

    private HttpServer server;

    /** A stand-in for {@code service}, checked against {@code contracts/<service>.yaml}. */
    public ContractStandIn(String service) {
        this.service = service;
        this.contract = ContractOperations.contract(service);
    }

    /** Starts serving {@code contexts} (path prefix to handler) with {@code threads} threads; the base URL. */
    public String start(int threads, Map<String, HttpHandler> contexts) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the " + service + " stub", e);
        }
        server.setExecutor(Executors.newFixedThreadPool(threads));
        contexts.forEach(server::createContext);
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Stops serving; fails if any answer was outside the contract. */
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("the stand-in answered outside the contract: " + violations);
        }
    }

    /** An answer to an operation of the contract, checked against it first. */
    public void answer(HttpExchange exchange, int status, String contentType, Object body) throws IOException {
        try {
            ContractResponses.assertValid(
                    contract,
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    status,
                    body);
        } catch (AssertionError invalid) {
            violations.add(invalid.getMessage());
            respond(exchange, 500, "text/plain", invalid.getMessage());
            return;
        }
        respond(exchange, status, contentType, body);
    }

    /** A problem+json answer ({@code urn:tsa:problem:<kind>}), checked like every answer. */
    public void problem(HttpExchange exchange, int status, String kind) throws IOException {
        answer(
                exchange,
                status,
                "application/problem+json",
                Map.of("type", "urn:tsa:problem:" + kind, "title", kind, "status", status));
    }

    /** An answer outside the contract (the stand-in's own {@code /control/...} operations): not checked. */
    public static void respond(HttpExchange exchange, int status, String contentType, Object body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The request's JSON object body. */
    public static Map<String, Object> jsonBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return JSON.readValue(in, new TypeReference<LinkedHashMap<String, Object>>() {});
        }
    }

    /** A query parameter, decoded; empty when absent. */
    public static String query(HttpExchange exchange, String name) {
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
     * A part of the request's bearer token (0 the header, 1 the claims), read, not verified: the point is which
     * token the caller sends (its role, its own name as {@code sub}, its own key's {@code kid}).
     */
    public static Map<String, Object> tokenPart(HttpExchange exchange, int part) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Map.of();
        }
        String[] parts = authorization.substring(7).split("\\.");
        if (parts.length < 2) {
            return Map.of();
        }
        try {
            return JSON.readValue(
                    Base64.getUrlDecoder().decode(parts[part]), new TypeReference<Map<String, Object>>() {});
        } catch (IOException | IllegalArgumentException e) {
            return Map.of();
        }
    }
}
