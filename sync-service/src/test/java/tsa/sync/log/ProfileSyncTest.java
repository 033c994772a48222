package tsa.sync.log;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.sync.SyncFixtures.active;
import static tsa.sync.SyncFixtures.assertProblem;
import static tsa.sync.SyncFixtures.awaitSettled;
import static tsa.sync.SyncFixtures.change;
import static tsa.sync.SyncFixtures.delivery;
import static tsa.sync.SyncFixtures.newCoachId;
import static tsa.sync.SyncFixtures.send;
import static tsa.sync.SyncFixtures.sendAccepted;
import static tsa.sync.SyncFixtures.user;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.model.ProfileSyncLog;
import tsa.model.User;
import tsa.sync.StubServices;
import tsa.sync.SyncFixtures;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.TestTokens;

/** coach-service's profile changes -> the sync log -> the coach's OneRoster users row. */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(StubServices.class)
class ProfileSyncTest {

    @BeforeEach
    void schools() {
        SyncFixtures.loadSchools();
    }

    @Test
    void aChangeIsRecordedAndAnsweredAtOnceThenTheWorkerWritesTheCoachsUsersRow() {
        String coachId = newCoachId();
        Response receipt = send(change(
                "create",
                coachId,
                1,
                "Casey",
                "Jordan",
                "Casey.Jordan@Example.com",
                "+1-512-555-0100",
                SyncFixtures.SCHOOL,
                "active"));

        assertThat(receipt.statusCode()).as(receipt.asString()).isEqualTo(202);
        assertThat(receipt.jsonPath().getString("coachId")).isEqualTo(coachId);
        assertThat(receipt.jsonPath().getLong("version")).isEqualTo(1);
        assertThat(receipt.jsonPath().getString("syncStatus")).isEqualTo("pending");
        String syncId = receipt.jsonPath().getString("syncId");

        ProfileSyncLog row = awaitSettled(syncId);
        assertThat(row.syncStatus).isEqualTo("completed");
        assertThat(row.syncType).isEqualTo("create");
        assertThat(row.profileId).isEqualTo(coachId);
        assertThat(row.userSourcedId).isEqualTo(coachId);
        assertThat(row.completedAt).isNotNull();
        assertThat(row.errorMessage).isNull();
        assertThat(row.syncData)
                .containsEntry("coachId", coachId)
                .containsEntry("version", 1)
                .containsEntry("firstName", "Casey")
                .containsEntry("schoolId", SyncFixtures.SCHOOL)
                .containsEntry("profileStatus", "active")
                .containsEntry("source", "coach-service");
        assertThat(delivery(row))
                .containsEntry("attempts", 1)
                .containsEntry("claims", 1)
                .containsEntry("outcome", "applied");

        User user = user(coachId);
        assertThat(user.sourcedId).isEqualTo(coachId);
        assertThat(user.profileId).isEqualTo(coachId);
        assertThat(user.role).isEqualTo("teacher");
        assertThat(user.status).isEqualTo("active");
        assertThat(user.enabledUser).isTrue();
        assertThat(user.givenName).isEqualTo("Casey");
        assertThat(user.familyName).isEqualTo("Jordan");
        assertThat(user.email).isEqualTo("casey.jordan@example.com");
        assertThat(user.username).isEqualTo("casey.jordan@example.com");
        assertThat(user.phone).isEqualTo("+1-512-555-0100");
        assertThat(user.orgIds).containsExactly(SyncFixtures.SCHOOL);
        assertThat(user.metadata).containsEntry("profileVersion", 1).containsEntry("profileStatus", "active");

        Response log = given().auth()
                .oauth2(SyncFixtures.admin())
                .queryParam("profileId", coachId)
                .get("/api/sync/sync-log");
        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.jsonPath().getList("items.syncId")).containsExactly(syncId);
        assertThat(log.jsonPath().getString("items[0].syncStatus")).isEqualTo("completed");
        assertThat(log.jsonPath().getString("items[0].createdAt")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(log.jsonPath().getString("items[0].completedAt")).endsWith("Z");
        assertThat(log.jsonPath().getInt("items[0].syncData.version")).isEqualTo(1);
    }

