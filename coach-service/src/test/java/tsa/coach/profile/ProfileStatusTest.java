package tsa.coach.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.coach.profile.ProfileFixtures.AUSTIN;
import static tsa.coach.profile.ProfileFixtures.coachToken;
import static tsa.coach.profile.ProfileFixtures.newCoachId;
import static tsa.coach.profile.ProfileFixtures.onboard;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.coach.profile.service.CoachProfiles;
import tsa.coach.profile.store.CoachProfile;
import tsa.testsupport.DataStores;
import tsa.testsupport.MovableClock;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ReferenceData;
import tsa.testsupport.TestTokens;

/** The internal profile operations: status changes on an admin's behalf, reads and the list by status. */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
class ProfileStatusTest {

    /** admin-service changes statuses (on an admin's behalf) and reads profiles. */
    private final String service = TestTokens.service("admin-service");

    @Inject
    CoachProfiles profiles;

    @BeforeEach
    void schools() {
        ReferenceData.loadSchools(DataStores.shared().postgres());
    }

    @Test
    void aServiceChangesAStatusAndSettingItAgainChangesNothing() {
        String coachId = newCoachId();
        CoachProfile created = onboard(profiles, coachId, AUSTIN);

        Response changed =
                changeStatus(service, coachId, Map.of("profileStatus", "inactive", "reason", "left the academy"));
        changed.then().statusCode(200).contentType("application/json").header("ETag", "\"2\"");
        assertThat(changed.jsonPath().getMap("$"))
                .containsEntry("profileStatus", "inactive")
                .containsEntry("version", 2)
                .containsEntry("createdAt", created.createdAt());
        assertThat(changed.jsonPath().getString("updatedAt")).isGreaterThanOrEqualTo(created.updatedAt());

        Response again = changeStatus(service, coachId, Map.of("profileStatus", "inactive"));
        again.then().statusCode(200).header("ETag", "\"2\"");
        assertThat(again.jsonPath().getMap("$")).isEqualTo(changed.jsonPath().getMap("$"));

        Response read = given().auth().oauth2(service).get("/internal/profiles/" + coachId);
        read.then().statusCode(200).header("ETag", "\"2\"");
        assertThat(read.jsonPath().getMap("$")).isEqualTo(changed.jsonPath().getMap("$"));

        // The coach sees the status; the ETag they edit against moved on.
        given().auth()
                .oauth2(coachToken(coachId))
                .get("/api/coach/profiles/me")
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"");
        changeStatus(service, coachId, Map.of("profileStatus", "active"))
                .then()
                .statusCode(200)
                .header("ETag", "\"3\"");
    }

    @Test
    void onlyServicesChangeStatusesUsersGet403() {
        String coachId = newCoachId();
        onboard(profiles, coachId, AUSTIN);
        for (String token : List.of(
                TestTokens.admin("admin@tsa.example"),
                coachToken(coachId),
                TestTokens.parent("p@families.example", "i"),
                TestTokens.serviceRoleSignedWithUserKey())) {
            Response response = changeStatus(token, coachId, Map.of("profileStatus", "inactive"));
            assertThat(response.statusCode()).isIn(401, 403);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        for (String token : List.of(TestTokens.admin("admin@tsa.example"), coachToken(coachId))) {
            changeStatus(token, coachId, Map.of("profileStatus", "inactive"))
                    .then()
                    .statusCode(403);
            given().auth()
                    .oauth2(token)
                    .get("/internal/profiles/" + coachId)
                    .then()
                    .statusCode(403);
            given().auth()
                    .oauth2(token)
                    .queryParam("status", "active")
                    .get("/internal/profiles")
                    .then()
                    .statusCode(403);
        }
        given().auth()
                .oauth2(service)
                .get("/internal/profiles/" + coachId)
                .then()
                .header("ETag", "\"1\"");
    }

    /** Issue 27: a coach's status changes only through admin-service, which audits it; no other service may. */
    @Test
    void onlyAdminServiceChangesAStatusOtherServicesGet403() {
        String coachId = newCoachId();
        onboard(profiles, coachId, AUSTIN);
        for (String other : List.of("coach-service", "parent-service", "sync-service")) {
            Response refused = changeStatus(TestTokens.service(other), coachId, Map.of("profileStatus", "inactive"));
            assertThat(refused.statusCode())
                    .as(other + ": " + refused.asString())
                    .isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        // sync-service's own key cannot sign for admin-service either.
        changeStatus(
                        TestTokens.serviceClaimingToBe("admin-service", "sync-service"),
                        coachId,
                        Map.of("profileStatus", "inactive"))
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        // sync-service still reads the profile it may not change, unchanged.
        given().auth()
                .oauth2(TestTokens.service("sync-service"))
                .get("/internal/profiles/" + coachId)
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"");
        changeStatus(service, coachId, Map.of("profileStatus", "inactive"))
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"");
    }

    @Test
    void unknownProfilesAndBadBodiesAreRefused() {
        String coachId = newCoachId();
        onboard(profiles, coachId, AUSTIN);

        changeStatus(service, "no-such-coach-" + UUID.randomUUID(), Map.of("profileStatus", "inactive"))
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(service)
                .get("/internal/profiles/no-such-coach")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");

        List<Object> bodies = List.of(
                Map.of(),
                Map.of("profileStatus", "retired"),
                Map.of("profileStatus", "ACTIVE"),
                Map.of("profileStatus", 1),
                Map.of("profileStatus", "active", "reason", "x".repeat(501)),
                Map.of("profileStatus", "active", "coachId", "someone"),
                "not json",
                "[]");
        for (Object body : bodies) {
            Response response = changeStatus(service, coachId, body);
            assertThat(response.statusCode()).as(body.toString()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        Response noBody = given().auth()
                .oauth2(service)
                .contentType("application/json")
                .put("/internal/profiles/" + coachId + "/status");
        assertThat(noBody.statusCode()).isEqualTo(400);
        given().auth()
                .oauth2(service)
                .get("/internal/profiles/" + coachId)
                .then()
                .header("ETag", "\"1\"");
    }

    @Test
    void servicesListProfilesByStatusNewestFirstPageByPage() {
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String coachId = newCoachId();
            onboard(profiles, coachId, AUSTIN);
            MovableClock.INSTANCE.advance(Duration.ofMillis(3)); // distinct updated_at, so the order is defined
            profiles.changeStatus(coachId, "pending");
            mine.add(coachId);
        }

        List<Map<String, Object>> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth()
                    .oauth2(service)
                    .queryParam("status", "pending")
                    .queryParam("limit", 2);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            Response page = request.get("/internal/profiles");
            page.then().statusCode(200).contentType("application/json");
            List<Map<String, Object>> items = page.jsonPath().getList("items");
            assertThat(items)
                    .hasSizeLessThanOrEqualTo(2)
                    .allSatisfy(item -> assertThat(item).containsEntry("profileStatus", "pending"));
            listed.addAll(items);
            cursor = page.jsonPath().getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 1000);

        assertThat(pages).isGreaterThanOrEqualTo(3);
        List<String> ids =
                listed.stream().map(item -> (String) item.get("coachId")).toList();
        assertThat(ids).doesNotHaveDuplicates().containsAll(mine);
        assertThat(listed)
                .extracting(item -> (String) item.get("updatedAt"))
                .isSortedAccordingTo(Comparator.reverseOrder());
        List<String> mineInListOrder = ids.stream().filter(mine::contains).toList();
        List<String> newestFirst = new ArrayList<>(mine);
        Collections.reverse(newestFirst);
        assertThat(mineInListOrder).containsExactlyElementsOf(newestFirst);

        // The coach whose status changes leaves one list and joins the other.
        String moved = mine.get(0);
        profiles.changeStatus(moved, "inactive");
        assertThat(allIds("pending")).doesNotContain(moved);
        assertThat(allIds("inactive")).contains(moved);
    }

    @Test
    void badListRequestsAreRefused() {
        for (Map<String, Object> query : List.<Map<String, Object>>of(
                Map.of(),
                Map.of("status", "retired"),
                Map.of("status", "active", "limit", 0),
                Map.of("status", "active", "limit", 101),
                Map.of("status", "active", "limit", "-1"),
                Map.of("status", "active", "cursor", "%%%"))) {
            Response response =
                    given().auth().oauth2(service).queryParams(query).get("/internal/profiles");
            assertThat(response.statusCode()).as(query.toString()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
        onboard(profiles, newCoachId(), AUSTIN);
        onboard(profiles, newCoachId(), AUSTIN);
        String activeCursor = given().auth()
                .oauth2(service)
                .queryParam("status", "active")
                .queryParam("limit", 1)
                .get("/internal/profiles")
                .jsonPath()
                .getString("nextCursor");
        assertThat(activeCursor).isNotNull();
        given().auth()
                .oauth2(service)
                .queryParam("status", "pending")
                .queryParam("cursor", activeCursor)
                .get("/internal/profiles")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    private List<String> allIds(String status) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var request =
                    given().auth().oauth2(service).queryParam("status", status).queryParam("limit", 100);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            Response page = request.get("/internal/profiles");
            ids.addAll(page.jsonPath().getList("items.coachId"));
            cursor = page.jsonPath().getString("nextCursor");
        } while (cursor != null);
        return ids;
    }

    private static Response changeStatus(String token, String coachId, Object body) {
        return given().auth()
                .oauth2(token)
                .contentType("application/json")
                .body(body)
                .put("/internal/profiles/" + coachId + "/status");
    }
}
