package tsa.admin.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.admin.audit.AuditApi.JSON;
import static tsa.admin.audit.AuditApi.TIMESTAMP;
import static tsa.admin.audit.AuditApi.get;
import static tsa.admin.audit.AuditApi.list;
import static tsa.admin.audit.AuditApi.newLogId;
import static tsa.admin.audit.AuditApi.read;
import static tsa.admin.audit.AuditApi.record;
import static tsa.admin.audit.AuditApi.recordBody;
import static tsa.admin.audit.AuditApi.uniqueAdmin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import tsa.testsupport.MovableClock;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.TestTokens;

/** Other services record admins' actions through {@code POST /internal/audit-records}, once per {@code logId}. */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
class AuditRecordIntakeTest {

    @Test
    void aServiceRecordsAnAdminsActionWhichAdminsCanThenRead() {
        String logId = newLogId();
        ObjectNode body = recordBody(logId, uniqueAdmin(), "update");
        Instant before = MovableClock.INSTANCE.instant().minusMillis(1);

        Response created = record(body);
        Instant after = MovableClock.INSTANCE.instant();

        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        assertThat(created.contentType()).startsWith("application/json");
        JsonNode stored = read(created);
        String timestamp = stored.path("timestamp").asText();
        assertThat(timestamp).matches(TIMESTAMP);
        assertThat(Instant.parse(timestamp)).isBetween(before, after);
        assertThat(stored).isEqualTo(body.deepCopy().put("timestamp", timestamp));

        Response read = get(logId);
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(read(read)).isEqualTo(stored);
    }

    @Test
    void onlyTheRequiredFieldsAreNeededAndAddressesAreStoredLowerCased() {
        String logId = newLogId();
        String admin = uniqueAdmin();
        ObjectNode body = JSON.createObjectNode()
                .put("logId", logId)
                .put("adminEmail", admin.toUpperCase())
                .put("actionType", "create")
                .put("resourceType", "coach_invitation")
                .put("actionDescription", "Invited a coach")
                .put("sessionId", "jti-1");

        Response created = record(body);

        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        JsonNode stored = read(created);
        assertThat(stored)
                .isEqualTo(body.deepCopy()
                        .put("adminEmail", admin)
                        .put("timestamp", stored.path("timestamp").asText()));
        assertThat(read(get(logId))).isEqualTo(stored);
    }

    @Test
    void aRetryWithTheSameLogIdRecordsOnceAndAnswersTheStoredRecord() {
        String logId = newLogId();
        String admin = uniqueAdmin();
        ObjectNode body = recordBody(logId, admin, "update");
        // DynamoDB keeps numbers in its own normal form: 2.0 is stored and read as 2, and is still the same content.
        ((ObjectNode) body.get("afterState")).put("score", 2.0);

        Response first = record(body);
        MovableClock.INSTANCE.advance(Duration.ofMillis(3)); // a retry comes later; its record must not
        Response retry = record(body);

        assertThat(first.statusCode()).as(first.asString()).isEqualTo(201);
        assertThat(retry.statusCode()).as(retry.asString()).isEqualTo(200);
        assertThat(read(retry).path("timestamp")).isEqualTo(read(first).path("timestamp"));
        assertThat(read(retry).path("logId").asText()).isEqualTo(logId);
        JsonNode items = read(list(Map.of("adminEmail", admin))).path("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("logId").asText()).isEqualTo(logId);
    }

    @Test
    void concurrentRetriesOfOneRecordWriteItOnce() throws Exception {
        String logId = newLogId();
        String admin = uniqueAdmin();
        String body = AuditApi.write(recordBody(logId, admin, "delete"));
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                attempts.add(() -> record(body).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> status : pool.invokeAll(attempts)) {
                statuses.add(status.get());
            }
            assertThat(statuses).containsOnly(200, 201).containsOnlyOnce(201);
        } finally {
            pool.shutdownNow();
        }
        assertThat(read(list(Map.of("adminEmail", admin))).path("items")).hasSize(1);
    }

