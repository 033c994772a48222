package tsa.coach.onboarding;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.coach.onboarding.OnboardingFixtures.Invited;
import static tsa.coach.onboarding.OnboardingFixtures.SESSIONS;
import static tsa.coach.onboarding.OnboardingFixtures.adminServiceDown;
import static tsa.coach.onboarding.OnboardingFixtures.agreements;
import static tsa.coach.onboarding.OnboardingFixtures.invite;
import static tsa.coach.onboarding.OnboardingFixtures.read;
import static tsa.coach.onboarding.OnboardingFixtures.save;
import static tsa.coach.onboarding.OnboardingFixtures.saveRaw;
import static tsa.coach.onboarding.OnboardingFixtures.setInvitationStatus;
import static tsa.coach.onboarding.OnboardingFixtures.start;
import static tsa.coach.onboarding.OnboardingFixtures.stubInvitation;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.testsupport.DataStores;
import tsa.testsupport.MovableClock;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ReferenceData;
import tsa.testsupport.TestTokens;

/** Starting, resuming and saving the onboarding wizard: step rules, the 24-hour sliding expiry, ownership. */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@QuarkusTestResource(AdminServiceStub.class)
class OnboardingWizardTest {

    @BeforeEach
    void schools() {
        ReferenceData.loadSchools(DataStores.shared().postgres());
    }

    @AfterEach
    void realTime() {
        MovableClock.INSTANCE.reset();
        adminServiceDown(false);
    }

    @Test
    void startingPrefillsTheSessionFromTheInvitationAndStartingAgainResumesIt() {
        Invited coach = invite();
        Response started = start(coach.token());
        started.then().statusCode(201);
        String sessionId = started.jsonPath().getString("sessionId");
        assertThat(started.header("Location")).endsWith(SESSIONS + "/" + sessionId);
        assertThat(started.jsonPath().getString("coachId")).isEqualTo(coach.coachId());
        assertThat(started.jsonPath().getString("invitationId")).isEqualTo(coach.invitationId());
        assertThat(started.jsonPath().getString("email")).isEqualTo(coach.email());
        assertThat(started.jsonPath().getString("onboardingStep")).isEqualTo("personal_info");
        assertThat(started.jsonPath().getMap("formData"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "firstName",
                        "Casey",
                        "lastName",
                        "Jordan",
                        "schoolId",
                        "255901001",
                        "sportSpecialties",
                        List.of("basketball")));
        assertThat(started.jsonPath().getList("completedSteps")).containsExactly("personal_info", "school", "sports");
        assertThat(started.jsonPath().getString("createdAt")).isNotBlank();
        assertThat(Instant.parse(started.jsonPath().getString("expiresAt")))
                .isBetween(
                        Instant.now().plus(Duration.ofHours(24)).minusSeconds(60),
                        Instant.now().plus(Duration.ofHours(24)).plusSeconds(60));
        // admin-service was asked with this service's own token
        assertThat(stubInvitation(coach.invitationId()).jsonPath().getList("_lastGroups"))
                .containsExactly("service");

        Response resumed = start(coach.token());
        resumed.then().statusCode(200);
        assertThat(resumed.jsonPath().getString("sessionId")).isEqualTo(sessionId);
        assertThat(read(coach.token(), sessionId).jsonPath().getString("sessionId"))
                .isEqualTo(sessionId);
    }

