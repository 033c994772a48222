package tsa.sync.log;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static tsa.sync.SyncFixtures.admin;
import static tsa.sync.SyncFixtures.assertProblem;
import static tsa.sync.SyncFixtures.newCoachId;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.model.ProfileSyncLog;
import tsa.model.SyncType;
import tsa.sync.StubServices;
import tsa.sync.SyncFixtures;
import tsa.sync.log.service.ProfileChangeIntake;
import tsa.sync.log.service.ProfileSnapshot;
import tsa.testsupport.RealDataStores;

/**
 * The sync path itself survives a change PostgreSQL can never store (the first slice's NUL): it becomes a
 * {@code failed} row with its reason, counted as a final failure, acknowledged rather than retried forever, and the
 * failing value never appears in an exception message (pgjdbc's server error detail is off).
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(StubServices.class)
class UnrecordableChangeTest {

    @Inject
    ProfileChangeIntake intake;

    @BeforeEach
    void schools() {
        SyncFixtures.loadSchools();
    }

    private static ProfileSnapshot withNul(String coachId) {
        return new ProfileSnapshot(
                coachId,
                3,
                "Nul\u0000Name",
                "Jordan",
                coachId + "@example.org",
                null,
                SyncFixtures.SCHOOL,
                List.of("golf"),
                "active",
                "2026-12-01T10:00:00.000Z",
                "2026-12-01T10:00:00.000Z");
    }

    @Test
    void aChangeWhoseContentCanNeverBeStoredIsRecordedAsAFinalFailureWithItsReason() {
        String coachId = newCoachId();
        double before = finalUnrecordableFailures();

        ProfileSyncLog row = intake.receive(SyncType.UPDATE, withNul(coachId));

        ProfileSyncLog stored = SyncFixtures.row(row.syncId.toString());
        assertThat(stored.syncStatus).isEqualTo("failed");
        assertThat(stored.profileId).isEqualTo(coachId);
        assertThat(stored.errorMessage)
                .contains("can never be recorded")
                .contains("22P05")
                .doesNotContain("Nul");
        assertThat(stored.syncData)
                .containsEntry("coachId", coachId)
                .containsEntry("unrecordable", true)
                .doesNotContainKeys("firstName", "lastName", "email");
        assertThat(finalUnrecordableFailures()).isEqualTo(before + 1);

        List<String> failed = given().auth()
                .oauth2(admin())
                .queryParam("status", "failed")
                .queryParam("limit", 100)
                .get("/api/sync/sync-log")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.syncId");
        assertThat(failed).contains(row.syncId.toString());
        assertProblem(given().auth().oauth2(admin()).post("/api/sync/sync-log/" + row.syncId + "/retry"), 409);
    }

    @Test
    void postgresErrorsDoNotQuoteTheValuesOfTheFailingStatement() {
        Throwable failure = catchThrowable(() ->
                intake.record(SyncType.UPDATE, withNul(newCoachId()), Map.of(ProfileChangeIntake.SOURCE, "test")));

        assertThat(failure).isNotNull();
        List<String> messages = new ArrayList<>();
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            messages.add(String.valueOf(t.getMessage()));
        }
        assertThat(messages).isNotEmpty().noneMatch(m -> m.contains("Nul")).noneMatch(m -> m.contains("Jordan"));
    }

    private static double finalUnrecordableFailures() {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines()
                .filter(l -> l.startsWith("tsa_sync_failures_total{")
                        && l.contains("reason=\"unrecordable\"")
                        && l.contains("final=\"true\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