    @Test
    void updatesFollowTheProfileAndADeactivatedCoachIsDisabled() {
        String coachId = newCoachId();
        String email = coachId + "@example.com";
        awaitSettled(sendAccepted(active(coachId, 1, "Casey", email)));

        ProfileSyncLog row = awaitSettled(sendAccepted(change(
                "update", coachId, 2, "Casey", "Rivera", email, "+1-512-555-0199", SyncFixtures.SCHOOL, "inactive")));

        assertThat(row.syncStatus).isEqualTo("completed");
        User user = user(coachId);
        assertThat(user.familyName).isEqualTo("Rivera");
        assertThat(user.phone).isEqualTo("+1-512-555-0199");
        assertThat(user.enabledUser).isFalse();
        assertThat(user.status).isEqualTo("active");
        assertThat(user.metadata).containsEntry("profileVersion", 2).containsEntry("profileStatus", "inactive");

        awaitSettled(sendAccepted(change(
                "update", coachId, 3, "Casey", "Rivera", email, "+1-512-555-0199", SyncFixtures.SCHOOL, "active")));
        assertThat(user(coachId).enabledUser).isTrue();
    }

    @Test
    void theSameChangeTwiceEndsInTheSameState() {
        String coachId = newCoachId();
        Map<String, Object> change = active(coachId, 1, "Casey", coachId + "@example.com");
        ProfileSyncLog first = awaitSettled(sendAccepted(change));
        User afterFirst = user(coachId);

        ProfileSyncLog second = awaitSettled(sendAccepted(change));

        assertThat(first.syncStatus).isEqualTo("completed");
        assertThat(second.syncStatus).isEqualTo("completed");
        User afterSecond = user(coachId);
        assertThat(afterSecond.givenName).isEqualTo(afterFirst.givenName);
        assertThat(afterSecond.email).isEqualTo(afterFirst.email);
        assertThat(afterSecond.username).isEqualTo(afterFirst.username);
        assertThat(afterSecond.orgIds).isEqualTo(afterFirst.orgIds);
        assertThat(afterSecond.metadata).containsEntry("profileVersion", 1);
        assertThat(QuarkusTransaction.requiringNew().call(() -> User.count("sourcedId", coachId)))
                .isEqualTo(1);
    }

    @Test
    void aChangeOlderThanTheRowsVersionIsCompletedWithoutEffect() {
        String coachId = newCoachId();
        String email = coachId + "@example.com";
        awaitSettled(sendAccepted(active(coachId, 3, "Three", email)));

        ProfileSyncLog older = awaitSettled(sendAccepted(active(coachId, 2, "Two", email)));

        assertThat(older.syncStatus).isEqualTo("completed");
        assertThat(delivery(older)).containsEntry("outcome", "superseded");
        assertThat(user(coachId).givenName).isEqualTo("Three");
        assertThat(user(coachId).metadata).containsEntry("profileVersion", 3);
    }

    @Test
    void changesArrivingTogetherInAnyOrderEndAtTheNewestVersion() {
        String coachId = newCoachId();
        String email = coachId + "@example.com";
        List<String> syncIds = List.of(
                sendAccepted(active(coachId, 4, "Four", email)),
                sendAccepted(active(coachId, 2, "Two", email)),
                sendAccepted(active(coachId, 5, "Five", email)),
                sendAccepted(active(coachId, 1, "One", email)),
                sendAccepted(active(coachId, 3, "Three", email)));

        syncIds.forEach(id -> assertThat(awaitSettled(id).syncStatus).isEqualTo("completed"));

        assertThat(user(coachId).givenName).isEqualTo("Five");
        assertThat(user(coachId).metadata).containsEntry("profileVersion", 5);
    }

    @Test
    void theUsernameStaysWithTheRowThatHeldTheEmailFirst() {
        String coachId = newCoachId();
        String email = coachId + "@example.com";
        String parentRow = "parent-" + coachId;
        SyncFixtures.sql(
                "INSERT INTO users (sourced_id, role, email, username) VALUES (?, 'parent', ?, ?)",
                parentRow,
                email,
                email);

        awaitSettled(sendAccepted(active(coachId, 1, "Casey", email)));

        User coach = user(coachId);
        assertThat(coach.email).isEqualTo(email);
        assertThat(coach.username).isNull();
        assertThat(user(parentRow).username).isEqualTo(email);
    }

