package tsa.coach.profile;

import static tsa.testsupport.ContractStandIn.jsonBody;
import static tsa.testsupport.ContractStandIn.query;
import static tsa.testsupport.ContractStandIn.respond;
import static tsa.testsupport.ContractStandIn.tokenPart;

import com.sun.net.httpserver.HttpExchange;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tsa.testsupport.ContractStandIn;

/**
 * sync-service's {@code POST /internal/profile-changes} as a real HTTP server on a free port, which coach-service's
 * generated client is pointed at. It answers 202 with a receipt, 503 for the coach ids it is told to fail, 400 for
 * those it is told to refuse, and
 * records every attempt. Tests steer and read it over HTTP ({@code /control/...}), so nothing depends on which
 * class loader a test runs in.
 */
public class SyncServiceStub implements QuarkusTestResourceLifecycleManager {

    /** The configuration key of the generated sync-service client's base URL. */
    public static final String URL_KEY = "quarkus.rest-client.sync_service_yaml.url";

    private final ContractStandIn http = new ContractStandIn("sync-service");
    private final List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Set<String> refusing = ConcurrentHashMap.newKeySet();

    @Override
    public Map<String, String> start() {
        return Map.of(
                URL_KEY,
                http.start(
                        4,
                        Map.of(
                                "/internal/profile-changes", this::profileChange,
                                "/control/fail", this::fail,
                                "/control/refuse", this::refuse,
                                "/control/received", this::received)));
    }

    @Override
    public void stop() {
        http.stop();
    }

    private void profileChange(HttpExchange exchange) throws IOException {
        Map<String, Object> change = jsonBody(exchange);
        String coachId = String.valueOf(change.get("coachId"));
        boolean fail = failing.contains(coachId);
        boolean refuse = !fail && refusing.contains(coachId);
        Map<String, Object> record = new LinkedHashMap<>(change);
        record.put("_method", exchange.getRequestMethod());
        record.put("_contentType", exchange.getRequestHeaders().getFirst("Content-Type"));
        record.put("_groups", tokenPart(exchange, 1).getOrDefault("groups", List.of()));
        record.put("_subject", tokenPart(exchange, 1).get("sub"));
        record.put("_keyId", tokenPart(exchange, 0).get("kid"));
        record.put("_answered", fail ? 503 : refuse ? 400 : 202);
        received.add(record);
        if (refuse) {
            http.answer(
                    exchange,
                    400,
                    "application/problem+json",
                    Map.of(
                            "type",
                            "urn:tsa:problem:bad-request",
                            "title",
                            "Bad request",
                            "status",
                            400,
                            "detail",
                            "sportSpecialties: unknown sport"));
        } else if (fail) {
            http.answer(
                    exchange,
                    503,
                    "application/problem+json",
                    Map.of("type", "urn:tsa:problem:unavailable", "title", "Service unavailable", "status", 503));
        } else {
            http.answer(
                    exchange,
                    202,
                    "application/json",
                    Map.of(
                            "syncId",
                            UUID.randomUUID().toString(),
                            "coachId",
                            coachId,
                            "version",
                            change.get("version"),
                            "syncStatus",
                            "pending"));
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

    /** {@code PUT /control/refuse?coachId=X} refuses that coach's changes (400); {@code DELETE} takes them again. */
    private void refuse(HttpExchange exchange) throws IOException {
        String coachId = query(exchange, "coachId");
        if ("DELETE".equals(exchange.getRequestMethod())) {
            refusing.remove(coachId);
        } else {
            refusing.add(coachId);
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
}
