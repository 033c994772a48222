package tsa.coach.onboarding;

import static tsa.testsupport.ContractStandIn.jsonBody;
import static tsa.testsupport.ContractStandIn.respond;
import static tsa.testsupport.ContractStandIn.tokenPart;

import com.sun.net.httpserver.HttpExchange;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tsa.testsupport.ContractStandIn;
import tsa.testsupport.ProjectLayout;

/**
 * admin-service's two internal coach-invitation operations ({@code GET /internal/coach-invitations/{id}} and
 * {@code POST .../{id}/accept}) and its {@code POST /internal/audit-records} (the records of admins' reads, kept in
 * memory and read back at {@code GET /control/audit-records}) as a real HTTP server on a free port, which coach-service's generated client is pointed
 * at (the port is chosen before the application starts, so the client's URL is fixed and reliable). Invitations live
 * in memory with admin-service's rules: accept is idempotent, an expired or cancelled invitation is 409. Tests steer
 * and read it over HTTP ({@code /control/...}), so nothing depends on which class loader a test runs in.
 */
public class AdminServiceStub implements QuarkusTestResourceLifecycleManager {

    /** The configuration key of the generated admin-service client's base URL. */
    public static final String URL_KEY = "quarkus.rest-client.admin_service_yaml.url";

    private static final String PREFIX = "/internal/coach-invitations/";

    private final ContractStandIn http = new ContractStandIn("admin-service");
    private final Map<String, Map<String, Object>> invitations = new ConcurrentHashMap<>();
    private final AtomicBoolean outage = new AtomicBoolean();
    private final List<Map<String, Object>> auditRecords = new CopyOnWriteArrayList<>();

    /** The resource types admin-service takes: the pattern of its contract's {@code resourceType}. */
    private static final Pattern RESOURCE_TYPES = resourceTypes();

    @Override
    public Map<String, String> start() {
        return Map.of(
                URL_KEY,
                http.start(
                        8,
                        Map.of(
                                PREFIX,
                                this::internal,
                                "/control/invitations",
                                this::controlInvitations,
                                "/control/outage",
                                this::controlOutage,
                                "/internal/audit-records",
                                this::auditRecord,
                                "/control/audit-records",
                                this::controlAuditRecords)));
    }

    @Override
    public void stop() {
        http.stop();
    }

