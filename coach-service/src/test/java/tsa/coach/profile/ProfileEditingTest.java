package tsa.coach.profile;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.coach.profile.ProfileFixtures.AUSTIN;
import static tsa.coach.profile.ProfileFixtures.ROUND_ROCK;
import static tsa.coach.profile.ProfileFixtures.coachToken;
import static tsa.coach.profile.ProfileFixtures.edit;
import static tsa.coach.profile.ProfileFixtures.emailOf;
import static tsa.coach.profile.ProfileFixtures.newCoachId;
import static tsa.coach.profile.ProfileFixtures.onboard;
import static tsa.coach.profile.ProfileFixtures.putMine;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.coach.profile.service.CoachProfiles;
import tsa.coach.profile.store.CoachProfile;
import tsa.testsupport.DataStores;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ReferenceData;

/** A coach reads and edits their own profile: ETag / If-Match, read-only fields, school check, bad input. */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
class ProfileEditingTest {

    @Inject
    CoachProfiles profiles;

    @BeforeEach
    void schools() {
        ReferenceData.loadSchools(DataStores.shared().postgres());
    }

    @Test
    void aCoachWithoutAProfileGets404() {
        Response response = given().auth().oauth2(coachToken(newCoachId())).get("/api/coach/profiles/me");
        response.then().statusCode(404).contentType("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(404);
    }

    @Test
    void onboardingCreatesAnActiveProfileAtVersionOneAndTheCoachReadsItWithItsETag() {
        String coachId = newCoachId();
        CoachProfile created = onboard(profiles, coachId, AUSTIN);
        assertThat(created.version()).isEqualTo(1L);

        Response me = given().auth().oauth2(coachToken(coachId)).get("/api/coach/profiles/me");
        me.then().statusCode(200).contentType("application/json").header("ETag", "\"1\"");
        Map<String, Object> body = me.jsonPath().getMap("$");
        assertThat(body)
                .containsEntry("coachId", coachId)
                .containsEntry("email", emailOf(coachId))
                .containsEntry("firstName", "Casey")
                .containsEntry("lastName", "Jordan")
                .containsEntry("phone", "+1 512 555 0100")
                .containsEntry("schoolId", AUSTIN)
                .containsEntry("sportSpecialties", List.of("basketball", "track"))
                .containsEntry("profileStatus", "active")
                .containsEntry("version", 1)
                .containsKeys("createdAt", "updatedAt")
                .doesNotContainKeys("syncPending", "sync_pending", "schemaVersion");
        assertThat(body.get("createdAt")).isEqualTo(body.get("updatedAt"));
        assertThat((String) body.get("createdAt")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
    }

    @Test
    void creatingFromOnboardingAgainReturnsTheProfileUnchanged() {
        String coachId = newCoachId();
        CoachProfile first = onboard(profiles, coachId, AUSTIN);
        CoachProfile again = profiles.createFromOnboarding(
                coachId,
                "other@coaches.example",
                "Other",
                "Name",
                null,
                ROUND_ROCK,
                List.of("golf"),
                List.of("invite_parents"));
        assertThat(again.version()).isEqualTo(1L);
        assertThat(again.firstName()).isEqualTo("Casey");
        assertThat(again.schoolId()).isEqualTo(AUSTIN);
        assertThat(again.createdAt()).isEqualTo(first.createdAt());
    }

    @Test
    void anUpdateNeedsIfMatchAndAdvancesTheVersionAndUpdatedAtButNotCreatedAt() {
        String coachId = newCoachId();
        String token = coachToken(coachId);
        CoachProfile created = onboard(profiles, coachId, AUSTIN);

        Response missing = putMine(token, null, edit());
        missing.then().statusCode(428).contentType("application/problem+json");
        assertThat(missing.jsonPath().getInt("status")).isEqualTo(428);
        putMine(token, "*", edit()).then().statusCode(428).contentType("application/problem+json");

        putMine(token, "\"7\"", edit()).then().statusCode(412).contentType("application/problem+json");
        putMine(token, "W/\"1\"", edit()).then().statusCode(412).contentType("application/problem+json");
        putMine(token, "1", edit()).then().statusCode(400).contentType("application/problem+json");

        Response updated = putMine(token, "\"1\"", edit());
        updated.then().statusCode(200).header("ETag", "\"2\"");
        Map<String, Object> body = updated.jsonPath().getMap("$");
        assertThat(body)
                .containsEntry("version", 2)
                .containsEntry("firstName", "Casey-Lee")
                .containsEntry("lastName", "Jordan Smith")
                .containsEntry("phone", "+1 (512) 555-0199")
                .containsEntry("schoolId", ROUND_ROCK)
                .containsEntry("sportSpecialties", List.of("soccer", "swimming"))
                .containsEntry("email", emailOf(coachId))
                .containsEntry("profileStatus", "active")
                .containsEntry("createdAt", created.createdAt());
        assertThat((String) body.get("updatedAt")).isGreaterThanOrEqualTo(created.updatedAt());

        // The same If-Match again is stale now.
        putMine(token, "\"1\"", edit()).then().statusCode(412);
        Response reread = given().auth().oauth2(token).get("/api/coach/profiles/me");
        reread.then().statusCode(200).header("ETag", "\"2\"");
        assertThat(reread.jsonPath().getMap("$")).isEqualTo(body);

        // A list of tags naming the current one matches; leaving out the phone clears it.
        Map<String, Object> withoutPhone = edit();
        withoutPhone.remove("phone");
        Response third = putMine(token, "\"9\", \"2\"", withoutPhone);
        third.then().statusCode(200).header("ETag", "\"3\"");
        assertThat(third.jsonPath().getMap("$")).doesNotContainKey("phone");
    }

    @Test
    void ofConcurrentUpdatesFromTheSameReadExactlyOneWins() throws Exception {
        String coachId = newCoachId();
        String token = coachToken(coachId);
        onboard(profiles, coachId, AUSTIN);

        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            Map<String, Object> body = edit();
            body.put("firstName", "Writer " + i);
            calls.add(() -> {
                start.await();
                return putMine(token, "\"1\"", body);
            });
        }
        List<Future<Response>> futures = new ArrayList<>();
        for (Callable<Response> call : calls) {
            futures.add(pool.submit(call));
        }
        start.countDown();
        List<Integer> statuses = new ArrayList<>();
        String winner = null;
        for (Future<Response> future : futures) {
            Response response = future.get();
            statuses.add(response.statusCode());
            if (response.statusCode() == 200) {
                winner = response.jsonPath().getString("firstName");
            }
        }
        pool.shutdown();

        assertThat(statuses).containsOnly(200, 412);
        assertThat(Collections.frequency(statuses, 200)).isEqualTo(1);
        Response me = given().auth().oauth2(token).get("/api/coach/profiles/me");
        me.then().header("ETag", "\"2\"");
        assertThat(me.jsonPath().getString("firstName")).isEqualTo(winner);
    }

    @Test
    void theEmailAndTheOtherReadOnlyFieldsCantBeChanged() {
        String coachId = newCoachId();
        String token = coachToken(coachId);
        onboard(profiles, coachId, AUSTIN);

        Map<String, Object> withEmail = edit();
        withEmail.put("email", "new-address@coaches.example");
        Response refused = putMine(token, "\"1\"", withEmail);
        refused.then().statusCode(400).contentType("application/problem+json");
        assertThat(refused.jsonPath().getList("errors.field")).containsExactly("email");

        for (Map.Entry<String, Object> field : Map.<String, Object>of(
                        "coachId",
                        "someone-else",
                        "profileStatus",
                        "inactive",
                        "createdAt",
                        "2020-01-01T00:00:00.000Z",
                        "updatedAt",
                        "2020-01-01T00:00:00.000Z",
                        "version",
                        9)
                .entrySet()) {
            Map<String, Object> body = edit();
            body.put(field.getKey(), field.getValue());
            Response response = putMine(token, "\"1\"", body);
            response.then().statusCode(400).contentType("application/problem+json");
            assertThat(response.jsonPath().getList("errors.field"))
                    .as(field.getKey())
                    .containsExactly(field.getKey());
        }

        Response me = given().auth().oauth2(token).get("/api/coach/profiles/me");
        me.then().statusCode(200).header("ETag", "\"1\"");
        assertThat(me.jsonPath().getString("email")).isEqualTo(emailOf(coachId));
    }

    @Test
    void aSchoolThatIsNotInSchoolsIsRefused() {
        String coachId = newCoachId();
        String token = coachToken(coachId);
        onboard(profiles, coachId, AUSTIN);

        Map<String, Object> body = edit();
        body.put("schoolId", "999999999");
        Response response = putMine(token, "\"1\"", body);
        response.then().statusCode(400).contentType("application/problem+json");
        assertThat(response.jsonPath().getList("errors.field")).containsExactly("schoolId");
        given().auth().oauth2(token).get("/api/coach/profiles/me").then().header("ETag", "\"1\"");
    }

    @Test
    void onboardingCantCreateAProfileAtAnUnknownSchool() {
        String coachId = newCoachId();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> onboard(profiles, coachId, "999999999"))
                .isInstanceOf(tsa.runtime.problem.ProblemException.class)
                .hasMessageContaining("schoolId");
        given().auth()
                .oauth2(coachToken(coachId))
                .get("/api/coach/profiles/me")
                .then()
                .statusCode(404);
    }