    @Test
    void aDeleteMarksTheRowToBeDeletedAndNeverRemovesIt() {
        String coachId = newCoachId();
        awaitSettled(sendAccepted(active(coachId, 1, "Casey", coachId + "@example.com")));

        ProfileSyncLog deleted =
                awaitSettled(sendAccepted(change("delete", coachId, 2, null, null, null, null, null, null)));

        assertThat(deleted.syncStatus).isEqualTo("completed");
        assertThat(deleted.syncType).isEqualTo("delete");
        User user = user(coachId);
        assertThat(user).isNotNull();
        assertThat(user.status).isEqualTo("tobedeleted");
        assertThat(user.enabledUser).isFalse();
    }

    @Test
    void malformedChangesAreRefusedWithProblemDetails() {
        String coachId = newCoachId();
        Map<String, Object> valid = active(coachId, 1, "Casey", coachId + "@example.com");

        assertProblem(
                given().auth()
                        .oauth2(TestTokens.service("coach-service"))
                        .contentType(ContentType.JSON)
                        .post("/internal/profile-changes"),
                400);
        Response empty = send(Map.of());
        assertProblem(empty, 400);
        assertThat(empty.jsonPath().getList("errors.field")).contains("changeType", "coachId", "version");
        assertProblem(send(with(valid, "changeType", "rename")), 400);
        assertProblem(send(with(valid, "version", -1)), 400);
        assertProblem(send(with(valid, "version", "seven")), 400);
        assertProblem(send(with(valid, "schoolId", "abc")), 400);
        assertProblem(send(with(valid, "email", "not-an-email")), 400);
        assertProblem(send(with(valid, "profileStatus", "retired")), 400);
        assertProblem(send(with(valid, "surprise", true)), 400);
        Response incomplete = send(change("update", coachId, 2, null, null, null, null, null, "active"));
        assertProblem(incomplete, 400);
        assertThat(incomplete.jsonPath().getList("errors.field")).contains("firstName", "lastName", "schoolId");
        Response bodyIsNotJson = given().auth()
                .oauth2(TestTokens.service("coach-service"))
                .contentType(ContentType.JSON)
                .body("{not json")
                .post("/internal/profile-changes");
        assertProblem(bodyIsNotJson, 400);

        assertThat(QuarkusTransaction.requiringNew().call(() -> ProfileSyncLog.count("profileId", coachId)))
                .isZero();
    }

    @Test
    void onlyCoachServiceMayReportChanges() {
        Map<String, Object> change = active(newCoachId(), 1, "Casey", "casey@example.com");
        assertProblem(given().contentType(ContentType.JSON).body(change).post("/internal/profile-changes"), 401);
        for (String token : List.of(
                SyncFixtures.admin(),
                TestTokens.coach("c@example.com", "c", "i"),
                TestTokens.parent("p@example.com", "i"))) {
            assertProblem(
                    given().auth()
                            .oauth2(token)
                            .contentType(ContentType.JSON)
                            .body(change)
                            .post("/internal/profile-changes"),
                    403);
        }
        assertProblem(
                given().auth()
                        .oauth2(TestTokens.serviceRoleSignedWithUserKey())
                        .contentType(ContentType.JSON)
                        .body(change)
                        .post("/internal/profile-changes"),
                401);
        // Issue 27: only coach-service reports profile changes; another service's token is 403, and another
        // service's key cannot sign for coach-service (401).
        for (String other : List.of("admin-service", "parent-service", "sync-service")) {
            assertProblem(
                    given().auth()
                            .oauth2(TestTokens.service(other))
                            .contentType(ContentType.JSON)
                            .body(change)
                            .post("/internal/profile-changes"),
                    403);
        }
        assertProblem(
                given().auth()
                        .oauth2(TestTokens.serviceClaimingToBe("coach-service", "admin-service"))
                        .contentType(ContentType.JSON)
                        .body(change)
                        .post("/internal/profile-changes"),
                401);
    }

    private static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> changed = new java.util.LinkedHashMap<>(body);
        changed.put(key, value);
        return changed;
    }
}