    /** The two operations coach-service calls. */
    private void internal(HttpExchange exchange) throws IOException {
        String rest = exchange.getRequestURI().getPath().substring(PREFIX.length());
        boolean accept = rest.endsWith("/accept");
        String id = accept ? rest.substring(0, rest.length() - "/accept".length()) : rest;
        Map<String, Object> invitation = invitations.get(id);
        if (invitation != null) {
            synchronized (invitation) {
                invitation.put("_lastGroups", tokenPart(exchange, 1).getOrDefault("groups", List.of()));
                invitation.put("_lastSubject", tokenPart(exchange, 1).get("sub"));
                invitation.put("_lastKeyId", tokenPart(exchange, 0).get("kid"));
                String counter = accept ? "_acceptCalls" : "_readCalls";
                invitation.put(counter, ((Integer) invitation.getOrDefault(counter, 0)) + 1);
            }
        }
        if (outage.get()) {
            http.problem(exchange, 503, "unavailable");
            return;
        }
        if (invitation == null) {
            http.problem(exchange, 404, "not-found");
            return;
        }
        if (!accept && "GET".equals(exchange.getRequestMethod())) {
            http.answer(exchange, 200, "application/json", view(invitation));
            return;
        }
        if (!accept || !"POST".equals(exchange.getRequestMethod())) {
            http.problem(exchange, 405, "method-not-allowed");
            return;
        }
        synchronized (invitation) {
            if (Boolean.TRUE.equals(invitation.remove("_cancelOnAccept"))) {
                invitation.put("invitationStatus", "cancelled");
            }
            String status = (String) invitation.get("invitationStatus");
            if ("sent".equals(status)) {
                invitation.put("invitationStatus", "accepted");
                invitation.put(
                        "acceptedAt",
                        Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            } else if (!"accepted".equals(status)) {
                http.problem(exchange, 409, "conflict");
                return;
            }
        }
        http.answer(exchange, 200, "application/json", view(invitation));
    }

    /**
     * {@code POST /control/invitations} {coachEmail, schoolId?, sport?, permissions?} creates a sent invitation and answers it;
     * {@code GET /control/invitations/{id}} answers it with its counters; {@code PUT /control/invitations/{id}?status=X}
     * sets its status; {@code PUT /control/invitations/{id}?cancelOnAccept=true} makes the next accept find it
     * cancelled (an admin cancelled it between onboarding's check and its accept).
     */
    private void controlInvitations(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/control/invitations") && "POST".equals(method)) {
            Map<String, Object> request = jsonBody(exchange);
            Map<String, Object> invitation = new LinkedHashMap<>();
            String id = UUID.randomUUID().toString();
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            invitation.put("invitationId", id);
            invitation.put("coachId", UUID.randomUUID().toString());
            invitation.put("adminEmail", "admin@tsa.example");
            invitation.put("coachEmail", request.get("coachEmail"));
            invitation.put("firstName", request.getOrDefault("firstName", "Casey"));
            invitation.put("lastName", request.getOrDefault("lastName", "Jordan"));
            invitation.put("schoolId", request.getOrDefault("schoolId", "255901001"));
            invitation.put("schoolName", "TSA Austin Sports Academy");
            invitation.put("sport", request.getOrDefault("sport", "basketball"));
            invitation.put("permissions", request.getOrDefault("permissions", List.of("invite_parents")));
            invitation.put("invitationStatus", "sent");
            invitation.put("mailStatus", "sent");
            invitation.put("sentAt", now.toString());
            invitation.put("expiresAt", now.plus(Duration.ofDays(7)).toString());
            invitations.put(id, invitation);
            respond(exchange, 201, "application/json", view(invitation));
            return;
        }
        String id = path.substring("/control/invitations/".length());
        Map<String, Object> invitation = invitations.get(id);
        if (invitation == null) {
            respond(exchange, 404, null, null);
            return;
        }
        if ("PUT".equals(method)) {
            String query = exchange.getRequestURI().getQuery();
            synchronized (invitation) {
                if (query != null && query.startsWith("status=")) {
                    invitation.put("invitationStatus", query.substring("status=".length()));
                } else if ("cancelOnAccept=true".equals(query)) {
                    invitation.put("_cancelOnAccept", true);
                }
            }
            respond(exchange, 204, null, null);
            return;
        }
        synchronized (invitation) {
            respond(exchange, 200, "application/json", new LinkedHashMap<>(invitation));
        }
    }

    /**
     * {@code POST /internal/audit-records}: recorded (201) unless an outage is on (503, nothing recorded) or the
     * resource type is not one admin-service's contract lists (400, as admin-service answers).
     */
    private void auditRecord(HttpExchange exchange) throws IOException {
        Map<String, Object> record = jsonBody(exchange);
        if (outage.get()) {
            http.problem(exchange, 503, "unavailable");
            return;
        }
        if (!RESOURCE_TYPES.matcher(String.valueOf(record.get("resourceType"))).matches()) {
            http.problem(exchange, 400, "validation");
            return;
        }
        Map<String, Object> stored = new LinkedHashMap<>(record);
        stored.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        auditRecords.add(stored);
        http.answer(exchange, 201, "application/json", stored);
    }

    private static Pattern resourceTypes() {
        try {
            String contract = Files.readString(ProjectLayout.root().resolve("contracts/admin-service.yaml"));
            Matcher pattern =
                    Pattern.compile("pattern: '(\\^\\(coach\\|[^']*)'").matcher(contract);
            if (!pattern.find()) {
                throw new IllegalStateException("no resourceType pattern in contracts/admin-service.yaml");
            }
            return Pattern.compile(pattern.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code GET /control/audit-records}: every record received, oldest first. */
    private void controlAuditRecords(HttpExchange exchange) throws IOException {
        respond(exchange, 200, "application/json", List.copyOf(auditRecords));
    }

    /** {@code PUT /control/outage} makes every internal call answer 503 until {@code DELETE /control/outage}. */
    private void controlOutage(HttpExchange exchange) throws IOException {
        outage.set(!"DELETE".equals(exchange.getRequestMethod()));
        respond(exchange, 204, null, null);
    }

    /** The invitation as the contract's {@code CoachInvitation} (without the stub's own counters). */
    private static Map<String, Object> view(Map<String, Object> invitation) {
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
}
