package tsa.sync.log;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.sync.SyncFixtures.active;
import static tsa.sync.SyncFixtures.admin;
import static tsa.sync.SyncFixtures.assertProblem;
import static tsa.sync.SyncFixtures.awaitSettled;
import static tsa.sync.SyncFixtures.newCoachId;
import static tsa.sync.SyncFixtures.sendAccepted;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.sync.StubServices;
import tsa.sync.SyncFixtures;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.TestTokens;

/** Admins page through the sync log, newest first, by status and profile. */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(StubServices.class)
class SyncLogApiTest {

    @BeforeEach
    void schools() {
        SyncFixtures.loadSchools();
    }

    @Test
    void theLogOfAProfileIsPagedNewestFirst() {
        String coachId = newCoachId();
        List<String> sent = new ArrayList<>();
        for (int v = 1; v <= 5; v++) {
            sent.add(sendAccepted(active(coachId, v, "Casey" + v, coachId + "@example.com")));
        }
        sent.forEach(SyncFixtures::awaitSettled);

        List<String> seen = new ArrayList<>();
        List<String> createdAt = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth()
                    .oauth2(admin())
                    .queryParam("profileId", coachId)
                    .queryParam("limit", 2);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/sync/sync-log");
            assertThat(page.statusCode()).as(page.asString()).isEqualTo(200);
            seen.addAll(page.jsonPath().getList("items.syncId"));
            createdAt.addAll(page.jsonPath().getList("items.createdAt"));
            cursor = page.jsonPath().getString("nextCursor");
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(sent).doesNotHaveDuplicates();
        List<String> newestFirst = new ArrayList<>(createdAt);
        newestFirst.sort(Collections.reverseOrder());
        assertThat(createdAt).isEqualTo(newestFirst);
    }

    @Test
    void theLogCanBeFilteredByStatus() {
        String coachId = newCoachId();
        awaitSettled(sendAccepted(active(coachId, 1, "Casey", coachId + "@example.com")));

        Response completed = given().auth()
                .oauth2(admin())
                .queryParam("status", "completed")
                .queryParam("profileId", coachId)
                .get("/api/sync/sync-log");
        Response failed = given().auth()
                .oauth2(admin())
                .queryParam("status", "failed")
                .queryParam("profileId", coachId)
                .get("/api/sync/sync-log");
        Response anyFailed =
                given().auth().oauth2(admin()).queryParam("status", "failed").get("/api/sync/sync-log");

        assertThat(completed.jsonPath().getList("items")).hasSize(1);
        assertThat(completed.jsonPath().getString("nextCursor")).isNull();
        assertThat(failed.jsonPath().getList("items")).isEmpty();
        assertThat(anyFailed.statusCode()).isEqualTo(200);
        assertThat(anyFailed.jsonPath().getList("items.syncStatus", String.class))
                .allMatch("failed"::equals);
    }

    @Test
    void badQueriesAreRefusedWithProblemDetails() {
        String coachId = newCoachId();
        for (int v = 1; v <= 3; v++) {
            sendAccepted(active(coachId, v, "Casey", coachId + "@example.com"));
        }
        String cursor = given().auth()
                .oauth2(admin())
                .queryParam("profileId", coachId)
                .queryParam("limit", 1)
                .get("/api/sync/sync-log")
                .jsonPath()
                .getString("nextCursor");
        assertThat(cursor).isNotNull();

        assertProblem(
                given().auth().oauth2(admin()).queryParam("status", "done").get("/api/sync/sync-log"), 400);
        assertProblem(
                given().auth().oauth2(admin()).queryParam("status", "FAILED").get("/api/sync/sync-log"), 400);
        assertProblem(given().auth().oauth2(admin()).queryParam("limit", 0).get("/api/sync/sync-log"), 400);
        assertProblem(given().auth().oauth2(admin()).queryParam("limit", 101).get("/api/sync/sync-log"), 400);
        assertProblem(given().auth().oauth2(admin()).queryParam("limit", "ten").get("/api/sync/sync-log"), 400);
        assertProblem(
                given().auth().oauth2(admin()).queryParam("cursor", "garbage!").get("/api/sync/sync-log"), 400);
        // A cursor of one query is no good for another.
        assertProblem(
                given().auth().oauth2(admin()).queryParam("cursor", cursor).get("/api/sync/sync-log"), 400);
        assertProblem(
                given().auth()
                        .oauth2(admin())
                        .queryParam("profileId", coachId)
                        .queryParam("status", "pending")
                        .queryParam("cursor", cursor)
                        .get("/api/sync/sync-log"),
                400);
    }

    @Test
    void onlyAdminsReadTheLog() {
        assertProblem(given().get("/api/sync/sync-log"), 401);
        for (String token : List.of(
                TestTokens.anyService(),
                TestTokens.coach("c@example.com", "c", "i"),
                TestTokens.parent("p@example.com", "i"))) {
            assertProblem(given().auth().oauth2(token).get("/api/sync/sync-log"), 403);
        }
    }
}
