package tsa.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tsa.testsupport.LocalSystem;
import tsa.testsupport.LocalSystem.Service;

/**
 * No secret and no personal data in any service's log (issue 21): a journey that handles every kind of each (sign-in
 * and invitation link tokens, session and standards tokens, an API client's secret; names, email addresses, a phone
 * number, a student's name and birth date), including refused requests that carry them, and then every line of every
 * log the four services wrote is searched for each value.
 */
class SecretsNotInLogsTest {

    private static LocalSystem system;
    private static Journeys journeys;

    @BeforeAll
    static void start() {
        system = LocalSystem.start(false, "secrets-not-in-logs-test");
        journeys = new Journeys(system);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void noTokenSecretOrPersonalValueOfAFullJourneyAppearsInAnyServiceLog() throws IOException {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        Map<String, String> secrets = new LinkedHashMap<>();
        Map<String, String> personal = new LinkedHashMap<>();

        // The admin signs in: a sign-in link and a session.
        int adminMails = system.stores().mail().inbox(Journeys.ADMIN_EMAIL).size();
        given().contentType(ContentType.JSON)
                .body(Map.of("email", Journeys.ADMIN_EMAIL, "portal", "admin"))
                .post(journeys.url(Service.ADMIN, "/api/auth/magic-links"))
                .then()
                .statusCode(202);
        String adminLink = journeys.lastLinkTo(Journeys.ADMIN_EMAIL, adminMails + 1);
        String admin =
                journeys.session(adminLink).then().statusCode(200).extract().path("accessToken");
        personal.put("admin email", Journeys.ADMIN_EMAIL);
        putToken(secrets, "admin sign-in link", adminLink);
        putToken(secrets, "admin session", admin);
        // a used link redeemed again, a forged session: refused requests that carry secrets
        assertThat(journeys.session(adminLink).statusCode()).isBetween(400, 499);
        assertThat(given().auth()
                        .oauth2(admin.substring(0, admin.length() - 4) + "AAAA")
                        .get(journeys.url(Service.ADMIN, "/api/admin/users"))
                        .statusCode())
                .isEqualTo(401);

        // A coach is invited, signs in through the invitation and onboards with a phone number.
        String coachEmail = "quillon." + tag + "@example.com";
        String coachFirst = "Xanthe" + tag;
        String coachLast = "Brackwater" + tag;
        String coachPhone = "+1 737 555 0" + (100 + (tag.hashCode() & 0x3ff) % 900);
        personal.put("coach email", coachEmail);
        personal.put("coach first name", coachFirst);
        personal.put("coach last name", coachLast);
        personal.put("coach phone", coachPhone);
        personal.put("coach phone digits", coachPhone.replaceAll("[^0-9]", ""));
        Response invitation = given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "coachEmail",
                        coachEmail,
                        "firstName",
                        coachFirst,
                        "lastName",
                        coachLast,
                        "schoolId",
                        "255901001",
                        "sport",
                        "basketball",
                        "permissions",
                        List.of("invite_parents")))
                .post(journeys.url(Service.ADMIN, "/api/admin/coach-invitations"));
        assertThat(invitation.statusCode()).as(invitation.asString()).isEqualTo(201);
        String coachLink = journeys.lastLinkTo(coachEmail, 1);
        String coach =
                journeys.session(coachLink).then().statusCode(200).extract().path("accessToken");
        putToken(secrets, "coach invitation link", coachLink);
        putToken(secrets, "coach session", coach);
        Response started =
                given().auth().oauth2(coach).post(journeys.url(Service.COACH, "/api/coach/onboarding-sessions"));
        String sessionId = started.path("sessionId");
        journeys.save(
                coach,
                sessionId,
                "personal_info",
                Map.of("firstName", coachFirst, "lastName", coachLast, "phone", coachPhone));
        journeys.save(coach, sessionId, "school", Map.of("schoolId", "255901001"));
        journeys.save(coach, sessionId, "sports", Map.of("sportSpecialties", List.of("basketball")));
        journeys.save(
                coach,
                sessionId,
                "agreements",
                Map.of("termsAccepted", true, "codeOfConductAccepted", true, "backgroundCheckConsent", true));
        journeys.save(coach, sessionId, "review", Map.of());
        Response profile = given().auth()
                .oauth2(coach)
                .post(journeys.url(Service.COACH, "/api/coach/onboarding-sessions/" + sessionId + "/complete"));
        assertThat(profile.statusCode()).as(profile.asString()).isIn(200, 201);
        // a refused edit that carries the personal values (no If-Match), and an accepted one
        Map<String, Object> edit = Map.of(
                "firstName", coachFirst,
                "lastName", coachLast,
                "phone", coachPhone,
                "schoolId", "255901001",
                "sportSpecialties", List.of("basketball"));
        assertThat(given().auth()
                        .oauth2(coach)
                        .contentType(ContentType.JSON)
                        .body(edit)
                        .put(journeys.url(Service.COACH, "/api/coach/profiles/me"))
                        .statusCode())
                .isEqualTo(428);
        String etag = given().auth()
                .oauth2(coach)
                .get(journeys.url(Service.COACH, "/api/coach/profiles/me"))
                .header("ETag");
        given().auth()
                .oauth2(coach)
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(edit)
                .put(journeys.url(Service.COACH, "/api/coach/profiles/me"))
                .then()
                .statusCode(200);