    @Test
    void theSameLogIdWithOtherContentIsAConflictAndTheFirstRecordStands() {
        String logId = newLogId();
        ObjectNode body = recordBody(logId, uniqueAdmin(), "update");
        JsonNode stored = read(record(body));

        for (ObjectNode other : List.of(
                body.deepCopy().put("actionDescription", "Something else"),
                body.deepCopy().put("actionType", "delete"),
                body.deepCopy().put("outcome", "failed"),
                (ObjectNode) body.deepCopy()
                        .set("afterState", JSON.createObjectNode().put("profile_status", "active")),
                (ObjectNode) body.deepCopy().without("beforeState"))) {
            Response conflict = record(other);
            assertThat(conflict.statusCode()).as(conflict.asString()).isEqualTo(409);
            assertThat(conflict.contentType()).startsWith("application/problem+json");
            assertThat(read(conflict).path("status").asInt()).isEqualTo(409);
        }
        assertThat(read(get(logId))).isEqualTo(stored);
    }

    @Test
    void userTokensAreRefusedAndAnonymousCallersMustAuthenticate() {
        String logId = newLogId();
        String body = AuditApi.write(recordBody(logId, uniqueAdmin(), "create"));
        for (String userToken : List.of(
                TestTokens.admin("admin@tsa.example"),
                TestTokens.coach("coach.a@tsa.example", "coach-a", "invitation-a"),
                TestTokens.parent("parent.a@tsa.example", "invitation-p"))) {
            Response refused = given().auth()
                    .oauth2(userToken)
                    .contentType("application/json")
                    .body(body)
                    .post("/internal/audit-records");
            assertProblem(refused, 403);
        }
        assertProblem(given().contentType("application/json").body(body).post("/internal/audit-records"), 401);
        assertProblem(
                given().auth()
                        .oauth2(TestTokens.serviceRoleSignedWithUserKey())
                        .contentType("application/json")
                        .body(body)
                        .post("/internal/audit-records"),
                401);
        assertProblem(get(logId), 404);
    }

    /** Issue 27: only the services that record admins' writes may add to the trail, each under its own name. */
    @Test
    void onlyTheRecordingServicesMayAddRecordsEachUnderItsOwnName() {
        String logId = newLogId();
        String body = AuditApi.write(recordBody(logId, uniqueAdmin(), "create"));
        // admin-service writes its own records directly; a token of its own key may not forge one here.
        assertProblem(
                given().auth()
                        .oauth2(TestTokens.service("admin-service"))
                        .contentType("application/json")
                        .body(body)
                        .post("/internal/audit-records"),
                403);
        // Nor may it sign a token that claims to be a service that does record.
        assertProblem(
                given().auth()
                        .oauth2(TestTokens.serviceClaimingToBe("sync-service", "admin-service"))
                        .contentType("application/json")
                        .body(body)
                        .post("/internal/audit-records"),
                401);
        assertProblem(get(logId), 404);

        for (String recorder : List.of("coach-service", "parent-service", "sync-service")) {
            String own = newLogId();
            Response recorded = given().auth()
                    .oauth2(TestTokens.service(recorder))
                    .contentType("application/json")
                    .body(AuditApi.write(recordBody(own, uniqueAdmin(), "update")))
                    .post("/internal/audit-records");
            assertThat(recorded.statusCode())
                    .as(recorder + ": " + recorded.asString())
                    .isEqualTo(201);
        }
    }

