package tsa.sync.log;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.sync.SyncFixtures.active;
import static tsa.sync.SyncFixtures.admin;
import static tsa.sync.SyncFixtures.assertProblem;
import static tsa.sync.SyncFixtures.awaitSettled;
import static tsa.sync.SyncFixtures.change;
import static tsa.sync.SyncFixtures.delivery;
import static tsa.sync.SyncFixtures.newCoachId;
import static tsa.sync.SyncFixtures.row;
import static tsa.sync.SyncFixtures.sendAccepted;
import static tsa.sync.SyncFixtures.user;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.model.Organization;
import tsa.model.ProfileSyncLog;
import tsa.sync.AdminServiceStub;
import tsa.sync.StubServices;
import tsa.sync.SyncFixtures;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.TestTokens;

/** A change that can't be applied is retried with backoff, then failed; an admin's (audited) retry revives it. */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(StubServices.class)
class SyncRetryTest {

    /** tsa.sync.worker.max-attempts in the test profile. */
    private static final int MAX_ATTEMPTS = 3;

    @Inject
    CircuitBreakerMaintenance circuits;

    @BeforeEach
    void stubs() {
        SyncFixtures.loadSchools();
        AdminServiceStub.recordsAudits();
    }

    @AfterEach
    void closeCircuits() {
        AdminServiceStub.recordsAudits();
        circuits.resetAll();
    }

    private static String failedChange(String coachId, String schoolId) {
        String syncId = sendAccepted(
                change("create", coachId, 1, "Casey", "Jordan", coachId + "@example.com", null, schoolId, "active"));
        ProfileSyncLog row = awaitSettled(syncId);
        assertThat(row.syncStatus).isEqualTo("failed");
        return syncId;
    }

    @Test
    void aChangeNamingAnUnknownSchoolIsRetriedUpToTheLimitThenFailsWithItsReason() {
        String coachId = newCoachId();
        String school = SyncFixtures.unknownSchoolId();

        ProfileSyncLog row = row(failedChange(coachId, school));

        assertThat(row.errorMessage).isEqualTo("school " + school + " does not exist in schools");
        assertThat(row.completedAt).isNull();
        assertThat(delivery(row))
                .containsEntry("attempts", MAX_ATTEMPTS)
                .containsEntry("claims", MAX_ATTEMPTS)
                .containsEntry("lastError", row.errorMessage)
                .doesNotContainKey("nextAttemptAt");
        @SuppressWarnings("unchecked")
        List<String> failedAt = (List<String>) delivery(row).get("failedAt");
        assertThat(failedAt).hasSize(MAX_ATTEMPTS).isSorted();
        assertThat(user(coachId)).isNull();
    }

    @Test
    void anAdminRetriesAFailedRowOnceTheSchoolExistsAndTheRetryIsAudited() {
        String coachId = newCoachId();
        String school = SyncFixtures.unknownSchoolId();
        String syncId = failedChange(coachId, school);
        int district = SyncFixtures.newDistrictId();
        SyncFixtures.sql(
                "INSERT INTO schools (school_id, state_organization_id, name_of_institution,"
                        + " local_education_agency_id) VALUES (?, ?, ?, ?)",
                Integer.valueOf(school),
                "TX-" + school,
                "TSA Late Arrival Academy",
                district);
        int recordsBefore = AdminServiceStub.records().size();
        String token = admin();

        Response retried = given().auth()
                .oauth2(token)
                .header("User-Agent", "retry-test/1.0")
                .header("X-Forwarded-For", "203.0.113.7")
                .post("/api/sync/sync-log/" + syncId + "/retry");

        assertThat(retried.statusCode()).as(retried.asString()).isEqualTo(202);
        assertThat(retried.jsonPath().getString("syncId")).isEqualTo(syncId);
        assertThat(retried.jsonPath().getString("syncStatus")).isEqualTo("pending");
        ProfileSyncLog done = awaitSettled(syncId);
        assertThat(done.syncStatus).isEqualTo("completed");
        assertThat(done.errorMessage).isNull();
        assertThat(delivery(done)).containsEntry("attempts", 1).containsEntry("outcome", "applied");
        assertThat(user(coachId).orgIds).containsExactly(school);
        Organization schoolRow = QuarkusTransaction.requiringNew().call(() -> Organization.findById(school));
        assertThat(schoolRow.parentId).isEqualTo(Integer.toString(district));

        List<JsonNode> records = AdminServiceStub.records();
        assertThat(records).hasSize(recordsBefore + 1);
        JsonNode record = records.get(records.size() - 1);
        assertThat(record.path("logId").asText()).matches("[0-9a-f-]{36}");
        assertThat(record.path("adminEmail").asText()).isEqualTo(SyncFixtures.ADMIN_EMAIL);
        assertThat(record.path("actionType").asText()).isEqualTo("update");
        assertThat(record.path("resourceType").asText()).isEqualTo("sync_log");
        assertThat(record.path("resourceId").asText()).isEqualTo(syncId);
        assertThat(record.path("sessionId").asText()).isEqualTo(SyncFixtures.jti(token));
        assertThat(record.path("ipAddress").asText()).isEqualTo("203.0.113.7");
        assertThat(record.path("userAgent").asText()).isEqualTo("retry-test/1.0");
        assertThat(record.path("beforeState").path("syncStatus").asText()).isEqualTo("failed");
        assertThat(record.path("afterState").path("syncStatus").asText()).isEqualTo("pending");
        assertThat(record.has("outcome")).isFalse();
    }

    @Test
    void withAdminServiceAbsentARetryAnswers503AndChangesNothing() {
        String coachId = newCoachId();
        String syncId = failedChange(coachId, SyncFixtures.unknownSchoolId());
        ProfileSyncLog before = row(syncId);
        AdminServiceStub.absent();

        assertProblem(given().auth().oauth2(admin()).post("/api/sync/sync-log/" + syncId + "/retry"), 503);

        ProfileSyncLog after = row(syncId);
        assertThat(after.syncStatus).isEqualTo("failed");
        assertThat(after.syncData).isEqualTo(before.syncData);
        assertThat(after.errorMessage).isEqualTo(before.errorMessage);
    }

    @Test
    void onlyAFailedRowCanBeRetried() {
        String coachId = newCoachId();
        String completed = sendAccepted(active(coachId, 1, "Casey", coachId + "@example.com"));
        awaitSettled(completed);
        int recordsBefore = AdminServiceStub.records().size();

        assertProblem(given().auth().oauth2(admin()).post("/api/sync/sync-log/" + completed + "/retry"), 409);
        assertProblem(given().auth().oauth2(admin()).post("/api/sync/sync-log/" + UUID.randomUUID() + "/retry"), 404);
        assertProblem(given().auth().oauth2(admin()).post("/api/sync/sync-log/not-a-uuid/retry"), 404);
        assertThat(AdminServiceStub.records()).hasSize(recordsBefore);
        assertThat(row(completed).syncStatus).isEqualTo("completed");
    }

    @Test
    void onlyAdminsMayRetry() {
        String syncId = failedChange(newCoachId(), SyncFixtures.unknownSchoolId());
        assertProblem(given().post("/api/sync/sync-log/" + syncId + "/retry"), 401);
        for (String token : List.of(
                TestTokens.anyService(),
                TestTokens.coach("c@example.com", "c", "i"),
                TestTokens.parent("p@example.com", "i"))) {
            assertProblem(given().auth().oauth2(token).post("/api/sync/sync-log/" + syncId + "/retry"), 403);
        }
        assertThat(row(syncId).syncStatus).isEqualTo("failed");
    }
}
