package tsa.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tsa.testsupport.LocalSystem;
import tsa.testsupport.LocalSystem.Service;
import tsa.testsupport.MailServer;

/** What people do with the running system, step by step over HTTP, shared by the system tests. */
final class Journeys {

    private static final Pattern LINK = Pattern.compile("/auth\\?token=([A-Za-z0-9._-]+)");

    private final LocalSystem system;

    Journeys(LocalSystem system) {
        this.system = system;
    }

    /** An invited coach who finished onboarding: their ids and session. */
    record OnboardedCoach(String email, String coachId, String invitationId, String token) {}

    String url(Service service, String path) {
        return system.baseUrl(service) + path;
    }

    String lastLinkTo(String address, int expectedMails) {
        Instant deadline = Instant.now().plusSeconds(30);
        List<MailServer.Mail> inbox = List.of();
        while (Instant.now().isBefore(deadline)) {
            inbox = system.stores().mail().inbox(address);
            if (inbox.size() >= expectedMails) {
                break;
            }
            sleep(200);
        }
        assertThat(inbox).as("mails to " + address).hasSize(expectedMails);
        Matcher link = LINK.matcher(inbox.get(inbox.size() - 1).body());
        assertThat(link.find()).isTrue();
        return link.group(1);
    }

    Response session(String linkToken) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("token", linkToken))
                .post(url(Service.ADMIN, "/api/auth/sessions"));
    }

    static final String ADMIN_EMAIL = "admin@tsa.example";

    /** The allow-listed admin signs in with a magic link read over IMAP. */
    String adminSignsIn(int mailsSoFar) {
        given().contentType(ContentType.JSON)
                .body(Map.of("email", ADMIN_EMAIL, "portal", "admin"))
                .post(url(Service.ADMIN, "/api/auth/magic-links"))
                .then()
                .statusCode(202);
        return session(lastLinkTo(ADMIN_EMAIL, mailsSoFar + 1))
                .then()
                .statusCode(200)
                .extract()
                .path("accessToken");
    }

    Response inviteCoach(String admin, String coachEmail) {
        return given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "coachEmail",
                        coachEmail,
                        "firstName",
                        "Casey",
                        "lastName",
                        "Jordan",
                        "schoolId",
                        "255901001",
                        "sport",
                        "basketball",
                        "permissions",
                        List.of("invite_parents")))
                .post(url(Service.ADMIN, "/api/admin/coach-invitations"));
    }

    OnboardedCoach coachOnboards(String admin) {
        String email = "coach-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Response invitation = inviteCoach(admin, email);
        invitation.then().statusCode(201);
        String coach =
                session(lastLinkTo(email, 1)).then().statusCode(200).extract().path("accessToken");
        Response started = given().auth().oauth2(coach).post(url(Service.COACH, "/api/coach/onboarding-sessions"));
        assertThat(started.statusCode()).isIn(200, 201);
        String sessionId = started.path("sessionId");
        save(coach, sessionId, "personal_info", Map.of("firstName", "Casey", "lastName", "Jordan"));
        save(coach, sessionId, "school", Map.of("schoolId", "255901001"));
        save(coach, sessionId, "sports", Map.of("sportSpecialties", List.of("basketball")));
        save(
                coach,
                sessionId,
                "agreements",
                Map.of("termsAccepted", true, "codeOfConductAccepted", true, "backgroundCheckConsent", true));
        save(coach, sessionId, "review", Map.of());
        Response profile = given().auth()
                .oauth2(coach)
                .post(url(Service.COACH, "/api/coach/onboarding-sessions/" + sessionId + "/complete"));
        assertThat(profile.statusCode()).as(profile.asString()).isIn(200, 201);
        return new OnboardedCoach(email, invitation.path("coachId"), invitation.path("invitationId"), coach);
    }

    /** A parent invited by a coach, signed in through the invitation's link. */
    record InvitedParent(String email, String invitationId, String linkToken, String token) {}

    InvitedParent parentInvitedBy(OnboardedCoach coach) {
        String email = "parent-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Response invitation = inviteParent(coach.token(), email);
        invitation.then().statusCode(201);
        String link = lastLinkTo(email, 1);
        Response session = session(link);
        session.then().statusCode(200);
        return new InvitedParent(email, invitation.path("invitationId"), link, session.path("accessToken"));
    }

    Response inviteParent(String coach, String parentEmail) {
        return given().auth()
                .oauth2(coach)
                .contentType(ContentType.JSON)
                .body(Map.of("parentEmail", parentEmail, "studentName", "Sam Jordan", "sport", "basketball"))
                .post(url(Service.COACH, "/api/coach/parent-invitations"));
    }

    /**
     * A district's standards client: the admin registers an API client in sync-service with the given scopes, and the
     * client takes a bearer token with HTTP Basic client credentials at a standard's token endpoint.
     */
    String standardsToken(String admin, String tokenPath, String... scopes) {
        Response client = given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "district tool", "scopes", List.of(scopes)))
                .post(url(Service.SYNC, "/api/sync/api-clients"));
        assertThat(client.statusCode()).as(client.asString()).isEqualTo(201);
        Response token = given().auth()
                .preemptive()
                .basic(client.path("clientId"), client.path("clientSecret"))
                .formParam("grant_type", "client_credentials")
                .post(url(Service.SYNC, tokenPath));
        assertThat(token.statusCode()).as(token.asString()).isEqualTo(200);
        return token.path("access_token");
    }

    void save(String coach, String sessionId, String step, Map<String, Object> formData) {
        Response saved = given().auth()
                .oauth2(coach)
                .contentType(ContentType.JSON)
                .body(Map.of("onboardingStep", step, "formData", formData))
                .put(url(Service.COACH, "/api/coach/onboarding-sessions/" + sessionId));
        assertThat(saved.statusCode()).as(step + ": " + saved.asString()).isEqualTo(200);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