    @Test
    void badBodiesAreRefusedWithProblemDetails() {
        String coachId = newCoachId();
        String token = coachToken(coachId);
        onboard(profiles, coachId, AUSTIN);

        List<Object> bodies = new ArrayList<>();
        bodies.add(without("firstName"));
        bodies.add(without("lastName"));
        bodies.add(without("schoolId"));
        bodies.add(without("sportSpecialties"));
        bodies.add(with("firstName", ""));
        bodies.add(with("firstName", "   "));
        bodies.add(with("firstName", "x".repeat(101)));
        bodies.add(with("lastName", 42));
        bodies.add(with("phone", "call me"));
        bodies.add(with("phone", "+1 512 555 0100 0100 0100"));
        bodies.add(with("schoolId", "abc"));
        bodies.add(with("schoolId", 255901001));
        bodies.add(with("sportSpecialties", List.of()));
        bodies.add(with("sportSpecialties", List.of("soccer", "soccer")));
        bodies.add(with("sportSpecialties", List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k")));
        bodies.add(with("sportSpecialties", List.of("x".repeat(51))));
        bodies.add(with("sportSpecialties", List.of("")));
        bodies.add(with("sportSpecialties", List.of(7)));
        bodies.add(with("sportSpecialties", "soccer"));
        bodies.add(with("nickname", "Coach C"));
        bodies.add("not json");
        bodies.add("[]");
        bodies.add("{\"firstName\": \"A\"} trailing");
        for (Object body : bodies) {
            Response response = putMine(token, "\"1\"", body);
            assertThat(response.statusCode()).as(body.toString()).isEqualTo(400);
            assertThat(response.contentType()).as(body.toString()).startsWith("application/problem+json");
            assertThat(response.jsonPath().getInt("status")).isEqualTo(400);
            assertThat(response.asString()).doesNotContain("Exception").doesNotContain("tsa.");
        }
        Response noBody = given().auth()
                .oauth2(token)
                .contentType("application/json")
                .header("If-Match", "\"1\"")
                .put("/api/coach/profiles/me");
        assertThat(noBody.statusCode()).isEqualTo(400);
        assertThat(noBody.contentType()).startsWith("application/problem+json");

        given().auth().oauth2(token).get("/api/coach/profiles/me").then().header("ETag", "\"1\"");
    }

    private static Map<String, Object> without(String field) {
        Map<String, Object> body = edit();
        body.remove(field);
        return body;
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = edit();
        body.put(field, value);
        return body;
    }
}
