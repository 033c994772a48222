package tsa.sync.reconciliation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tsa.sync.SyncFixtures.admin;
import static tsa.sync.SyncFixtures.assertProblem;
import static tsa.sync.SyncFixtures.awaitSettled;
import static tsa.sync.SyncFixtures.change;
import static tsa.sync.SyncFixtures.newCoachId;
import static tsa.sync.SyncFixtures.row;
import static tsa.sync.SyncFixtures.sendAccepted;
import static tsa.sync.SyncFixtures.user;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tsa.model.Organization;
import tsa.model.ProfileSyncLog;
import tsa.model.User;
import tsa.sync.AdminServiceStub;
import tsa.sync.CoachServiceStub;
import tsa.sync.StubServices;
import tsa.sync.SyncFixtures;
import tsa.sync.copy.store.OrganizationCopy;
import tsa.sync.copy.store.OrganizationCopyStore;
import tsa.sync.copy.store.StudentCopyStore;
import tsa.testsupport.DataStores;
import tsa.testsupport.MovableClock;
import tsa.testsupport.PostgresServer;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.TestTokens;

/**
 * The consistency check: coach-service's profiles (served by a stub over real HTTP, two a page) against users, schools
 * against organizations, and compliance rows against their operational copies; reported, then repaired.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(StubServices.class)
class ReconciliationTest {

    @Inject
    OrganizationCopyStore organizationCopies;

    @Inject
    StudentCopyStore studentCopies;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    CircuitBreakerMaintenance circuits;

    @BeforeEach
    void stubs() {
        SyncFixtures.loadSchools();
        CoachServiceStub.reset();
        AdminServiceStub.recordsAudits();
    }

    @AfterEach
    void restore() {
        CoachServiceStub.reset();
        AdminServiceStub.recordsAudits();
        circuits.resetAll();
    }

    @Test
    void aReportOnlyRunFindsEveryKindOfDriftAndChangesNothingThenARepairingRunFixesIt() {
        // Profiles coach-service has but sync never heard of (three, so the list is paged).
        List<String> unknownToSync = List.of(newCoachId(), newCoachId(), newCoachId());
        unknownToSync.forEach(id -> CoachServiceStub.put(CoachServiceStub.profile(
                id, 4, "Lost", "Coach", id + "@example.com", null, SyncFixtures.SCHOOL, "active")));
        // A user synced at version 1 whose profile has moved on to version 2.
        String drifted = syncedCoach(SyncFixtures.SCHOOL);
        CoachServiceStub.put(CoachServiceStub.profile(
                drifted, 2, "Casey", "Changed", drifted + "@example.com", null, SyncFixtures.SCHOOL, "inactive"));
        // A user whose profile no longer exists.
        String orphan = syncedCoach(SyncFixtures.SCHOOL);
        // A coach in agreement, at a school of its own whose copies are then damaged.
        int district = SyncFixtures.newDistrictId();
        String school = SyncFixtures.newSchool("TSA Copy Check Academy", district);
        String steady = syncedCoach(school);
        CoachServiceStub.put(CoachServiceStub.profile(
                steady, 1, "Casey", "Jordan", steady + "@example.com", null, school, "active"));
        OrganizationCopy schoolCopy = organizationCopies.find(school);
        organizationCopies.put(schoolCopy.toBuilder().name("Tampered").build());
        dynamo.deleteItem(r -> r.tableName("organizations-dev")
                .key(Map.of("sourced_id", AttributeValue.fromS(Integer.toString(district)))));
        // A school without organisations, and a student without a copy.
        String bareSchool = SyncFixtures.newSchool("TSA Bare Campus", SyncFixtures.newDistrictId());
        String student = "S-" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
        SyncFixtures.sql(
                "INSERT INTO students (student_unique_id, student_usi, first_name, last_name, birth_date)"
                        + " VALUES (?, ?, 'Sam', 'Lopez', DATE '2014-03-02')",
                student,
                ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999));

        String token = admin();
        JsonPath report = run(token, "false");

        assertThat(report.getString("trigger")).isEqualTo("manual");
        assertThat(report.getString("requestedBy")).isEqualTo(SyncFixtures.ADMIN_EMAIL);
        assertThat(report.getBoolean("repair")).isFalse();
        assertThat(report.getString("status")).isEqualTo("completed");
        assertThat(report.getInt("profilesChecked")).isGreaterThanOrEqualTo(5);
        assertThat(report.getInt("usersChecked")).isGreaterThanOrEqualTo(3);
        assertThat(report.getInt("schoolsChecked")).isGreaterThanOrEqualTo(4);
        assertThat(report.getBoolean("discrepanciesTruncated")).isFalse();
        for (String id : unknownToSync) {
            assertThat(found(report, "profile_without_user", id)).hasValueSatisfying(d -> {
                assertThat(d.getBoolean("repaired")).isFalse();
                assertThat(d.getString("syncId")).isNull();
            });
        }
        assertThat(found(report, "user_differs_from_profile", drifted))
                .hasValueSatisfying(d -> assertThat(d.getList("fields", String.class))
                        .containsExactlyInAnyOrder("family_name", "enabled_user", "version"));
        assertThat(found(report, "user_without_profile", orphan)).isPresent();
        assertThat(found(report, "user_differs_from_profile", steady)).isEmpty();
        assertThat(found(report, "school_without_organization", bareSchool)).isPresent();
        assertThat(found(report, "organization_copy_differs", school))
                .hasValueSatisfying(
                        d -> assertThat(d.getList("fields", String.class)).containsExactly("name"));
        assertThat(found(report, "organization_copy_missing", Integer.toString(district)))
                .isPresent();
        assertThat(found(report, "student_copy_missing", student)).isPresent();
        assertThat(report.getInt("summary.profilesWithoutUser")).isGreaterThanOrEqualTo(3);
        assertThat(report.getInt("summary.operationalCopiesMissing")).isGreaterThanOrEqualTo(2);
        assertThat(report.getInt("summary.repaired")).isZero();
        // Reported, not repaired.
        assertThat(user(unknownToSync.get(0))).isNull();
        assertThat(user(drifted).familyName).isEqualTo("Jordan");
        assertThat(user(orphan).status).isEqualTo("active");
        assertThat(organization(bareSchool)).isNull();
        assertThat(organizationCopies.find(school).name()).isEqualTo("Tampered");
        assertThat(studentCopies.find(student)).isNull();

        JsonNode audit =
                AdminServiceStub.records().get(AdminServiceStub.records().size() - 1);
        assertThat(audit.path("actionType").asText()).isEqualTo("create");
        assertThat(audit.path("resourceType").asText()).isEqualTo("reconciliation");
        assertThat(audit.path("resourceId").asText()).isEqualTo(report.getString("reconciliationId"));
        assertThat(audit.path("afterState").path("repair").asBoolean(true)).isFalse();
        assertThat(audit.path("sessionId").asText()).isEqualTo(SyncFixtures.jti(token));
        // sync-service records as itself: its own name, signed with its own key (issue 27)
        assertThat(AdminServiceStub.callers()).last().isEqualTo("sync-service signed with svc-sync-service");

        JsonPath latest = ReconciliationRuns.latest(admin());
        assertThat(latest.getString("reconciliationId")).isEqualTo(report.getString("reconciliationId"));
        assertThat(latest.getString("status")).isEqualTo("completed");
        assertThat(latest.getString("completedAt")).isNotNull();

        JsonPath repaired = run(admin(), "true");

        assertThat(repaired.getBoolean("repair")).isTrue();
        for (String id : unknownToSync) {
            JsonPath d = found(repaired, "profile_without_user", id).orElseThrow();
            assertThat(d.getBoolean("repaired")).isTrue();
            ProfileSyncLog log = row(d.getString("syncId"));
            assertThat(log.syncStatus).isEqualTo("completed");
            assertThat(log.syncType).isEqualTo("create");
            assertThat(log.syncData)
                    .containsEntry("source", "reconciliation")
                    .containsEntry("reconciliationId", repaired.getString("reconciliationId"))
                    .containsEntry("version", 4);
            User created = user(id);
            assertThat(created.givenName).isEqualTo("Lost");
            assertThat(created.enabledUser).isTrue();
            assertThat(created.orgIds).containsExactly(SyncFixtures.SCHOOL);
        }
        assertThat(found(repaired, "user_differs_from_profile", drifted)
                        .orElseThrow()
                        .getBoolean("repaired"))
                .isTrue();
        assertThat(user(drifted).familyName).isEqualTo("Changed");
        assertThat(user(drifted).enabledUser).isFalse();
        JsonPath orphaned = found(repaired, "user_without_profile", orphan).orElseThrow();
        assertThat(orphaned.getBoolean("repaired")).isTrue();
        assertThat(row(orphaned.getString("syncId")).syncType).isEqualTo("delete");
        assertThat(user(orphan).status).isEqualTo("tobedeleted");
        assertThat(user(orphan).enabledUser).isFalse();
        assertThat(found(repaired, "school_without_organization", bareSchool)
                        .orElseThrow()
                        .getBoolean("repaired"))
                .isTrue();
        assertThat(organization(bareSchool)).isNotNull();
        assertThat(organizationCopies.find(bareSchool)).isNotNull();
        assertThat(organizationCopies.find(school).name()).isEqualTo("TSA Copy Check Academy");
        assertThat(organizationCopies.find(Integer.toString(district))).isNotNull();
        assertThat(studentCopies.find(student)).satisfies(copy -> {
            assertThat(copy.firstName()).isEqualTo("Sam");
            assertThat(copy.birthDate()).isEqualTo("2014-03-02");
            assertThat(copy.schemaVersion()).isEqualTo("v1");
        });
        // This test's own nine: three profiles, the drifted and the orphaned user, the bare school, the tampered and
        // the deleted organisation copy, the student's copy (more when earlier tests left drift behind).
        assertThat(repaired.getInt("summary.repaired")).isGreaterThanOrEqualTo(9);

        JsonPath after = run(admin(), "false");
        List<String> mine = List.of(
                unknownToSync.get(0),
                unknownToSync.get(1),
                unknownToSync.get(2),
                drifted,
                orphan,
                steady,
                school,
                bareSchool,
                Integer.toString(district),
                student);
        assertThat(after.getList("discrepancies.resourceId", String.class)).doesNotContainAnyElementsOf(mine);
    }

    @Test
    void aChangeLostWhileSyncServiceWasDownIsRepairedByTheNextReconciliation() {
        String coachId = newCoachId();
        String email = coachId + "@example.com";
        awaitSettled(sendAccepted(change(
                "create", coachId, 1, "Casey", "Jordan", email, "+1-512-555-0100", SyncFixtures.SCHOOL, "active")));
        CoachServiceStub.put(CoachServiceStub.profile(
                coachId, 1, "Casey", "Jordan", email, "+1-512-555-0100", SyncFixtures.SCHOOL, "active"));
        // coach-service updates the profile while sync-service is down: the notification never arrives.
        CoachServiceStub.put(CoachServiceStub.profile(
                coachId, 2, "Casey", "Jordan", email, "+1-512-555-0142", ReferenceDataSchools.ROUND_ROCK, "inactive"));
        assertThat(user(coachId).enabledUser).isTrue();

        JsonPath report = run(admin(), "true");

        assertThat(found(report, "user_differs_from_profile", coachId)
                        .orElseThrow()
                        .getBoolean("repaired"))
                .isTrue();
        User repaired = user(coachId);
        assertThat(repaired.enabledUser).isFalse();
        assertThat(repaired.phone).isEqualTo("+1-512-555-0142");
        assertThat(repaired.orgIds).containsExactly(ReferenceDataSchools.ROUND_ROCK);
        assertThat(repaired.metadata).containsEntry("profileVersion", 2);
    }

    @Test
    void whenCoachServiceCantBeReadTheRunEndsFailedWithTheReasonAndItsReportIsTheLatest() {
        CoachServiceStub.unreachable();

        JsonPath started = ReconciliationRuns.start(admin(), "false");
        JsonPath failed = ReconciliationRuns.awaitFinished(admin(), started.getString("reconciliationId"));

        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getString("errorMessage")).contains("coach-service");
        JsonPath latest = ReconciliationRuns.latest(admin());
        assertThat(latest.getString("reconciliationId")).isEqualTo(started.getString("reconciliationId"));
        assertThat(latest.getString("status")).isEqualTo("failed");
    }

    @Test
    void withAdminServiceAbsentARunAnswers503AndNothingRuns() {
        String coachId = newCoachId();
        CoachServiceStub.put(CoachServiceStub.profile(
                coachId, 1, "Casey", "Jordan", coachId + "@example.com", null, SyncFixtures.SCHOOL, "active"));
        Response before = given().auth().oauth2(admin()).get("/api/sync/reconciliations/latest");
        AdminServiceStub.absent();

        assertProblem(
                given().auth().oauth2(admin()).queryParam("repair", "true").post("/api/sync/reconciliations"), 503);

        Response after = given().auth().oauth2(admin()).get("/api/sync/reconciliations/latest");
        assertThat(after.statusCode()).isEqualTo(before.statusCode());
        if (before.statusCode() == 200) {
            assertThat(after.jsonPath().getString("reconciliationId"))
                    .isEqualTo(before.jsonPath().getString("reconciliationId"));
        }
        assertThat(user(coachId)).isNull();
        assertThat(QuarkusTransaction.requiringNew().call(() -> ProfileSyncLog.count("profileId", coachId)))
                .isZero();
    }

    @Test
    void aRunStartedWhileAnotherReplicaStillHoldsTheReconciliationLockEndsFailedWithoutWorking() throws Exception {
        int recordsBefore = AdminServiceStub.records().size();
        String coachId = newCoachId();
        CoachServiceStub.put(CoachServiceStub.profile(
                coachId, 1, "Casey", "Jordan", coachId + "@example.com", null, SyncFixtures.SCHOOL, "active"));
        JsonPath report;
        try (Connection otherReplica = DataStores.shared().postgres().connect(PostgresServer.DATABASE);
                Statement s = otherReplica.createStatement()) {
            s.execute("SELECT pg_advisory_lock(hashtext('tsa-sync:reconciliation'))");

            report = ReconciliationRuns.run(admin(), "true");
        }

        assertThat(report.getString("status")).isEqualTo("failed");
        assertThat(report.getString("errorMessage")).contains("another reconciliation holds the reconciliation lock");
        assertThat(user(coachId)).as("nothing was repaired").isNull();
        // The admin's request (starting the run) succeeded: one record, no failure record.
        List<JsonNode> records = AdminServiceStub.records();
        assertThat(records).hasSize(recordsBefore + 1);
        assertThat(records.get(recordsBefore).path("resourceType").asText()).isEqualTo("reconciliation");
        assertThat(records.get(recordsBefore).path("resourceId").asText())
                .isEqualTo(report.getString("reconciliationId"));
    }

    @Test
    void aRunLeftRunningByAKilledReplicaAnswersLaterRequestsUntilItsHeartbeatIsStaleThenIsReportedFailed()
            throws Exception {
        // A replica died in the middle of a run: its row says running, its heartbeat stopped, its lock is gone.
        String dead = "dead-replica-" + UUID.randomUUID();
        SyncFixtures.sql(
                "INSERT INTO reconciliation_reports (reconciliation_id, trigger, repair, status, started_at,"
                        + " heartbeat_at, report) VALUES (?, 'scheduled', true, 'running', ?, ?,"
                        + " '{\"profilesChecked\": 3, \"usersChecked\": 0, \"schoolsChecked\": 0,"
                        + " \"summary\": {\"profilesWithoutUser\": 1}, \"discrepancies\": [],"
                        + " \"discrepanciesTruncated\": false}'::jsonb)",
                dead,
                LocalDateTime.ofInstant(MovableClock.INSTANCE.instant(), ZoneOffset.UTC),
                LocalDateTime.ofInstant(MovableClock.INSTANCE.instant(), ZoneOffset.UTC));
        try {
            int recordsBefore = AdminServiceStub.records().size();

            // Within the staleness it is the running one: a request starts nothing and is answered with it.
            JsonPath answered = ReconciliationRuns.start(admin(), "false");
            assertThat(answered.getString("reconciliationId")).isEqualTo(dead);
            assertThat(answered.getString("status")).isEqualTo("running");
            assertThat(answered.getInt("profilesChecked")).isEqualTo(3);
            // Its progress as the dead replica last recorded it (counts it had not reached read as 0).
            assertThat(answered.getInt("summary.profilesWithoutUser")).isEqualTo(1);
            assertThat(answered.getInt("summary.usersWithoutProfile")).isZero();
            assertThat(answered.getString("completedAt")).isNull();
            JsonNode record = AdminServiceStub.records().get(recordsBefore);
            assertThat(record.path("resourceId").asText()).isEqualTo(dead);
            assertThat(record.path("afterState").path("alreadyRunning").asBoolean())
                    .isTrue();
            assertThat(ReconciliationRuns.latest(admin()).getString("reconciliationId"))
                    .isEqualTo(dead);
            // The database itself refuses a second running row, whichever replica would write it.
            assertThatThrownBy(() -> SyncFixtures.sql(
                            "INSERT INTO reconciliation_reports (reconciliation_id, trigger, repair, status,"
                                    + " started_at, heartbeat_at, report)"
                                    + " VALUES (?, 'manual', false, 'running', now(), now(), '{}'::jsonb)",
                            "second-" + UUID.randomUUID()))
                    .hasStackTraceContaining("idx_reconciliation_reports_one_running");

            MovableClock.INSTANCE.advance(Duration.ofMinutes(5).plusSeconds(1));

            JsonPath abandoned = ReconciliationRuns.read(admin(), dead);
            assertThat(abandoned.getString("status")).isEqualTo("failed");
            assertThat(abandoned.getString("errorMessage")).contains("abandoned");
            assertThat(abandoned.getString("completedAt")).isNotNull();
            JsonPath next = ReconciliationRuns.start(admin(), "false");
            assertThat(next.getString("reconciliationId")).isNotEqualTo(dead);
            assertThat(ReconciliationRuns.awaitFinished(admin(), next.getString("reconciliationId"))
                            .getString("status"))
                    .isEqualTo("completed");
        } finally {
            MovableClock.INSTANCE.reset();
            SyncFixtures.sql(
                    "UPDATE reconciliation_reports SET status = 'failed' WHERE reconciliation_id = ?"
                            + " AND status = 'running'",
                    dead);
        }
    }

    @Test
    void aReportIsKeptInPostgresqlAndReadTheSameByAnyReader() throws Exception {
        String coachId = newCoachId();
        CoachServiceStub.put(CoachServiceStub.profile(
                coachId, 1, "Casey", "Jordan", coachId + "@example.com", null, SyncFixtures.SCHOOL, "active"));

        JsonPath report = ReconciliationRuns.run(admin(), "false");

        String id = report.getString("reconciliationId");
        // A fresh connection, as another replica (or this one after a restart) reads it.
        try (Connection other = DataStores.shared().postgres().connect(PostgresServer.DATABASE);
                PreparedStatement s = other.prepareStatement("SELECT status, trigger, requested_by, repair,"
                        + " completed_at IS NOT NULL, report->'summary'->>'profilesWithoutUser',"
                        + " jsonb_array_length(report->'discrepancies'), report::text"
                        + " FROM reconciliation_reports WHERE reconciliation_id = ?")) {
            s.setString(1, id);
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).isEqualTo("completed");
                assertThat(r.getString(2)).isEqualTo("manual");
                assertThat(r.getString(3)).isEqualTo(SyncFixtures.ADMIN_EMAIL);
                assertThat(r.getBoolean(4)).isFalse();
                assertThat(r.getBoolean(5)).isTrue();
                assertThat(r.getInt(6)).isEqualTo(report.getInt("summary.profilesWithoutUser"));
                assertThat(r.getInt(7))
                        .isEqualTo(report.getList("discrepancies").size())
                        .isPositive();
                assertThat(r.getString(8)).contains(coachId);
            }
        }
        assertThat(ReconciliationRuns.latest(admin()).getString("reconciliationId"))
                .isEqualTo(id);
        assertProblem(given().auth().oauth2(admin()).get("/api/sync/reconciliations/no-such-run"), 404);
    }

    @Test
    void profilesUsersAndStudentsAreReadInPagesAndEveryDiscrepancyOfEveryPageIsFound() {
        // Seven active profiles: four pages of coach-service's list (the stub serves two a page).
        List<String> coaches = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String id = newCoachId();
            coaches.add(id);
            CoachServiceStub.put(CoachServiceStub.profile(
                    id, 1, "Page", "Coach", id + "@example.com", null, SyncFixtures.SCHOOL, "active"));
        }
        // Twelve students without copies: at least three keyset pages of students (five a page in tests).
        List<String> students = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String student = "S-" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
            students.add(student);
            SyncFixtures.sql(
                    "INSERT INTO students (student_unique_id, student_usi, first_name, last_name, birth_date)"
                            + " VALUES (?, ?, 'Pat', 'Paging', DATE '2014-03-02')",
                    student,
                    ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999));
        }
        CoachServiceStub.forgetRequests();

        JsonPath report = ReconciliationRuns.run(admin(), "false");

        assertThat(report.getString("status")).isEqualTo("completed");
        for (String id : coaches) {
            assertThat(found(report, "profile_without_user", id)).as(id).isPresent();
        }
        for (String student : students) {
            assertThat(found(report, "student_copy_missing", student))
                    .as(student)
                    .isPresent();
        }
        assertThat(report.getInt("profilesChecked")).isEqualTo(7);
        for (String cursor : List.of("active-1", "active-2", "active-3")) {
            assertThat(CoachServiceStub.pageRequests("active", 2, cursor))
                    .as("the page at " + cursor)
                    .isEqualTo(1);
        }
    }

    @Test
    void badInputAndOtherRolesAreRefused() {
        assertProblem(
                given().auth().oauth2(admin()).queryParam("repair", "yes").post("/api/sync/reconciliations"), 400);
        assertProblem(given().post("/api/sync/reconciliations"), 401);
        assertProblem(given().get("/api/sync/reconciliations/latest"), 401);
        assertProblem(given().get("/api/sync/reconciliations/some-run"), 401);
        for (String token : List.of(
                TestTokens.anyService(),
                TestTokens.coach("c@example.com", "c", "i"),
                TestTokens.parent("p@example.com", "i"))) {
            assertProblem(given().auth().oauth2(token).post("/api/sync/reconciliations"), 403);
            assertProblem(given().auth().oauth2(token).get("/api/sync/reconciliations/latest"), 403);
            assertProblem(given().auth().oauth2(token).get("/api/sync/reconciliations/some-run"), 403);
        }
    }

    /** Schools of the reference data. */
    private static final class ReferenceDataSchools {
        static final String ROUND_ROCK = tsa.testsupport.ReferenceData.SCHOOL_ROUND_ROCK;
    }

    private static String syncedCoach(String school) {
        String coachId = newCoachId();
        String syncId = sendAccepted(
                change("create", coachId, 1, "Casey", "Jordan", coachId + "@example.com", null, school, "active"));
        assertThat(awaitSettled(syncId).syncStatus).isEqualTo("completed");
        return coachId;
    }

    private static JsonPath run(String token, String repair) {
        return ReconciliationRuns.run(token, repair);
    }

    private static Optional<JsonPath> found(JsonPath report, String kind, String resourceId) {
        return ReconciliationRuns.found(report, kind, resourceId);
    }

    private static Organization organization(String sourcedId) {
        return QuarkusTransaction.requiringNew().call(() -> Organization.findById(sourcedId));
    }
}