    @Test
    void startsRacingForOneInvitationMakeOneSession() throws Exception {
        for (int round = 0; round < 3; round++) {
            Invited coach = invite();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> start(coach.token()));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                statuses.add(f.get().statusCode());
                ids.add(f.get().jsonPath().getString("sessionId"));
            }
            pool.shutdown();
            assertThat(statuses)
                    .containsOnly(200, 201)
                    .filteredOn(s -> s == 201)
                    .hasSize(1);
            assertThat(ids).containsOnly(ids.get(0));
        }
    }

    @Test
    void savesMergeTheFormMoveTheStepAndGoingBackIsAllowed() {
        Invited coach = invite();
        String id = start(coach.token()).jsonPath().getString("sessionId");

        Response personal = save(
                coach.token(), id, "personal_info", Map.of("firstName", "  Casey-Lee ", "phone", "+1 (512) 555-0100"));
        personal.then().statusCode(200);
        assertThat(personal.jsonPath().getString("formData.firstName")).isEqualTo("Casey-Lee");
        assertThat(personal.jsonPath().getString("formData.lastName")).isEqualTo("Jordan");
        assertThat(personal.jsonPath().getString("formData.phone")).isEqualTo("+1 (512) 555-0100");

        save(coach.token(), id, "school", Map.of("schoolId", "255901044"))
                .then()
                .statusCode(200);
        save(coach.token(), id, "sports", Map.of("sportSpecialties", List.of("soccer", "track, field")))
                .then()
                .statusCode(200);
        Response agreed = save(coach.token(), id, "agreements", agreements());
        agreed.then().statusCode(200);
        assertThat(agreed.jsonPath().getList("completedSteps"))
                .containsExactly("personal_info", "school", "sports", "agreements", "review");

        Response back = save(coach.token(), id, "personal_info", Map.of("lastName", "Jordan Smith"));
        back.then().statusCode(200);
        Response now = read(coach.token(), id);
        assertThat(now.jsonPath().getString("onboardingStep")).isEqualTo("personal_info");
        assertThat(now.jsonPath().getMap("formData"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "firstName",
                        "Casey-Lee",
                        "lastName",
                        "Jordan Smith",
                        "phone",
                        "+1 (512) 555-0100",
                        "schoolId",
                        "255901044",
                        "sportSpecialties",
                        List.of("soccer", "track, field"),
                        "termsAccepted",
                        true,
                        "codeOfConductAccepted",
                        true,
                        "backgroundCheckConsent",
                        true));
        assertThat(now.jsonPath().getString("email")).isEqualTo(coach.email());

        save(coach.token(), id, "review", Map.of()).then().statusCode(200);
        assertThat(read(coach.token(), id).jsonPath().getString("onboardingStep"))
                .isEqualTo("review");
    }

    @Test
    void aStepIsSavedOnlyWithItsFieldsCompleteAndValid() {
        Invited coach = invite();
        String id = start(coach.token()).jsonPath().getString("sessionId");

        assertInvalid(save(coach.token(), id, "school", Map.of("schoolId", "999999")), "formData.schoolId");
        assertInvalid(save(coach.token(), id, "school", Map.of("schoolId", "Austin")), "formData.schoolId");
        assertInvalid(save(coach.token(), id, "personal_info", Map.of("firstName", "")), "formData.firstName");
        assertInvalid(save(coach.token(), id, "personal_info", Map.of("lastName", "   ")), "formData.lastName");
        assertInvalid(
                save(coach.token(), id, "personal_info", Map.of("firstName", "x".repeat(101))), "formData.firstName");
        assertInvalid(save(coach.token(), id, "personal_info", Map.of("phone", "call me")), "formData.phone");
        assertInvalid(
                save(coach.token(), id, "sports", Map.of("sportSpecialties", List.of())), "formData.sportSpecialties");
        assertInvalid(
                save(coach.token(), id, "sports", Map.of("sportSpecialties", List.of("soccer", "soccer"))),
                "formData.sportSpecialties");
        List<String> eleven = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            eleven.add("sport " + i);
        }
        assertInvalid(
                save(coach.token(), id, "sports", Map.of("sportSpecialties", eleven)), "formData.sportSpecialties");
        Response unagreed =
                save(coach.token(), id, "agreements", Map.of("termsAccepted", true, "codeOfConductAccepted", false));
        unagreed.then().statusCode(400).contentType("application/problem+json");
        assertThat(unagreed.jsonPath().getList("errors.field"))
                .containsExactly("formData.codeOfConductAccepted", "formData.backgroundCheckConsent");

        // malformed bodies
        saveRaw(coach.token(), id, "{\"onboardingStep\":\"finish\",\"formData\":{}}")
                .then()
                .statusCode(400);
        saveRaw(coach.token(), id, "{\"formData\":{}}").then().statusCode(400);
        saveRaw(coach.token(), id, "{\"onboardingStep\":\"school\"}").then().statusCode(400);
        saveRaw(coach.token(), id, "{\"onboardingStep\":\"school\",\"formData\":{\"role\":\"admin\"}}")
                .then()
                .statusCode(400);
        saveRaw(coach.token(), id, "{\"onboardingStep\":\"agreements\",\"formData\":{\"termsAccepted\":\"true\"}}")
                .then()
                .statusCode(400);
        saveRaw(coach.token(), id, "{\"onboardingStep\":\"school\",\"formData\":{\"schoolId\":255901001}}")
                .then()
                .statusCode(400);
        saveRaw(coach.token(), id, "{\"onboardingStep\":\"sports\",\"formData\":{\"sportSpecialties\":\"soccer\"}}")
                .then()
                .statusCode(400);
        saveRaw(coach.token(), id, "{\"onboardingStep\": ")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(coach.token())
                .contentType("application/json")
                .put(SESSIONS + "/" + id)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");

        // nothing of that was saved
        Response unchanged = read(coach.token(), id);
        assertThat(unchanged.jsonPath().getString("onboardingStep")).isEqualTo("personal_info");
        assertThat(unchanged.jsonPath().getMap("formData"))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "firstName",
                        "Casey",
                        "lastName",
                        "Jordan",
                        "schoolId",
                        "255901001",
                        "sportSpecialties",
                        List.of("basketball")));
    }

    @Test
    void skippingAheadPastAnUnfinishedStepIsAConflict() {
        // The invitation names no school that exists, so the school step starts unfinished.
        Invited coach = invite(Map.of("schoolId", "999999"));
        Response started = start(coach.token());
        String id = started.jsonPath().getString("sessionId");
        assertThat(started.jsonPath().getList("completedSteps")).containsExactly("personal_info", "sports");

        save(coach.token(), id, "sports", Map.of("sportSpecialties", List.of("soccer")))
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        save(coach.token(), id, "agreements", agreements()).then().statusCode(409);
        save(coach.token(), id, "review", Map.of()).then().statusCode(409);

        // finishing the school step in the same save is not skipping
        save(coach.token(), id, "sports", Map.of("schoolId", "255901001", "sportSpecialties", List.of("soccer")))
                .then()
                .statusCode(200);
        save(coach.token(), id, "review", Map.of()).then().statusCode(409);
        save(coach.token(), id, "agreements", agreements()).then().statusCode(200);
        save(coach.token(), id, "review", Map.of()).then().statusCode(200);
    }

    @Test
    void everySaveKeepsTheSessionAnother24HoursAndAnIdleOneIsGone() {
        Invited coach = invite();
        Response started = start(coach.token());
        String id = started.jsonPath().getString("sessionId");

        MovableClock.INSTANCE.advance(Duration.ofHours(23));
        read(coach.token(), id).then().statusCode(200);
        Response saved = save(coach.token(), id, "personal_info", Map.of("phone", "+1 512 555 0100"));
        saved.then().statusCode(200);
        assertThat(Instant.parse(saved.jsonPath().getString("expiresAt")))
                .isAfter(MovableClock.INSTANCE
                        .instant()
                        .plus(Duration.ofHours(24))
                        .minusSeconds(60));

        MovableClock.INSTANCE.advance(Duration.ofHours(23)); // 46 hours after the start, 23 after the last save
        read(coach.token(), id).then().statusCode(200);
        Response resumed = start(coach.token());
        resumed.then().statusCode(200);
        assertThat(resumed.jsonPath().getString("sessionId")).isEqualTo(id);

        MovableClock.INSTANCE.advance(Duration.ofHours(1).plusMinutes(1)); // idle for 24 hours and a minute
        read(coach.token(), id).then().statusCode(404).contentType("application/problem+json");
        save(coach.token(), id, "personal_info", Map.of()).then().statusCode(404);
        OnboardingFixtures.complete(coach.token(), id).then().statusCode(404);

        Response fresh = start(coach.token());
        fresh.then().statusCode(201);
        String freshId = fresh.jsonPath().getString("sessionId");
        assertThat(freshId).isNotEqualTo(id);
        assertThat(fresh.jsonPath().getMap("formData")).doesNotContainKey("phone");
        read(coach.token(), id).then().statusCode(404);
        read(coach.token(), freshId).then().statusCode(200);
        assertThat(start(coach.token()).jsonPath().getString("sessionId")).isEqualTo(freshId);
    }

    @Test
    void onlyTheSessionsOwnCoachSeesIt() {
        Invited coach = invite();
        Invited other = invite();
        String id = start(coach.token()).jsonPath().getString("sessionId");
        start(other.token()).then().statusCode(201);

        read(other.token(), id).then().statusCode(404).contentType("application/problem+json");
        save(other.token(), id, "personal_info", Map.of("firstName", "Mallory"))
                .then()
                .statusCode(404);
        OnboardingFixtures.complete(other.token(), id).then().statusCode(404);
        // the same coach id with another invitation is not the session's owner either
        read(TestTokens.coach(coach.email(), coach.coachId(), other.invitationId()), id)
                .then()
                .statusCode(404);
        read(coach.token(), "guard#onboarding#" + coach.invitationId()).then().statusCode(404);
        read(coach.token(), "no-such-session").then().statusCode(404);
        assertThat(read(coach.token(), id).jsonPath().getString("formData.firstName"))
                .isEqualTo("Casey");

        given().auth()
                .oauth2(TestTokens.admin("admin@tsa.example"))
                .get(SESSIONS + "/" + id)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.parent("p@example.com", "inv"))
                .post(SESSIONS)
                .then()
                .statusCode(403);
        given().get(SESSIONS + "/" + id).then().statusCode(401);
    }

    @Test
    void startingNeedsAnOpenInvitationOfTheCoachAndAReachableAdminService() {
        // a coach session without an invitation
        start(TestTokens.user("coach", "c@example.com", Map.of("coachId", "coach-x")))
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        // an invitation admin-service does not know
        start(TestTokens.coach("c@example.com", "coach-x", "no-such-invitation"))
                .then()
                .statusCode(409);
        // somebody else's invitation
        Invited coach = invite();
        start(TestTokens.coach(coach.email(), "another-coach-id", coach.invitationId()))
                .then()
                .statusCode(409);
        // closed invitations
        for (String status : List.of("cancelled", "expired", "accepted")) {
            Invited closed = invite();
            setInvitationStatus(closed.invitationId(), status);
            start(closed.token()).then().statusCode(409);
        }
        // admin-service down
        Invited waiting = invite();
        adminServiceDown(true);
        Response unavailable = start(waiting.token());
        unavailable.then().statusCode(503).contentType("application/problem+json");
        adminServiceDown(false);
        start(waiting.token()).then().statusCode(201);
    }

    private static void assertInvalid(Response response, String field) {
        response.then().statusCode(400).contentType("application/problem+json");
        assertThat(response.jsonPath().getList("errors.field"))
                .as(response.asString())
                .contains(field);
    }
}
