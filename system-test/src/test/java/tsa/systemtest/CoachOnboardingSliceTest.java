package tsa.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tsa.testsupport.LocalSystem;
import tsa.testsupport.LocalSystem.Service;

/**
 * The first slice through all four services, as users drive it over HTTP against the packaged services and the real
 * stores: an admin signs in and invites a coach; the coach signs in from the mail, onboards across several saves;
 * the profile reaches OneRoster {@code users}; the coach invites a parent who signs in; the admin deactivates the
 * coach; every admin action is in the audit trail.
 */
class CoachOnboardingSliceTest {

    private static LocalSystem system;
    private static Journeys journeys;

    @BeforeAll
    static void start() {
        system = LocalSystem.start(false, "slice-test");
        journeys = new Journeys(system);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    private static void eventually(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return;
            }
            Journeys.sleep(250);
        }
        throw new AssertionError("not within 30 s: " + what);
    }

    private static Map<String, Object> userRow(String sourcedId) {
        try (Connection c = system.stores().postgres().connect("coach_portal");
                PreparedStatement s = c.prepareStatement(
                        "select role, email, given_name, enabled_user, profile_id, org_ids::text from users where sourced_id = ?")) {
            s.setString(1, sourcedId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Map.of();
                }
                return Map.of(
                        "role",
                        rs.getString(1),
                        "email",
                        rs.getString(2),
                        "givenName",
                        rs.getString(3),
                        "enabled",
                        rs.getBoolean(4),
                        "profileId",
                        rs.getString(5),
                        "orgIds",
                        rs.getString(6));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anInvitedCoachOnboardsReachesOneRosterInvitesAParentAndIsDeactivated() {
        // The allow-listed admin signs in with a magic link read from the local mailbox over IMAP.
        given().contentType(ContentType.JSON)
                .body(Map.of("email", "admin@tsa.example", "portal", "admin"))
                .post(journeys.url(Service.ADMIN, "/api/auth/magic-links"))
                .then()
                .statusCode(202);
        String adminLink = journeys.lastLinkTo("admin@tsa.example", 1);
        String admin =
                journeys.session(adminLink).then().statusCode(200).extract().path("accessToken");
        journeys.session(adminLink).then().statusCode(401);

        // The admin invites a coach; the coach's link signs them in.
        String coachEmail = "coach-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Response invitation = given().auth()
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
                .post(journeys.url(Service.ADMIN, "/api/admin/coach-invitations"));
        invitation.then().statusCode(201);
        String invitationId = invitation.path("invitationId");
        String coachId = invitation.path("coachId");
        Response coachSession = journeys.session(journeys.lastLinkTo(coachEmail, 1));
        coachSession.then().statusCode(200);
        assertThat((String) coachSession.path("coachId")).isEqualTo(coachId);
        String coach = coachSession.path("accessToken");

        // Onboarding across several saves, then completion.
        Response started =
                given().auth().oauth2(coach).post(journeys.url(Service.COACH, "/api/coach/onboarding-sessions"));
        assertThat(started.statusCode()).isIn(200, 201);
        String sessionId = started.path("sessionId");
        assertThat((String) started.path("formData.firstName")).isEqualTo("Casey");
        save(
                coach,
                sessionId,
                "personal_info",
                Map.of("firstName", "Casey", "lastName", "Jordan", "phone", "+1 512 555 0100"));
        save(coach, sessionId, "school", Map.of("schoolId", "255901001"));
        save(coach, sessionId, "sports", Map.of("sportSpecialties", List.of("basketball", "track")));
        save(
                coach,
                sessionId,
                "agreements",
                Map.of("termsAccepted", true, "codeOfConductAccepted", true, "backgroundCheckConsent", true));
        save(coach, sessionId, "review", Map.of());
        Response profile = given().auth()
                .oauth2(coach)
                .post(journeys.url(Service.COACH, "/api/coach/onboarding-sessions/" + sessionId + "/complete"));
        assertThat(profile.statusCode()).isIn(200, 201);
        assertThat((String) profile.path("coachId")).isEqualTo(coachId);
        assertThat((String) profile.path("profileStatus")).isEqualTo("active");

        // The invitation is accepted in admin-service; the profile is listed under its school.
        assertThat((String) given().auth()
                        .oauth2(admin)
                        .get(journeys.url(Service.ADMIN, "/api/admin/coach-invitations/" + invitationId))
                        .path("invitationStatus"))
                .isEqualTo("accepted");
        assertThat(given().auth()
                        .oauth2(admin)
                        .queryParam("schoolId", "255901001")
                        .get(journeys.url(Service.COACH, "/api/coach/profiles"))
                        .jsonPath()
                        .getList("items.coachId"))
                .contains(coachId);

        // The profile reaches OneRoster users, linked by profile_id, enabled.
        eventually(
                "the coach's users row",
                () -> Boolean.TRUE.equals(userRow(coachId).get("enabled")));
        Map<String, Object> row = userRow(coachId);
        assertThat(row)
                .containsEntry("role", "teacher")
                .containsEntry("email", coachEmail)
                .containsEntry("profileId", coachId)
                .containsEntry("givenName", "Casey");
        assertThat((String) row.get("orgIds")).contains("255901001");
        // A classroom tool that knows only OneRoster finds the coach among the teachers, by email.
        String oneRoster = journeys.standardsToken(
                admin,
                "/ims/oneroster/oauth/token",
                "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly");
        Response teachers = given().auth()
                .oauth2(oneRoster)
                .queryParam("filter", "email='" + coachEmail + "'")
                .get(journeys.url(Service.SYNC, "/ims/oneroster/rostering/v1p2/teachers"));
        assertThat(teachers.statusCode()).as(teachers.asString()).isEqualTo(200);
        assertThat(teachers.jsonPath().getList("users.sourcedId")).containsExactly(coachId);
        assertThat(teachers.jsonPath().getList("users.enabledUser")).containsExactly("true");
        assertThat(teachers.jsonPath().getList("users.roles[0].org.sourcedId")).containsExactly("255901001");

        // The coach invites a parent; the parent's link signs the parent in; the parent sees the coach's public
        // profile.
        String parentEmail = "parent-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        given().auth()
                .oauth2(coach)
                .contentType(ContentType.JSON)
                .body(Map.of("parentEmail", parentEmail, "studentName", "Sam Jordan", "sport", "basketball"))
                .post(journeys.url(Service.COACH, "/api/coach/parent-invitations"))
                .then()
                .statusCode(201);
        Response parentSession = journeys.session(journeys.lastLinkTo(parentEmail, 1));
        parentSession.then().statusCode(200);
        assertThat((String) parentSession.path("role")).isEqualTo("parent");
        String parent = parentSession.path("accessToken");
        Response publicProfile =
                given().auth().oauth2(parent).get(journeys.url(Service.COACH, "/api/coach/profiles/" + coachId));
        publicProfile.then().statusCode(200);
        assertThat((String) publicProfile.path("lastName")).isEqualTo("Jordan");
        given().auth()
                .oauth2(parent)
                .get(journeys.url(Service.COACH, "/api/coach/profiles/someone-else"))
                .then()
                .statusCode(404);

        // The admin deactivates the coach; sync disables the users row.
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("profileStatus", "inactive"))
                .patch(journeys.url(Service.ADMIN, "/api/admin/coaches/" + coachId + "/status"))
                .then()
                .statusCode(200);
        eventually(
                "the coach's users row disabled",
                () -> Boolean.FALSE.equals(userRow(coachId).get("enabled")));

        // Every admin action is in the audit trail, by admin and by action type, with before and after state.
        List<Map<String, Object>> byAdmin = given().auth()
                .oauth2(admin)
                .queryParam("adminEmail", "admin@tsa.example")
                .queryParam("limit", 100)
                .get(journeys.url(Service.ADMIN, "/api/admin/audit-logs"))
                .jsonPath()
                .getList("items");
        assertThat(byAdmin).anySatisfy(r -> {
            assertThat(r)
                    .containsEntry("resourceType", "coach_invitation")
                    .containsEntry("resourceId", invitationId)
                    .containsEntry("actionType", "create");
        });
        assertThat(byAdmin).anySatisfy(r -> {
            assertThat(r)
                    .containsEntry("resourceType", "coach")
                    .containsEntry("resourceId", coachId)
                    .containsEntry("actionType", "update");
            assertThat(r.get("beforeState").toString()).contains("active");
            assertThat(r.get("afterState").toString()).contains("inactive");
        });
        List<Map<String, Object>> updates = given().auth()
                .oauth2(admin)
                .queryParam("actionType", "update")
                .queryParam("limit", 100)
                .get(journeys.url(Service.ADMIN, "/api/admin/audit-logs"))
                .jsonPath()
                .getList("items");
        assertThat(updates).anySatisfy(r -> assertThat(r).containsEntry("resourceId", coachId));
    }

    private static void save(String coach, String sessionId, String step, Map<String, Object> formData) {
        given().auth()
                .oauth2(coach)
                .contentType(ContentType.JSON)
                .body(Map.of("onboardingStep", step, "formData", formData))
                .put(journeys.url(Service.COACH, "/api/coach/onboarding-sessions/" + sessionId))
                .then()
                .statusCode(200);
    }
}
