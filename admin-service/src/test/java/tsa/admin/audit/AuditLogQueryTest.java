package tsa.admin.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.admin.audit.AuditApi.get;
import static tsa.admin.audit.AuditApi.list;
import static tsa.admin.audit.AuditApi.newLogId;
import static tsa.admin.audit.AuditApi.read;
import static tsa.admin.audit.AuditApi.recordBody;
import static tsa.admin.audit.AuditApi.recorded;
import static tsa.admin.audit.AuditApi.uniqueAdmin;
import static tsa.admin.audit.AuditRecordIntakeTest.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.TestTokens;

/**
 * Admins read the audit trail by admin or by action type, newest first, over a {@code [from, to)} range of
 * {@code timestamp}, a page at a time; and one record by id.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
class AuditLogQueryTest {

    @Test
    void anAdminsRecordsComeNewestFirstOnOnePage() {
        String admin = uniqueAdmin();
        List<JsonNode> records = recordSeries(admin, "update", 3);
        recordSeries(uniqueAdmin(), "update", 1);

        Response page = list(Map.of("adminEmail", admin));

        assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
        JsonNode body = read(page);
        assertThat(body.path("items")).containsExactly(records.get(2), records.get(1), records.get(0));
        assertThat(body.has("nextCursor")).isTrue();
        assertThat(body.path("nextCursor").isNull()).isTrue();
        assertThat(read(list(Map.of("adminEmail", admin.toUpperCase()))).path("items"))
                .hasSize(3);
    }

    @Test
    void anUnknownAdminHasAnEmptyTrail() {
        JsonNode body = read(list(Map.of("adminEmail", uniqueAdmin())));
        assertThat(body.path("items")).isEmpty();
        assertThat(body.path("nextCursor").isNull()).isTrue();
    }

    @Test
    void fromIsInclusiveAndToIsExclusive() {
        String admin = uniqueAdmin();
        List<JsonNode> records = recordSeries(admin, "update", 4);
        String second = records.get(1).path("timestamp").asText();
        String fourth = records.get(3).path("timestamp").asText();

        assertThat(logIds(list(Map.of("adminEmail", admin, "from", second, "to", fourth))))
                .containsExactly(logId(records.get(2)), logId(records.get(1)));
        assertThat(logIds(list(Map.of("adminEmail", admin, "from", second))))
                .containsExactly(logId(records.get(3)), logId(records.get(2)), logId(records.get(1)));
        assertThat(logIds(list(Map.of("adminEmail", admin, "to", second)))).containsExactly(logId(records.get(0)));
        assertThat(logIds(list(Map.of("adminEmail", admin, "from", second, "to", second))))
                .isEmpty();
        // Offsets other than Z name the same instants.
        String secondInTexas =
                Instant.parse(second).atOffset(java.time.ZoneOffset.ofHours(-6)).toString();
        assertThat(logIds(list(Map.of("adminEmail", admin, "from", secondInTexas, "to", fourth))))
                .containsExactly(logId(records.get(2)), logId(records.get(1)));
        assertThat(logIds(list(
                        Map.of("adminEmail", admin, "from", "2000-01-01T00:00:00Z", "to", "9999-12-31T23:59:59Z"))))
                .hasSize(4);
    }

    @Test
    void recordsOfAnActionTypeComeNewestFirstWithinTheRange() {
        String admin = uniqueAdmin();
        List<JsonNode> views = recordSeries(admin, "view", 3);
        recordSeries(admin, "create", 1);
        String from = views.get(0).path("timestamp").asText();

        Response page = list(Map.of("actionType", "view", "from", from));

        assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
        JsonNode items = read(page).path("items");
        assertNewestFirstWithin(items, from, null);
        items.forEach(item -> assertThat(item.path("actionType").asText()).isEqualTo("view"));
        assertThat(mine(items, admin)).containsExactly(logId(views.get(2)), logId(views.get(1)), logId(views.get(0)));
    }

    @Test
    void longTrailsArePagedWithTheCursor() {
        String admin = uniqueAdmin();
        List<JsonNode> records = recordSeries(admin, "delete", 5);

        List<List<String>> pages = pages(Map.of("adminEmail", admin, "limit", "2"));

        assertThat(pages).hasSize(3);
        assertThat(pages).extracting(List::size).containsExactly(2, 2, 1);
        assertThat(pages.stream().flatMap(List::stream).toList())
                .containsExactly(
                        logId(records.get(4)),
                        logId(records.get(3)),
                        logId(records.get(2)),
                        logId(records.get(1)),
                        logId(records.get(0)));

        // Exactly one page's worth: the last page says so.
        assertThat(pages(Map.of("adminEmail", admin, "limit", "5"))).hasSize(1);
    }

    @Test
    void pagingByActionTypeWithinARangeVisitsEachRecordOnce() {
        String admin = uniqueAdmin();
        List<JsonNode> records = recordSeries(admin, "delete", 5);
        String from = records.get(0).path("timestamp").asText();
        String to = records.get(4).path("timestamp").asText();

        List<String> seen = new ArrayList<>();
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query =
                    new LinkedHashMap<>(Map.of("actionType", "delete", "from", from, "to", to, "limit", "2"));
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonNode page = read(list(query));
            page.path("items").forEach(item -> {
                items.add(item);
                seen.add(logId(item));
            });
            cursor = page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asText();
        } while (cursor != null);

        assertThat(seen).doesNotHaveDuplicates();
        assertNewestFirstWithin(AuditApi.JSON.valueToTree(items), from, to);
        assertThat(mine(AuditApi.JSON.valueToTree(items), admin))
                .containsExactly(
                        logId(records.get(3)), logId(records.get(2)), logId(records.get(1)), logId(records.get(0)));
    }

    @Test
    void oneRecordByIdAndUnknownIdsAreNotFound() {
        JsonNode stored = recorded(recordBody(newLogId(), uniqueAdmin(), "create"));

        Response found = get(logId(stored));
        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(read(found)).isEqualTo(stored);

        assertProblem(get(newLogId()), 404);
        assertProblem(get("not a log id"), 404);
        assertProblem(get("x".repeat(3000)), 404);
    }

    @Test
    void onlyAdminsReadTheTrail() {
        for (String token : List.of(
                TestTokens.coach("coach.a@tsa.example", "coach-a", "invitation-a"),
                TestTokens.parent("parent.a@tsa.example", "invitation-p"),
                TestTokens.anyService())) {
            assertProblem(
                    given().auth()
                            .oauth2(token)
                            .queryParam("actionType", "view")
                            .get("/api/admin/audit-logs"),
                    403);
            assertProblem(given().auth().oauth2(token).get("/api/admin/audit-logs/{id}", newLogId()), 403);
        }
        assertProblem(given().queryParam("actionType", "view").get("/api/admin/audit-logs"), 401);
        assertProblem(given().get("/api/admin/audit-logs/{id}", newLogId()), 401);
    }

    @Test
    void badQueriesAreRefused() {
        String admin = uniqueAdmin();
        recordSeries(admin, "update", 3);
        String otherAdmin = uniqueAdmin();
        recordSeries(otherAdmin, "update", 3);
        String adminCursor = read(list(Map.of("adminEmail", admin, "limit", "1")))
                .path("nextCursor")
                .asText();
        String otherCursor = read(list(Map.of("adminEmail", otherAdmin, "limit", "1")))
                .path("nextCursor")
                .asText();
        assertThat(adminCursor).isNotBlank();
        assertThat(otherCursor).isNotBlank();

        assertProblem(list(Map.of()), 400);
        assertProblem(list(Map.of("limit", "5")), 400);
        assertProblem(list(Map.of("adminEmail", admin, "actionType", "update")), 400);
        assertProblem(list(Map.of("actionType", "approve")), 400);
        assertProblem(list(Map.of("adminEmail", "not-an-address")), 400);
        assertProblem(list(Map.of("adminEmail", admin, "from", "yesterday")), 400);
        assertProblem(list(Map.of("adminEmail", admin, "to", "2024-13-01T00:00:00Z")), 400);
        assertProblem(list(Map.of("adminEmail", admin, "from", "2024-12-01")), 400);
        assertProblem(
                list(Map.of("adminEmail", admin, "from", "2024-12-02T00:00:00Z", "to", "2024-12-01T00:00:00Z")), 400);
        for (String limit : List.of("0", "101", "-1", "ten", "1.5")) {
            assertProblem(list(Map.of("adminEmail", admin, "limit", limit)), 400);
        }
        assertProblem(list(Map.of("adminEmail", admin, "cursor", "not a cursor!")), 400);
        assertProblem(list(Map.of("adminEmail", admin, "cursor", "x".repeat(3000))), 400);
        // Cursors handed out for another admin, another index or another range.
        assertProblem(list(Map.of("adminEmail", admin, "cursor", otherCursor)), 400);
        assertProblem(list(Map.of("actionType", "update", "cursor", adminCursor)), 400);
        assertProblem(list(Map.of("adminEmail", admin, "to", "2000-01-01T00:00:00Z", "cursor", adminCursor)), 400);
        // The right cursor still works.
        assertThat(list(Map.of("adminEmail", admin, "limit", "1", "cursor", adminCursor))
                        .statusCode())
                .isEqualTo(200);
    }

    /** Records {@code count} actions of one admin, oldest first, with distinct timestamps. */
    private static List<JsonNode> recordSeries(String admin, String actionType, int count) {
        List<JsonNode> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(recorded(recordBody(newLogId(), admin, actionType)));
        }
        return records;
    }

    /** The log ids of every page of a query, following the cursor. */
    private static List<List<String>> pages(Map<String, String> query) {
        List<List<String>> pages = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> next = new HashMap<>(query);
            if (cursor != null) {
                next.put("cursor", cursor);
            }
            Response response = list(next);
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
            JsonNode page = read(response);
            pages.add(logIds(page.path("items")));
            cursor = page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asText();
        } while (cursor != null);
        return pages;
    }

    private static void assertNewestFirstWithin(JsonNode items, String from, String to) {
        String previous = null;
        for (JsonNode item : items) {
            String timestamp = item.path("timestamp").asText();
            assertThat(timestamp).isGreaterThanOrEqualTo(from);
            if (to != null) {
                assertThat(timestamp).isLessThan(to);
            }
            if (previous != null) {
                assertThat(timestamp).isLessThanOrEqualTo(previous);
            }
            previous = timestamp;
        }
    }

    /** The log ids of the items recorded for this test's admin (other tests share the action types). */
    private static List<String> mine(JsonNode items, String admin) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> {
            if (item.path("adminEmail").asText().equals(admin)) {
                ids.add(logId(item));
            }
        });
        return ids;
    }

    private static List<String> logIds(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return logIds(read(response).path("items"));
    }

    private static List<String> logIds(JsonNode items) {
        List<String> ids = new ArrayList<>();
        items.forEach(item -> ids.add(logId(item)));
        return ids;
    }

    private static String logId(JsonNode record) {
        return record.path("logId").asText();
    }
}
