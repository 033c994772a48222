package tsa.sync;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tsa.testsupport.ContractOperations;
import tsa.testsupport.ContractResponses;

/**
 * coach-service's internal profile reads as the reconciliation uses them: {@code GET /internal/profiles?status=}
 * (two profiles a page, cursors "status-page") and {@code GET /internal/profiles/{coachId}} (404 for unknown ids),
 * served from the profiles a test puts here.
 */
public final class CoachServiceStub {

    static final int PAGE_SIZE = 2;
    /** Every answer published here is checked against it first. */
    private static final Path CONTRACT = ContractOperations.contract("coach-service");

    private static final List<String> STATUSES = List.of("active", "inactive", "pending");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Map<String, Object>> PROFILES = new LinkedHashMap<>();
    private static final List<StubMapping> PUBLISHED = new ArrayList<>();

    private CoachServiceStub() {}

    /** No profiles; reachable. */
    public static synchronized void reset() {
        PROFILES.clear();
        publish();
    }

    /** Puts (or replaces) a profile as coach-service would hold it. */
    public static synchronized void put(Map<String, Object> profile) {
        // As coach-service writes it: an absent field is left out, never null (its views are NON_NULL).
        Map<String, Object> stored = new LinkedHashMap<>(profile);
        stored.values().removeIf(java.util.Objects::isNull);
        PROFILES.put((String) profile.get("coachId"), stored);
        publish();
    }

    public static synchronized void remove(String coachId) {
        PROFILES.remove(coachId);
        publish();
    }

    /** Every profile read fails at the connection, as if coach-service were down. */
    public static synchronized void unreachable() {
        unpublish();
        PUBLISHED.add(StubServices.server()
                .stubFor(get(urlPathMatching("/internal/profiles.*"))
                        .atPriority(1)
                        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))));
    }

    /** Forgets the requests received so far (for {@link #pageRequests}). */
    public static synchronized void forgetRequests() {
        StubServices.server().resetRequests();
    }

    /** How many times the page after {@code cursor} of the profiles of {@code status} was asked for, {@code limit} a page. */
    public static int pageRequests(String status, int limit, String cursor) {
        return StubServices.server()
                .findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                                urlPathEqualTo("/internal/profiles"))
                        .withQueryParam("status", equalTo(status))
                        .withQueryParam("limit", equalTo(Integer.toString(limit)))
                        .withQueryParam("cursor", equalTo(cursor)))
                .size();
    }

    /** A profile in the shape of coach-service's {@code CoachProfile}. */
    public static Map<String, Object> profile(
            String coachId,
            long version,
            String firstName,
            String lastName,
            String email,
            String phone,
            String schoolId,
            String status) {
        Map<String, Object> profile = new LinkedHashMap<>();
        profile.put("coachId", coachId);
        profile.put("firstName", firstName);
        profile.put("lastName", lastName);
        profile.put("email", email);
        profile.put("phone", phone);
        profile.put("schoolId", schoolId);
        profile.put("sportSpecialties", List.of("basketball"));
        profile.put("profileStatus", status);
        profile.put("createdAt", "2026-11-20T10:00:00.000Z");
        profile.put("updatedAt", "2026-11-25T10:00:00.000Z");
        profile.put("version", version);
        return profile;
    }

    private static void publish() {
        unpublish();
        var server = StubServices.server();
        for (String status : STATUSES) {
            List<Map<String, Object>> ofStatus = PROFILES.values().stream()
                    .filter(p -> status.equals(p.get("profileStatus")))
                    .toList();
            int pages = Math.max(1, (ofStatus.size() + PAGE_SIZE - 1) / PAGE_SIZE);
            for (int page = 0; page < pages; page++) {
                List<Map<String, Object>> items =
                        ofStatus.subList(page * PAGE_SIZE, Math.min(ofStatus.size(), (page + 1) * PAGE_SIZE));
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("items", items);
                body.put("nextCursor", page + 1 < pages ? status + "-" + (page + 1) : null);
                var request = get(urlPathEqualTo("/internal/profiles"))
                        .atPriority(2)
                        .withQueryParam("status", equalTo(status))
                        .withQueryParam("cursor", page == 0 ? absent() : equalTo(status + "-" + page));
                ContractResponses.assertValid(CONTRACT, "GET", "/internal/profiles", 200, body);
                PUBLISHED.add(server.stubFor(request.willReturn(json(200, body))));
            }
        }
        for (Map<String, Object> profile : PROFILES.values()) {
            ContractResponses.assertValid(
                    CONTRACT, "GET", "/internal/profiles/" + profile.get("coachId"), 200, profile);
            PUBLISHED.add(server.stubFor(get(urlPathEqualTo("/internal/profiles/" + profile.get("coachId")))
                    .atPriority(2)
                    .willReturn(json(200, profile))));
        }
        Map<String, Object> notFound = Map.of("type", "urn:tsa:problem:not-found", "title", "Not found", "status", 404);
        ContractResponses.assertValid(CONTRACT, "GET", "/internal/profiles/unknown", 404, notFound);
        PUBLISHED.add(server.stubFor(get(urlPathMatching("/internal/profiles/.*"))
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
}
