package tsa.coach.profile;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import tsa.coach.profile.service.CoachProfiles;
import tsa.coach.profile.store.CoachProfile;
import tsa.testsupport.ReferenceData;
import tsa.testsupport.TestTokens;

/** Profiles and callers for the profile tests; profiles are created as onboarding creates them. */
final class ProfileFixtures {

    static final String AUSTIN = ReferenceData.SCHOOL_AUSTIN;
    static final String ROUND_ROCK = ReferenceData.SCHOOL_ROUND_ROCK;

    private ProfileFixtures() {}

    static String newCoachId() {
        return "coach-" + UUID.randomUUID();
    }

    static String emailOf(String coachId) {
        return coachId + "@coaches.example";
    }

    static CoachProfile onboard(CoachProfiles profiles, String coachId, String schoolId) {
        return profiles.createFromOnboarding(
                coachId,
                emailOf(coachId),
                "Casey",
                "Jordan",
                "+1 512 555 0100",
                schoolId,
                List.of("basketball", "track"),
                List.of("invite_parents"));
    }

    static String coachToken(String coachId) {
        return TestTokens.coach(emailOf(coachId), coachId, "invitation-of-" + coachId);
    }

    /** A valid {@code CoachProfileUpdate}, to vary. */
    static Map<String, Object> edit() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", "Casey-Lee");
        body.put("lastName", "Jordan Smith");
        body.put("phone", "+1 (512) 555-0199");
        body.put("schoolId", ROUND_ROCK);
        body.put("sportSpecialties", List.of("soccer", "swimming"));
        return body;
    }

    static Response putMine(String token, String ifMatch, Object body) {
        var request =
                given().auth().oauth2(token).contentType("application/json").body(body);
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.put("/api/coach/profiles/me");
    }

    /** Where the sync-service stub listens (the generated client's configured URL). */
    static String syncStub() {
        return ConfigProvider.getConfig().getValue(SyncServiceStub.URL_KEY, String.class);
    }

    static void syncFailsFor(String coachId) {
        given().queryParam("coachId", coachId)
                .put(syncStub() + "/control/fail")
                .then()
                .statusCode(204);
    }

    static void syncWorksFor(String coachId) {
        given().queryParam("coachId", coachId)
                .delete(syncStub() + "/control/fail")
                .then()
                .statusCode(204);
    }

    static void syncRefuses(String coachId) {
        given().queryParam("coachId", coachId)
                .put(syncStub() + "/control/refuse")
                .then()
                .statusCode(204);
    }

    static void syncTakes(String coachId) {
        given().queryParam("coachId", coachId)
                .delete(syncStub() + "/control/refuse")
                .then()
                .statusCode(204);
    }

    static List<Map<String, Object>> receivedBySync(String coachId) {
        return given().queryParam("coachId", coachId)
                .get(syncStub() + "/control/received")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
    }
}
