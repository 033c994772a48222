package tsa.coach.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.coach.profile.ProfileFixtures.AUSTIN;
import static tsa.coach.profile.ProfileFixtures.coachToken;
import static tsa.coach.profile.ProfileFixtures.edit;
import static tsa.coach.profile.ProfileFixtures.emailOf;
import static tsa.coach.profile.ProfileFixtures.newCoachId;
import static tsa.coach.profile.ProfileFixtures.onboard;
import static tsa.coach.profile.ProfileFixtures.putMine;
import static tsa.coach.profile.ProfileFixtures.receivedBySync;
import static tsa.coach.profile.ProfileFixtures.syncFailsFor;
import static tsa.coach.profile.ProfileFixtures.syncRefuses;
import static tsa.coach.profile.ProfileFixtures.syncTakes;
import static tsa.coach.profile.ProfileFixtures.syncWorksFor;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tsa.coach.client.SyncServiceClient;
import tsa.coach.config.TableNames;
import tsa.coach.profile.service.CoachProfiles;
import tsa.coach.profile.service.ProfileSync;
import tsa.coach.profile.store.CoachProfile;
import tsa.coach.profile.store.ProfileStore;
import tsa.testsupport.DataStores;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ReferenceData;
import tsa.testsupport.TestTokens;

/**
 * Every profile create, update and status change reaches sync-service (here a real HTTP server standing in for it,
 * {@link SyncServiceStub}): acknowledged changes lose their {@code sync_pending} mark; changes made while
 * sync-service fails keep it, and the re-send job delivers them later; a change sync-service refuses stays pending
 * without holding up the others.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(SyncServiceStub.class)
class ProfileSyncTest {

    @Inject
    CoachProfiles profiles;

    @Inject
    ProfileSync sync;

    @Inject
    ProfileStore store;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    TableNames tables;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    Scheduler scheduler;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void schoolsAndAClosedCircuit() {
        ReferenceData.loadSchools(DataStores.shared().postgres());
        // Each test starts with sync-service's circuit closed, whatever the failures of the test before.
        breakers.reset(SyncServiceClient.CIRCUIT);
    }

    @Test
    void aCreateUpdateAndStatusChangeAreEachSentAndAcknowledged() {
        String coachId = newCoachId();
        CoachProfile created = onboard(profiles, coachId, AUSTIN);
        assertThat(created.syncPending()).isNull();
        assertThat(storedItem(coachId)).doesNotContainKey(CoachProfile.SYNC_PENDING);

        putMine(coachToken(coachId), "\"1\"", edit()).then().statusCode(200);
        assertThat(storedItem(coachId)).doesNotContainKey(CoachProfile.SYNC_PENDING);

        given().auth()
                .oauth2(TestTokens.service("admin-service"))
                .contentType("application/json")
                .body(Map.of("profileStatus", "inactive"))
                .put("/internal/profiles/" + coachId + "/status")
                .then()
                .statusCode(200);
        assertThat(storedItem(coachId))
                .doesNotContainKey(CoachProfile.SYNC_PENDING)
                .containsEntry(CoachProfile.VERSION, AttributeValue.fromN("3"));

        List<Map<String, Object>> received = receivedBySync(coachId);
        assertThat(received)
                .extracting(r -> r.get("changeType"), r -> r.get("version"), r -> r.get("profileStatus"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("create", 1, "active"),
                        org.assertj.core.groups.Tuple.tuple("update", 2, "active"),
                        org.assertj.core.groups.Tuple.tuple("update", 3, "inactive"));
        assertThat(received)
                .allSatisfy(r -> assertThat(r)
                        .containsEntry("_method", "POST")
                        .containsEntry("_answered", 202)
                        .containsEntry("_groups", List.of("service"))
                        .containsEntry("_subject", "coach-service")
                        .containsEntry("_keyId", "svc-coach-service")
                        .containsEntry("email", emailOf(coachId)));
        assertThat((String) received.get(0).get("_contentType")).startsWith("application/json");
        assertThat(received.get(0))
                .containsEntry("coachId", coachId)
                .containsEntry("firstName", "Casey")
                .containsEntry("lastName", "Jordan")
                .containsEntry("phone", "+1 512 555 0100")
                .containsEntry("schoolId", AUSTIN)
                .containsEntry("sportSpecialties", List.of("basketball", "track"));
        // The same instants; the wire format may drop trailing zeros of the fraction.
        assertThat(java.time.Instant.parse((String) received.get(0).get("createdAt")))
                .isEqualTo(java.time.Instant.parse(created.createdAt()));
        assertThat(java.time.Instant.parse((String) received.get(0).get("updatedAt")))
                .isEqualTo(java.time.Instant.parse(created.updatedAt()));
        assertThat(received.get(1))
                .containsEntry("firstName", "Casey-Lee")
                .containsEntry("schoolId", ProfileFixtures.ROUND_ROCK);
    }

    @Test
    void aWriteWhileSyncServiceFailsSucceedsStaysPendingAndTheResendJobDeliversIt() {
        String coachId = newCoachId();
        onboard(profiles, coachId, AUSTIN);
        syncFailsFor(coachId);
        try {
            Response updated = putMine(coachToken(coachId), "\"1\"", edit());
            updated.then().statusCode(200).header("ETag", "\"2\"");

            assertThat(storedItem(coachId))
                    .containsEntry(CoachProfile.SYNC_PENDING, AttributeValue.fromS(CoachProfile.SYNC_PENDING_VALUE));
            List<Map<String, Object>> attempts = receivedBySync(coachId);
            assertThat(attempts)
                    .filteredOn(r -> r.get("version").equals(2))
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(r).containsEntry("_answered", 503));
            assertThat(pendingIds()).contains(coachId);

            // Still down: the job leaves it pending.
            sync.resendPending();
            assertThat(storedItem(coachId)).containsKey(CoachProfile.SYNC_PENDING);
        } finally {
            syncWorksFor(coachId);
        }

        assertThat(sync.resendPending()).isGreaterThanOrEqualTo(1);

        assertThat(storedItem(coachId))
                .doesNotContainKey(CoachProfile.SYNC_PENDING)
                .containsEntry(CoachProfile.VERSION, AttributeValue.fromN("2"));
        assertThat(pendingIds()).doesNotContain(coachId);
        Map<String, Object> delivered = last(receivedBySync(coachId));
        assertThat(delivered)
                .containsEntry("_answered", 202)
                .containsEntry("version", 2)
                .containsEntry("changeType", "update")
                .containsEntry("firstName", "Casey-Lee");
    }

    @Test
    void aProfileCreatedWhileSyncServiceFailsIsResentAsACreate() {
        String coachId = newCoachId();
        syncFailsFor(coachId);
        try {
            CoachProfile created = onboard(profiles, coachId, AUSTIN);
            assertThat(created.syncPending()).isEqualTo(CoachProfile.SYNC_PENDING_VALUE);
        } finally {
            syncWorksFor(coachId);
        }
        assertThat(storedItem(coachId)).containsKey(CoachProfile.SYNC_PENDING);

        sync.resendPending();

        assertThat(storedItem(coachId)).doesNotContainKey(CoachProfile.SYNC_PENDING);
        assertThat(last(receivedBySync(coachId)))
                .containsEntry("_answered", 202)
                .containsEntry("changeType", "create")
                .containsEntry("version", 1);
    }

    @Test
    void anAcknowledgementOfAnOlderVersionLeavesTheNewerOnePending() {
        String coachId = newCoachId();
        onboard(profiles, coachId, AUSTIN);
        syncFailsFor(coachId);
        try {
            putMine(coachToken(coachId), "\"1\"", edit()).then().statusCode(200);
        } finally {
            syncWorksFor(coachId);
        }

        // The acknowledgement of version 1 arrives late: version 2 must stay marked.
        assertThat(store.clearSyncPending(coachId, 1L)).isFalse();
        assertThat(storedItem(coachId)).containsKey(CoachProfile.SYNC_PENDING);

        assertThat(store.clearSyncPending(coachId, 2L)).isTrue();
        assertThat(storedItem(coachId)).doesNotContainKey(CoachProfile.SYNC_PENDING);
        assertThat(store.clearSyncPending(coachId, 2L)).isFalse();
    }

    @Test
    void afterRepeatedFailuresTheCircuitOpensAndWritesStopWaitingForSyncService() {
        String coachId = newCoachId();
        onboard(profiles, coachId, AUSTIN);
        String token = coachToken(coachId);
        syncFailsFor(coachId);
        try {
            long version = 1;
            while (breakers.currentState(SyncServiceClient.CIRCUIT) != CircuitBreakerState.OPEN && version < 10) {
                putMine(token, "\"" + version + "\"", edit()).then().statusCode(200);
                version++;
            }
            assertThat(breakers.currentState(SyncServiceClient.CIRCUIT)).isEqualTo(CircuitBreakerState.OPEN);
            int attempts = receivedBySync(coachId).size();

            // While open, a write still succeeds, without calling sync-service, and stays pending.
            putMine(token, "\"" + version + "\"", edit()).then().statusCode(200);
            assertThat(receivedBySync(coachId)).hasSize(attempts);
            assertThat(storedItem(coachId)).containsKey(CoachProfile.SYNC_PENDING);
        } finally {
            syncWorksFor(coachId);
            breakers.reset(SyncServiceClient.CIRCUIT);
        }
        sync.resendPending();
        assertThat(storedItem(coachId)).doesNotContainKey(CoachProfile.SYNC_PENDING);
    }

    @Test
    void aVersionSyncServiceRefusesStaysPendingIsCountedAndHoldsUpNoOtherProfile() {
        String refusedCoach = newCoachId();
        String waitingCoach = newCoachId();
        syncRefuses(refusedCoach);
        syncFailsFor(waitingCoach);
        try {
            // The refused one waits longest, so the re-send job meets it first.
            onboard(profiles, refusedCoach, AUSTIN);
            onboard(profiles, waitingCoach, AUSTIN);
            assertThat(last(receivedBySync(refusedCoach))).containsEntry("_answered", 400);
            syncWorksFor(waitingCoach);
            double refusedBefore = registry.counter("tsa.profile.sync.refused").count();

            sync.resendPending();

            assertThat(storedItem(waitingCoach)).doesNotContainKey(CoachProfile.SYNC_PENDING);
            assertThat(last(receivedBySync(waitingCoach))).containsEntry("_answered", 202);
            assertThat(storedItem(refusedCoach)).containsKey(CoachProfile.SYNC_PENDING);
            assertThat(registry.counter("tsa.profile.sync.refused").count()).isGreaterThan(refusedBefore);
            assertThat(breakers.currentState(SyncServiceClient.CIRCUIT))
                    .as("a refusal is an answer, not an outage")
                    .isEqualTo(CircuitBreakerState.CLOSED);
        } finally {
            syncTakes(refusedCoach);
            syncWorksFor(waitingCoach);
        }
        // Once sync-service takes it (after a deployment, say), the next run delivers it.
        sync.resendPending();
        assertThat(storedItem(refusedCoach)).doesNotContainKey(CoachProfile.SYNC_PENDING);
    }

    @Test
    void theResendJobIsScheduled() {
        assertThat(scheduler.getScheduledJob("profile-sync-resend")).isNotNull();
    }

    private static Map<String, Object> last(List<Map<String, Object>> received) {
        assertThat(received).isNotEmpty();
        return received.get(received.size() - 1);
    }

    private Map<String, AttributeValue> storedItem(String coachId) {
        return dynamo.getItem(r -> r.tableName(tables.profiles())
                        .consistentRead(true)
                        .key(Map.of(CoachProfile.COACH_ID, AttributeValue.fromS(coachId))))
                .item();
    }

    private List<String> pendingIds() {
        List<String> ids = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var page = store.syncPending(new tsa.runtime.paging.PageRequest("100", cursor));
            page.items().forEach(p -> ids.add(p.coachId()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return ids;
    }
}
