package tsa.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tsa.testsupport.ContractOperations;
import tsa.testsupport.ContractResponses;

/**
 * parent-service's internal enrollment operations as the reconciliation uses them, served from the enrollments a
 * test puts here: {@code GET /internal/enrollments?enrollmentStatus=} (two a page, cursors "status-page") and
 * {@code POST /internal/enrollments/{id}/activation}. Like parent-service, an activation writes its Ed-Fi rows before
 * it answers: a test hands in what to write ({@link #onActivation}), run by {@link Activations} on the stub's thread.
 */
public final class ParentServiceStub {

    static final int PAGE_SIZE = 2;
    /** Every answer published here is checked against it first. */
    private static final Path CONTRACT = ContractOperations.contract("parent-service");

    private static final List<String> STATUSES = List.of("pending", "active", "completed");
    private static final Pattern ACTIVATION = Pattern.compile("/internal/enrollments/([^/]+)/activation");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Map<String, Object>> ENROLLMENTS = new LinkedHashMap<>();
    private static final Map<String, Activation> ACTIVATIONS = new ConcurrentHashMap<>();
    private static final List<StubMapping> PUBLISHED = new ArrayList<>();

    /** What parent-service's activation of one enrollment writes, and the student id it then carries. */
    public record Activation(String studentUniqueId, Runnable writeEdFiRows) {}

    private ParentServiceStub() {}

    /** No enrollments; reachable. */
    public static synchronized void reset() {
        ENROLLMENTS.clear();
        ACTIVATIONS.clear();
        publish();
    }

    /** Puts (or replaces) an enrollment as parent-service would hold it. */
    public static synchronized void put(Map<String, Object> enrollment) {
        Map<String, Object> stored = new LinkedHashMap<>(enrollment);
        stored.values().removeIf(Objects::isNull);
        ENROLLMENTS.put((String) enrollment.get("enrollmentId"), stored);
        publish();
    }

    /** The activation of this enrollment writes these rows and leaves it carrying this student id. */
    public static synchronized void onActivation(String enrollmentId, String studentUniqueId, Runnable writeEdFiRows) {
        ACTIVATIONS.put(enrollmentId, new Activation(studentUniqueId, writeEdFiRows));
        publish();
    }

    /** Every call fails at the connection, as if parent-service were down. */
    public static synchronized void unreachable() {
        unpublish();
        PUBLISHED.add(StubServices.server()
                .stubFor(any(urlPathMatching("/internal/enrollments.*"))
                        .atPriority(1)
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))));
    }

    /** How often sync-service asked to finish this enrollment's activation. */
    public static int activationCalls(String enrollmentId) {
        return StubServices.server()
                .findAll(postRequestedFor(urlPathEqualTo("/internal/enrollments/" + enrollmentId + "/activation")))
                .size();
    }

    /** An active enrollment in the shape of parent-service's {@code Enrollment}; no student id when null. */
    public static Map<String, Object> active(String enrollmentId, String studentUniqueId) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("enrollmentId", enrollmentId);
        e.put("invitationId", "inv-" + enrollmentId);
        e.put("parentEmail", "parent." + enrollmentId + "@example.com");
        e.put("studentName", "Sam Lopez");
        e.put("studentAge", 11);
        e.put("sport", "basketball");
        e.put("coachId", "coach-of-" + enrollmentId);
        e.put("enrollmentStatus", "active");
        e.put("progressMilestones", List.of("documents", "payment"));
        e.put(
                "milestones",
                List.of(
                        Map.of("milestone", "documents", "completedAt", "2026-11-21T10:00:00.000Z"),
                        Map.of("milestone", "payment", "completedAt", "2026-11-22T10:00:00.000Z")));
        e.put("paymentStatus", "paid");
        e.put("startDate", "2026-08-20");
        e.put("createdAt", "2026-11-20T10:00:00.000Z");
        e.put("studentUniqueId", studentUniqueId);
        return e;
    }

    private static void publish() {
        unpublish();
        var server = StubServices.server();
        for (String status : STATUSES) {
            List<Map<String, Object>> ofStatus = ENROLLMENTS.values().stream()
                    .filter(e -> status.equals(e.get("enrollmentStatus")))
                    .toList();
            int pages = Math.max(1, (ofStatus.size() + PAGE_SIZE - 1) / PAGE_SIZE);
            for (int page = 0; page < pages; page++) {
                List<Map<String, Object>> items =
                        ofStatus.subList(page * PAGE_SIZE, Math.min(ofStatus.size(), (page + 1) * PAGE_SIZE));
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("items", items);
                body.put("nextCursor", page + 1 < pages ? status + "-" + (page + 1) : null);
                ContractResponses.assertValid(CONTRACT, "GET", "/internal/enrollments", 200, body);
                PUBLISHED.add(server.stubFor(get(urlPathEqualTo("/internal/enrollments"))
                        .atPriority(2)
                        .withQueryParam("enrollmentStatus", equalTo(status))
                        .withQueryParam("cursor", page == 0 ? absent() : equalTo(status + "-" + page))
                        .willReturn(json(200, body))));
            }
        }
        for (Map<String, Object> enrollment : ENROLLMENTS.values()) {
            String id = (String) enrollment.get("enrollmentId");
            String path = "/internal/enrollments/" + id + "/activation";
            Activation activation = ACTIVATIONS.get(id);
            if (!"active".equals(enrollment.get("enrollmentStatus"))) {
                continue;
            }
            Map<String, Object> finished = new LinkedHashMap<>(enrollment);
            if (activation != null) {
                finished.put("studentUniqueId", activation.studentUniqueId());
            }
            ContractResponses.assertValid(CONTRACT, "POST", path, 200, finished);
            PUBLISHED.add(
                    server.stubFor(post(urlPathEqualTo(path)).atPriority(2).willReturn(json(200, finished))));
        }
        Map<String, Object> notFound = Map.of("type", "urn:tsa:problem:not-found", "title", "Not found", "status", 404);
        ContractResponses.assertValid(CONTRACT, "POST", "/internal/enrollments/unknown/activation", 404, notFound);
        PUBLISHED.add(server.stubFor(post(urlPathMatching("/internal/enrollments/[^/]+/activation"))
                .atPriority(5)
                .willReturn(json(404, notFound).withHeader("Content-Type", "application/problem+json"))));
    }

    private static void unpublish() {
        PUBLISHED.forEach(StubServices.server()::removeStubMapping);
        PUBLISHED.clear();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, Object body) {
        try {
            return aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes an activation's Ed-Fi rows when its call is answered with 200, before the answer leaves. */
    static final class Activations implements ServeEventListener {

        @Override
        public String getName() {
            return "parent-service-activations";
        }

        @Override
        public void beforeResponseSent(ServeEvent event, Parameters parameters) {
            if (!"POST".equals(event.getRequest().getMethod().value())
                    || event.getResponseDefinition() == null
                    || event.getResponseDefinition().getStatus() != 200) {
                return;
            }
            Matcher m = ACTIVATION.matcher(event.getRequest().getUrl());
            if (m.matches()) {
                Activation activation = ACTIVATIONS.get(m.group(1));
                if (activation != null && activation.writeEdFiRows() != null) {
                    activation.writeEdFiRows().run();
                }
            }
        }
    }
}