    @Test
    void malformedBodiesAreRefusedAndNothingIsRecorded() {
        String logId = newLogId();
        ObjectNode valid = recordBody(logId, uniqueAdmin(), "update");

        assertProblem(record("{\"logId\": \"" + logId + "\", "), 400);
        assertProblem(record("[]"), 400);
        assertProblem(record("{}"), 400);
        assertProblem(
                given().auth()
                        .oauth2(TestTokens.service("sync-service"))
                        .contentType("application/json")
                        .post("/internal/audit-records"),
                400);

        assertFieldRefused(valid.deepCopy().put("beforeState", "active"), "beforeState");
        assertFieldRefused(
                (ObjectNode) valid.deepCopy()
                        .set("afterState", JSON.createArrayNode().add(1)),
                "afterState");
        assertFieldRefused(
                (ObjectNode)
                        valid.deepCopy().set("logId", JSON.createObjectNode().put("a", 1)),
                "logId");
        assertFieldRefused((ObjectNode) valid.deepCopy().set("sessionId", JSON.createArrayNode()), "sessionId");
        for (String required :
                List.of("logId", "adminEmail", "actionType", "resourceType", "actionDescription", "sessionId")) {
            assertFieldRefused(valid.deepCopy().without(required), required);
            assertFieldRefused(valid.deepCopy().putNull(required), required);
        }
        assertFieldRefused(valid.deepCopy().put("actionType", "approve"), "actionType");
        assertFieldRefused(valid.deepCopy().put("adminEmail", "not-an-address"), "adminEmail");
        assertFieldRefused(valid.deepCopy().put("logId", "has spaces"), "logId");
        assertFieldRefused(valid.deepCopy().put("logId", "x".repeat(65)), "logId");
        assertFieldRefused(valid.deepCopy().put("outcome", "maybe"), "outcome");
        assertFieldRefused(valid.deepCopy().put("resourceType", ""), "resourceType");
        // Only the contract's listed resource types (issue 26): an unlisted one is refused, nothing recorded.
        assertFieldRefused(valid.deepCopy().put("resourceType", "coach_profile"), "resourceType");
        assertFieldRefused(valid.deepCopy().put("actionDescription", "x".repeat(1001)), "actionDescription");
        assertFieldRefused(valid.deepCopy().put("timestamp", "2020-01-01T00:00:00.000Z"), "timestamp");
        assertFieldRefused(valid.deepCopy().put("admin_email", "someone@tsa.example"), "admin_email");

        assertProblem(get(logId), 404);
    }

    private static void assertFieldRefused(ObjectNode body, String field) {
        Response refused = record(body);
        assertProblem(refused, 400);
        assertThat(read(refused).path("errors").findValuesAsText("field"))
                .as(refused.asString())
                .contains(field);
    }

    static void assertProblem(Response response, int status) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.asString()).startsWith("application/problem+json");
        assertThat(read(response).path("status").asInt()).isEqualTo(status);
    }

    @Test
    void aRecordOfAnAddressWithNoEnabledAdministratorRowIsRefusedAndNothingIsRecorded() throws Exception {
        String active = uniqueAdmin();
        String disabled = uniqueAdmin();
        setAdministrator(disabled, "enabled_user = false");
        String revoked = uniqueAdmin();
        setAdministrator(revoked, "status = 'tobedeleted', enabled_user = false");
        String stranger = "stranger-" + newLogId().substring(0, 8) + "@tsa.example";

        for (String admin : List.of(disabled, revoked, stranger)) {
            String logId = newLogId();
            Response refused = record(recordBody(logId, admin, "update"));
            assertThat(refused.statusCode())
                    .as(admin + ": " + refused.asString())
                    .isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(get(logId).statusCode())
                    .as("nothing recorded for " + admin)
                    .isEqualTo(404);
            assertThat(read(list(Map.of("adminEmail", admin))).path("items")).isEmpty();
        }
        String logId = newLogId();
        assertThat(record(recordBody(logId, active.toUpperCase(), "update")).statusCode())
                .as("the control: an enabled administrator's record")
                .isEqualTo(201);
        assertThat(get(logId).statusCode()).isEqualTo(200);
    }

    private static void setAdministrator(String email, String change) throws Exception {
        try (var c = tsa.testsupport.DataStores.shared().postgres().connect("coach_portal");
                var s = c.prepareStatement(
                        "update users set " + change + " where email = ? and role = 'administrator'")) {
            s.setString(1, email);
            assertThat(s.executeUpdate()).isEqualTo(1);
        }
    }
}
