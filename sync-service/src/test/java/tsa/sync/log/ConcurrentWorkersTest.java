package tsa.sync.log;

import static org.assertj.core.api.Assertions.assertThat;
import static tsa.sync.SyncFixtures.awaitSettled;
import static tsa.sync.SyncFixtures.delivery;
import static tsa.sync.SyncFixtures.newCoachId;
import static tsa.sync.SyncFixtures.user;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.model.ProfileSyncLog;
import tsa.model.SyncType;
import tsa.sync.StubServices;
import tsa.sync.SyncFixtures;
import tsa.sync.log.service.ProfileChangeIntake;
import tsa.sync.log.service.ProfileSnapshot;
import tsa.sync.log.service.SyncWorker;
import tsa.testsupport.RealDataStores;

/** Workers racing for the same rows (threads here, replicas in production) never process one row twice. */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(StubServices.class)
class ConcurrentWorkersTest {

    private static final int WORKERS = 6;
    private static final int COACHES = 12;
    private static final int VERSIONS_EACH = 3;

    @Inject
    ProfileChangeIntake intake;

    @Inject
    SyncWorker worker;

    @BeforeEach
    void schools() {
        SyncFixtures.loadSchools();
    }

    @Test
    void workersDrainingAtOnceProcessEachRowExactlyOnce() throws Exception {
        List<String> coaches = new ArrayList<>();
        List<String> syncIds = new ArrayList<>();
        for (int c = 0; c < COACHES; c++) {
            String coachId = newCoachId();
            coaches.add(coachId);
            for (int v = VERSIONS_EACH; v >= 1; v--) {
                ProfileSnapshot profile = new ProfileSnapshot(
                        coachId,
                        v,
                        "Version" + v,
                        "Racer",
                        coachId + "@example.com",
                        null,
                        SyncFixtures.SCHOOL,
                        List.of(),
                        "active",
                        null,
                        null);
                // Recorded without the intake's kick: the racing workers below find them pending.
                syncIds.add(intake.record(v == 1 ? SyncType.CREATE : SyncType.UPDATE, profile, Map.of("source", "test"))
                        .syncId
                        .toString());
            }
        }

        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> workers = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            workers.add(() -> {
                start.await();
                return worker.drain();
            });
        }
        List<Future<Integer>> results = workers.stream().map(pool::submit).toList();
        start.countDown();
        for (Future<Integer> result : results) {
            result.get();
        }
        pool.shutdown();

        for (String syncId : syncIds) {
            ProfileSyncLog row = awaitSettled(syncId);
            assertThat(row.syncStatus).as(syncId).isEqualTo("completed");
            assertThat(delivery(row)).as(syncId).containsEntry("claims", 1).containsEntry("attempts", 1);
        }
        for (String coachId : coaches) {
            assertThat(user(coachId).givenName).isEqualTo("Version" + VERSIONS_EACH);
            assertThat(user(coachId).metadata).containsEntry("profileVersion", VERSIONS_EACH);
        }
    }
}
