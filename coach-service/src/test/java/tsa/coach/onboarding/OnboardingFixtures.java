package tsa.coach.onboarding;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import tsa.testsupport.TestTokens;

/** Invitations in the admin-service stub, coach sessions carrying them, and calls to the wizard. */
final class OnboardingFixtures {

    static final String SESSIONS = "/api/coach/onboarding-sessions";

    private OnboardingFixtures() {}

    /** An invited coach: what admin-service minted and the session token the invitation link gives. */
    record Invited(String invitationId, String coachId, String email, String token) {}

    static Invited invite() {
        return invite(Map.of());
    }

    /** A sent invitation in the stub ({@code overrides}: schoolId, sport, firstName, lastName, permissions). */
    static Invited invite(Map<String, Object> overrides) {
        String email = "coach-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Map<String, Object> body = new LinkedHashMap<>(overrides);
        body.put("coachEmail", email);
        Response created = given().contentType(ContentType.JSON).body(body).post(adminStub() + "/control/invitations");
        created.then().statusCode(201);
        String invitationId = created.jsonPath().getString("invitationId");
        String coachId = created.jsonPath().getString("coachId");
        return new Invited(invitationId, coachId, email, TestTokens.coach(email, coachId, invitationId));
    }

    static String adminStub() {
        return ConfigProvider.getConfig().getValue(AdminServiceStub.URL_KEY, String.class);
    }

    static void setInvitationStatus(String invitationId, String status) {
        given().put(adminStub() + "/control/invitations/" + invitationId + "?status=" + status)
                .then()
                .statusCode(204);
    }

    static void cancelOnNextAccept(String invitationId) {
        given().put(adminStub() + "/control/invitations/" + invitationId + "?cancelOnAccept=true")
                .then()
                .statusCode(204);
    }

    /** The stub's record of the invitation: its status and how often it was read and accepted. */
    static Response stubInvitation(String invitationId) {
        return given().get(adminStub() + "/control/invitations/" + invitationId)
                .then()
                .statusCode(200)
                .extract()
                .response();
    }

    static void adminServiceDown(boolean down) {
        var request = given();
        (down ? request.put(adminStub() + "/control/outage") : request.delete(adminStub() + "/control/outage"))
                .then()
                .statusCode(204);
    }

    static Response start(String token) {
        return given().auth().oauth2(token).post(SESSIONS);
    }

    static Response read(String token, String sessionId) {
        return given().auth().oauth2(token).pathParam("id", sessionId).get(SESSIONS + "/{id}");
    }

    static Response save(String token, String sessionId, String step, Map<String, Object> formData) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("onboardingStep", step, "formData", formData))
                .pathParam("id", sessionId)
                .put(SESSIONS + "/{id}");
    }

    static Response saveRaw(String token, String sessionId, String json) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(json)
                .pathParam("id", sessionId)
                .put(SESSIONS + "/{id}");
    }

    static Response complete(String token, String sessionId) {
        return given().auth().oauth2(token).pathParam("id", sessionId).post(SESSIONS + "/{id}/complete");
    }

    static Map<String, Object> agreements() {
        return Map.of("termsAccepted", true, "codeOfConductAccepted", true, "backgroundCheckConsent", true);
    }

    /** Starts a session and walks it through every step, ready to complete; returns the session id. */
    static String walkedThrough(Invited coach) {
        Response started = start(coach.token());
        started.then().statusCode(201);
        String sessionId = started.jsonPath().getString("sessionId");
        save(coach.token(), sessionId, "personal_info", Map.of("phone", "+1 512 555 0100"))
                .then()
                .statusCode(200);
        save(coach.token(), sessionId, "school", Map.of("schoolId", "255901044"))
                .then()
                .statusCode(200);
        save(coach.token(), sessionId, "sports", Map.of("sportSpecialties", List.of("basketball", "track")))
                .then()
                .statusCode(200);
        save(coach.token(), sessionId, "agreements", agreements()).then().statusCode(200);
        save(coach.token(), sessionId, "review", Map.of()).then().statusCode(200);
        return sessionId;
    }
}
