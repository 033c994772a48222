package tsa.parent.enrollment;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tsa.testsupport.ContractOperations;
import tsa.testsupport.ContractResponses;

/**
 * The three services parent-service calls, as one real HTTP server on a free port that all three generated clients
 * point at: coach-service's parent invitations (read, idempotent accept: expired or cancelled is 409) and profiles,
 * admin-service's audit records, sync-service's student changes. State lives in memory; every answer is checked
 * against the answering service's contract first (an answer outside it is a 500 and fails the run). Tests steer and
 * read it over HTTP ({@code /control/...}), so nothing depends on the class loader a test runs in.
 */
public class OtherServicesStub implements QuarkusTestResourceLifecycleManager {

    public static final String URL_KEY = "quarkus.rest-client.coach_service_yaml.url";

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The status admin-service refuses audit records with, or 0 to record them. */
    private final java.util.concurrent.atomic.AtomicInteger auditRefusal =
            new java.util.concurrent.atomic.AtomicInteger();

    private static final Path COACH = ContractOperations.contract("coach-service");
    private static final Path ADMIN = ContractOperations.contract("admin-service");
    private static final Path SYNC = ContractOperations.contract("sync-service");

    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, Object>> invitations = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> profiles = new ConcurrentHashMap<>();
    private final List<Map<String, Object>> auditRecords = new CopyOnWriteArrayList<>();
    private final List<Map<String, Object>> studentChanges = new CopyOnWriteArrayList<>();
    private final Set<String> down = ConcurrentHashMap.newKeySet();
    private HttpServer server;
    private ExecutorService executor;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the stand-in services", e);
        }
        executor = Executors.newFixedThreadPool(8, work -> {
            Thread thread = new Thread(work, "other-services-stub");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/internal/parent-invitations/", this::invitation);
        server.createContext("/internal/profiles/", this::profile);
        server.createContext("/internal/audit-records", this::auditRecord);
        server.createContext("/internal/student-changes", this::studentChange);
        server.createContext("/control/", this::control);
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        Map<String, String> config = new LinkedHashMap<>();
        config.put(URL_KEY, url);
        config.put("quarkus.rest-client.admin_service_yaml.url", url);
        config.put("quarkus.rest-client.sync_service_yaml.url", url);
        // Outages are switched on and off by tests: keep the circuits closed and the retries quick.
        for (String wrapper : List.of("CoachServiceClient", "SyncServiceClient", "AdminServiceClient")) {
            config.put("tsa.parent.client." + wrapper + "/CircuitBreaker/requestVolumeThreshold", "100000");
            config.put("tsa.parent.client." + wrapper + "/Retry/delay", "10");
            config.put("tsa.parent.client." + wrapper + "/Retry/jitter", "5");
        }
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("the stand-ins answered outside their contracts: " + violations);
        }
    }

    /** coach-service: {@code GET /internal/parent-invitations/{id}} and {@code POST .../{id}/accept}. */
    private void invitation(HttpExchange exchange) throws IOException {
        String rest = exchange.getRequestURI().getPath().substring("/internal/parent-invitations/".length());
        boolean accept = rest.endsWith("/accept");
        String id = accept ? rest.substring(0, rest.length() - "/accept".length()) : rest;
        Map<String, Object> invitation = invitations.get(id);
        if (invitation != null) {
            synchronized (invitation) {
                String counter = accept ? "_acceptCalls" : "_readCalls";
                invitation.put(counter, ((Integer) invitation.getOrDefault(counter, 0)) + 1);
                invitation.put("_lastSubject", subject(exchange));
            }
        }
        if (down.contains("coach")) {
            unreachable(exchange);
            return;
        }
        if (invitation == null) {
            problem(COACH, exchange, 404, "not-found");
            return;
        }
        if (accept) {
            synchronized (invitation) {
                String status = (String) invitation.get("invitationStatus");
                if ("sent".equals(status) || "opened".equals(status)) {
                    invitation.put("invitationStatus", "accepted");
                    invitation.put(
                            "respondedAt",
                            Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
                } else if (!"accepted".equals(status)) {
                    problem(COACH, exchange, 409, "conflict");
                    return;
                }
            }
        }
        answer(COACH, exchange, 200, visible(invitation));
    }

    /** coach-service: {@code GET /internal/profiles/{coachId}}, the whole profile. */
    private void profile(HttpExchange exchange) throws IOException {
        String coachId = exchange.getRequestURI().getPath().substring("/internal/profiles/".length());
        if (down.contains("coach")) {
            unreachable(exchange);
            return;
        }
        Map<String, Object> profile = profiles.get(coachId);
        if (profile == null) {
            problem(COACH, exchange, 404, "not-found");
            return;
        }
        exchange.getResponseHeaders().set("ETag", "\"1\"");
        answer(COACH, exchange, 200, profile);
    }

    /** admin-service: {@code POST /internal/audit-records}, written once per {@code logId}. */
    private void auditRecord(HttpExchange exchange) throws IOException {
        Map<String, Object> record = read(exchange);
        if (down.contains("admin")) {
            unreachable(exchange);
            return;
        }
        int refused = auditRefusal.get();
        if (refused != 0) {
            problem(ADMIN, exchange, refused, refused == 503 ? "unavailable" : "refused");
            return;
        }
        Map<String, Object> stored = new LinkedHashMap<>(record);
        stored.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        auditRecords.add(stored);
        answer(ADMIN, exchange, 201, stored);
    }

    /** sync-service: {@code POST /internal/student-changes}, acknowledged with 202. */
    private void studentChange(HttpExchange exchange) throws IOException {
        Map<String, Object> change = read(exchange);
        change.put("_subject", subject(exchange));
        if (down.contains("sync")) {
            unreachable(exchange);
            return;
        }
        studentChanges.add(change);
        answer(SYNC, exchange, 202, null);
    }

    /**
     * {@code POST /control/invitations} {parentEmail, coachId?, studentName?, sport?, invitationStatus?} and
     * {@code POST /control/profiles} {coachId, schoolId?} create; {@code GET /control/invitations/{id}} answers an
     * invitation with its counters, {@code PUT /control/invitations/{id}?status=X} sets its status;
     * {@code GET /control/audit-records}, {@code GET /control/student-changes} answer what was received;
     * {@code PUT|DELETE /control/outage/{coach|admin|sync}} switch a service's outage on and off;
     * {@code PUT /control/outage?status=503|400|403} makes admin-service refuse every audit record with that status
     * (as its contract allows) until {@code DELETE /control/outage}; {@code GET /control/records} is
     * {@code /control/audit-records}.
     */
    private void control(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/control/outage")) {
            // The audit trail refuses every record with ?status= (default 503) until DELETE.
            String query = exchange.getRequestURI().getQuery();
            int status = query != null && query.startsWith("status=") ? Integer.parseInt(query.substring(7)) : 503;
            auditRefusal.set("DELETE".equals(method) ? 0 : status);
            respond(exchange, 204, null);
        } else if (path.equals("/control/records")) {
            respond(exchange, 200, List.copyOf(auditRecords));
        } else if (path.startsWith("/control/outage/")) {
            String service = path.substring("/control/outage/".length());
            if ("DELETE".equals(method)) {
                down.remove(service);
            } else {
                down.add(service);
            }
            respond(exchange, 204, null);
        } else if (path.equals("/control/invitations") && "POST".equals(method)) {
            Map<String, Object> request = read(exchange);
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            Map<String, Object> invitation = new LinkedHashMap<>();
            String id = UUID.randomUUID().toString();
            invitation.put("invitationId", id);
            invitation.put("coachId", request.getOrDefault("coachId", "coach-" + UUID.randomUUID()));
            invitation.put("parentEmail", request.get("parentEmail"));
            invitation.put("studentName", request.getOrDefault("studentName", "Sam Lopez"));
            invitation.put("sport", request.getOrDefault("sport", "soccer"));
            invitation.put("invitationStatus", request.getOrDefault("invitationStatus", "opened"));
            invitation.put("mailStatus", "sent");
            invitation.put("expiresAt", now.plus(Duration.ofDays(7)).toString());
            invitation.put("sentAt", now.toString());
            invitations.put(id, invitation);
            respond(exchange, 201, invitation);
        } else if (path.equals("/control/profiles") && "POST".equals(method)) {
            Map<String, Object> request = read(exchange);
            String now = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
            Map<String, Object> profile = new LinkedHashMap<>();
            profile.put("coachId", request.get("coachId"));
            profile.put("firstName", "Casey");
            profile.put("lastName", "Jordan");
            profile.put("email", "casey.jordan@tsa.example");
            profile.put("phone", "+1 512 555 0100");
            profile.put("schoolId", request.getOrDefault("schoolId", "255901001"));
            profile.put("sportSpecialties", List.of("soccer", "track"));
            profile.put("profileStatus", "active");
            profile.put("createdAt", now);
            profile.put("updatedAt", now);
            profile.put("version", 1);
            profiles.put((String) profile.get("coachId"), profile);
            respond(exchange, 201, profile);
        } else if (path.startsWith("/control/invitations/")) {
            Map<String, Object> invitation = invitations.get(path.substring("/control/invitations/".length()));
            if (invitation == null) {
                respond(exchange, 404, null);
                return;
            }
            synchronized (invitation) {
                if ("PUT".equals(method)) {
                    invitation.put(
                            "invitationStatus",
                            exchange.getRequestURI().getQuery().substring("status=".length()));
                    respond(exchange, 204, null);
                } else {
                    respond(exchange, 200, new LinkedHashMap<>(invitation));
                }
            }
        } else if (path.equals("/control/audit-records")) {
            respond(exchange, 200, List.copyOf(auditRecords));
        } else if (path.equals("/control/student-changes")) {
            respond(exchange, 200, List.copyOf(studentChanges));
        } else {
            respond(exchange, 404, null);
        }
    }

    private static Map<String, Object> visible(Map<String, Object> invitation) {
        Map<String, Object> view = new LinkedHashMap<>();
        synchronized (invitation) {
            invitation.forEach((name, value) -> {
                if (!name.startsWith("_")) {
                    view.put(name, value);
                }
            });
        }
        return view;
    }

    private static Map<String, Object> read(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            return bytes.length == 0
                    ? new LinkedHashMap<>()
                    : JSON.readValue(bytes, new TypeReference<LinkedHashMap<String, Object>>() {});
        }
    }

    /** The {@code sub} of the bearer token (read, not verified: the point is which service calls). */
    private static String subject(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring(7).split("\\.");
        try {
            Map<String, Object> claims = JSON.readValue(
                    Base64.getUrlDecoder().decode(parts[1]), new TypeReference<Map<String, Object>>() {});
            return (String) claims.get("sub");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** An outage: the connection closes without an answer, as when the service is down or unreachable. */
    private static void unreachable(HttpExchange exchange) {
        exchange.close();
    }

    private void problem(Path contract, HttpExchange exchange, int status, String kind) throws IOException {
        answer(contract, exchange, status, Map.of("type", "urn:tsa:problem:" + kind, "title", kind, "status", status));
    }

    /** An answer of an operation of the contract, checked against it first. */
    private void answer(Path contract, HttpExchange exchange, int status, Object body) throws IOException {
        try {
            ContractResponses.assertValid(
                    contract,
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    status,
                    body);
        } catch (AssertionError invalid) {
            violations.add(invalid.getMessage());
            respond(exchange, 500, invalid.getMessage());
            return;
        }
        if (body instanceof Map<?, ?> map && map.containsKey("type") && status >= 400) {
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        }
        respond(exchange, status, body);
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        if (body != null && !exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