        // The coach invites a family; the parent signs in and enrolls a student with a birth date.
        String parentEmail = "ysolde." + tag + "@example.com";
        String studentFirst = "Peregrin" + tag;
        String studentLast = "Thistlewood" + tag;
        String birthDate = "2011-09-23";
        personal.put("parent email", parentEmail);
        personal.put("student first name", studentFirst);
        personal.put("student last name", studentLast);
        personal.put("student birth date", birthDate);
        Response parentInvitation = given().auth()
                .oauth2(coach)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "parentEmail",
                        parentEmail,
                        "studentName",
                        studentFirst + " " + studentLast,
                        "sport",
                        "basketball"))
                .post(journeys.url(Service.COACH, "/api/coach/parent-invitations"));
        assertThat(parentInvitation.statusCode())
                .as(parentInvitation.asString())
                .isEqualTo(201);
        String parentLink = journeys.lastLinkTo(parentEmail, 1);
        String parent =
                journeys.session(parentLink).then().statusCode(200).extract().path("accessToken");
        putToken(secrets, "parent invitation link", parentLink);
        putToken(secrets, "parent session", parent);
        Response enrollment = given().auth()
                .oauth2(parent)
                .contentType(ContentType.JSON)
                .body(Map.of("invitationId", parentInvitation.path("invitationId")))
                .post(journeys.url(Service.PARENT, "/api/parent/enrollments"));
        assertThat(enrollment.statusCode()).as(enrollment.asString()).isEqualTo(201);
        String enrollmentId = enrollment.path("enrollmentId");
        // a refused change that carries the birth date (an unknown field), then the accepted one
        assertThat(given().auth()
                        .oauth2(parent)
                        .contentType(ContentType.JSON)
                        .body(Map.of("dateOfBirth", birthDate, "favouriteColour", studentFirst))
                        .patch(journeys.url(Service.PARENT, "/api/parent/enrollments/" + enrollmentId + "/student"))
                        .statusCode())
                .isEqualTo(400);
        given().auth()
                .oauth2(parent)
                .contentType(ContentType.JSON)
                .body(Map.of("dateOfBirth", birthDate, "gradeLevel", "Ninth grade", "studentAge", 15))
                .patch(journeys.url(Service.PARENT, "/api/parent/enrollments/" + enrollmentId + "/student"))
                .then()
                .statusCode(200);
        Response activated = given().auth()
                .oauth2(coach)
                .contentType(ContentType.JSON)
                .body(Map.of("enrollmentStatus", "active"))
                .patch(journeys.url(Service.PARENT, "/api/parent/enrollments/" + enrollmentId + "/status"));
        assertThat(activated.statusCode()).as(activated.asString()).isEqualTo(200);
        // sign-in links asked for by the coach and the parent, one of them with a malformed portal
        for (List<String> ask :
                List.of(List.of(coachEmail, "coach"), List.of(parentEmail, "parent"), List.of(coachEmail, "nope"))) {
            given().contentType(ContentType.JSON)
                    .body(Map.of("email", ask.get(0), "portal", ask.get(1)))
                    .post(journeys.url(Service.ADMIN, "/api/auth/magic-links"));
        }

        // A district's standards client: its secret and its bearer token, and a request with a wrong secret.
        Response client = given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "district tool " + tag,
                        "scopes",
                        List.of("https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly")))
                .post(journeys.url(Service.SYNC, "/api/sync/api-clients"));
        assertThat(client.statusCode()).as(client.asString()).isEqualTo(201);
        String clientSecret = client.path("clientSecret");
        secrets.put("API client secret", clientSecret);
        Response token = given().auth()
                .preemptive()
                .basic(client.path("clientId"), clientSecret)
                .formParam("grant_type", "client_credentials")
                .post(journeys.url(Service.SYNC, "/ims/oneroster/oauth/token"));
        assertThat(token.statusCode()).as(token.asString()).isEqualTo(200);
        putToken(secrets, "standards token", token.path("access_token"));
        given().auth()
                .preemptive()
                .basic(client.path("clientId"), clientSecret + "x")
                .formParam("grant_type", "client_credentials")
                .post(journeys.url(Service.SYNC, "/ims/oneroster/oauth/token"));
        given().auth()
                .oauth2((String) token.path("access_token"))
                .queryParam("filter", "email='" + coachEmail + "'")
                .get(journeys.url(Service.SYNC, "/ims/oneroster/rostering/v1p2/users"))
                .then()
                .statusCode(200);

        // Every log line of every service, searched for every value.
        List<String> found = new ArrayList<>();
        long lines = 0;
        List<Path> logs;
        try (Stream<Path> files = Files.list(system.logsDirectory())) {
            logs = files.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(logs).hasSize(Service.values().length);
        for (Path log : logs) {
            List<String> content = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            lines += content.size();
            for (int i = 0; i < content.size(); i++) {
                String line = content.get(i).toLowerCase(Locale.ROOT);
                for (Map<String, String> values : List.of(secrets, personal)) {
                    for (Map.Entry<String, String> value : values.entrySet()) {
                        if (line.contains(value.getValue().toLowerCase(Locale.ROOT))) {
                            found.add(log.getFileName() + ":" + (i + 1) + " holds the " + value.getKey());
                        }
                    }
                }
            }
        }
        System.out.println("secrets in logs: " + secrets.size() + " secrets and " + personal.size()
                + " personal values searched in " + lines + " lines of " + logs.size() + " logs, found "
                + found.size());
        assertThat(found).as("secret or personal values in the service logs").isEmpty();
    }

    /** A token and its secret part (the last dot-separated segment: a link's secret, a JWT's signature). */
    private static void putToken(Map<String, String> secrets, String name, String token) {
        secrets.put(name, token);
        String last = token.substring(token.lastIndexOf('.') + 1);
        if (last.length() >= 16) {
            secrets.put(name + " (secret part)", last);
        }
    }
}
