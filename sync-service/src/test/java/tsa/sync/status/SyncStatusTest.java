package tsa.sync.status;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.sync.SyncFixtures.active;
import static tsa.sync.SyncFixtures.admin;
import static tsa.sync.SyncFixtures.assertProblem;
import static tsa.sync.SyncFixtures.awaitSettled;
import static tsa.sync.SyncFixtures.change;
import static tsa.sync.SyncFixtures.newCoachId;
import static tsa.sync.SyncFixtures.sendAccepted;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.sync.StubServices;
import tsa.sync.SyncFixtures;
import tsa.testsupport.Eventually;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.TestTokens;

/** Sync health for admins, and the sync meters on /q/metrics. */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(StubServices.class)
class SyncStatusTest {

    @BeforeEach
    void schools() {
        SyncFixtures.loadSchools();
    }

    @Test
    void statusCountsTheLastHoursSuccessesAndFailuresAndTheBacklog() {
        JsonPath before = status();
        String coachId = newCoachId();
        awaitSettled(sendAccepted(active(coachId, 1, "Casey", coachId + "@example.com")));
        awaitSettled(sendAccepted(change(
                "create",
                newCoachId(),
                1,
                "Casey",
                "Jordan",
                "x@example.com",
                null,
                SyncFixtures.unknownSchoolId(),
                "active")));

        JsonPath after = status();

        assertThat(after.getString("generatedAt")).endsWith("Z");
        assertThat(after.getInt("completedLastHour")).isGreaterThanOrEqualTo(before.getInt("completedLastHour") + 1);
        // The failing change used its whole round: three failed attempts.
        assertThat(after.getInt("failuresLastHour")).isGreaterThanOrEqualTo(before.getInt("failuresLastHour") + 3);
        assertThat(after.getInt("attemptsLastHour"))
                .isEqualTo(after.getInt("completedLastHour") + after.getInt("failuresLastHour"));
        double rate = after.getDouble("successRate");
        assertThat(rate)
                .isEqualTo(
                        (double) after.getInt("completedLastHour") / after.getInt("attemptsLastHour"),
                        org.assertj.core.data.Offset.offset(1e-6));
        assertThat(after.getInt("pendingBacklog")).isGreaterThanOrEqualTo(0);
        assertThat(after.getLong("lagMillis")).isGreaterThanOrEqualTo(0);
    }

    @Test
    void lagIsTheAgeOfTheOldestPendingChange() {
        String syncId = UUID.randomUUID().toString();
        // A change recorded ten minutes ago and not due before next year: pending all through this test.
        SyncFixtures.sql(
                "INSERT INTO profile_sync_log (sync_id, profile_id, sync_type, sync_status, sync_data,"
                        + " created_at) VALUES (CAST(? AS uuid), ?, 'create', 'pending', CAST(? AS jsonb),"
                        + " localtimestamp - interval '10 minutes')",
                syncId,
                newCoachId(),
                "{\"version\": 1, \"delivery\": {\"nextAttemptAt\": \"2999-01-01T00:00:00.000Z\"}}");
        try {
            JsonPath status = status();
            assertThat(status.getLong("lagMillis")).isGreaterThanOrEqualTo(600_000);
            assertThat(status.getInt("pendingBacklog")).isGreaterThanOrEqualTo(1);
            String metrics =
                    given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics).containsPattern("tsa_sync_lag_seconds(\\{[^}]*\\})? (6\\d\\d|[7-9]\\d\\d|\\d{4,})");
        } finally {
            SyncFixtures.sql(
                    "UPDATE profile_sync_log SET sync_status = 'failed', error_message = 'test row'"
                            + " WHERE sync_id = CAST(? AS uuid)",
                    syncId);
        }
    }

    @Test
    void syncMetersAreExported() {
        String coachId = newCoachId();
        awaitSettled(sendAccepted(active(coachId, 1, "Casey", coachId + "@example.com")));
        String reconciliation = given().auth()
                .oauth2(admin())
                .post("/api/sync/reconciliations")
                .then()
                .statusCode(202)
                .extract()
                .path("reconciliationId");
        // The run is a background job: its drift gauges are set when it finishes.
        assertThat(Eventually.<String>value(
                        () -> given().auth()
                                .oauth2(admin())
                                .get("/api/sync/reconciliations/" + reconciliation)
                                .path("status"),
                        s -> !"running".equals(s)))
                .isEqualTo("completed");
        status();

        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics)
                .contains("tsa_sync_attempts_total{")
                .contains("tsa_sync_successes_total{")
                .contains("tsa_sync_pending_backlog")
                .contains("tsa_sync_lag_seconds")
                .contains("tsa_sync_reconciliation_drift{kind=\"profile_without_user\"")
                .contains("tsa_sync_reconciliation_drift{kind=\"student_copy_differs\"");
    }

    @Test
    void onlyAdminsReadTheStatus() {
        assertProblem(given().get("/api/sync/status"), 401);
        for (String token : List.of(
                TestTokens.anyService(),
                TestTokens.coach("c@example.com", "c", "i"),
                TestTokens.parent("p@example.com", "i"))) {
            assertProblem(given().auth().oauth2(token).get("/api/sync/status"), 403);
        }
    }

    private static JsonPath status() {
        return given().auth()
                .oauth2(admin())
                .get("/api/sync/status")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
