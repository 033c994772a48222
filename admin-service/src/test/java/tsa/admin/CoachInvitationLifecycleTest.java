package tsa.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.testsupport.DataStores;
import tsa.testsupport.Eventually;
import tsa.testsupport.MovableClock;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ReferenceData;
import tsa.testsupport.TestTokens;

@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
class CoachInvitationLifecycleTest {

    static final String SCHOOL = "255901001";
    private static final Pattern LINK = Pattern.compile("/auth\\?token=([A-Za-z0-9._-]+)");

    private final String admin = TestTokens.admin("admin@tsa.example");

    @BeforeEach
    void schools() {
        ReferenceData.loadSchools(DataStores.shared().postgres());
    }

    @AfterEach
    void realTime() {
        MovableClock.INSTANCE.reset();
    }

    static String uniqueEmail() {
        return "coach-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    static Map<String, Object> invitation(String email) {
        return Map.of(
                "coachEmail",
                email,
                "firstName",
                "Casey",
                "lastName",
                "Jordan",
                "schoolId",
                SCHOOL,
                "sport",
                "basketball",
                "permissions",
                List.of("invite_parents", "view_students"),
                "message",
                "Welcome aboard");
    }

    /** Invites; once created, waits until the mail, sent in the background, is recorded ({@code mailStatus}). */
    static Response invite(String token, Object body) {
        Response response = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/admin/coach-invitations");
        if (response.statusCode() == 201) {
            awaitMailStatus(response.jsonPath().getString("invitationId"));
        }
        return response;
    }

    /** Resends; once accepted, waits until the new mail is recorded. */
    static Response resend(String invitationId) {
        Response response = given().auth()
                .oauth2(TestTokens.admin("admin@tsa.example"))
                .post("/api/admin/coach-invitations/" + invitationId + "/resend");
        if (response.statusCode() == 200) {
            awaitMailStatus(invitationId);
        }
        return response;
    }

    /** The invitation's {@code mailStatus} once its background mail has an outcome (bounded: 30 s). */
    static String awaitMailStatus(String invitationId) {
        String admin = TestTokens.admin("admin@tsa.example");
        return Eventually.nonNull(() -> given().auth()
                .oauth2(admin)
                .get("/api/admin/coach-invitations/" + invitationId)
                .jsonPath()
                .getString("mailStatus"));
    }

    static String linkTokenFromLastMail(String email) {
        Matcher matcher = LINK.matcher(DataStores.shared().mail().lastTo(email).body());
        assertThat(matcher.find()).as("a link in the mail").isTrue();
        return matcher.group(1);
    }

    static Response exchange(String token) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("token", token))
                .post("/api/auth/sessions");
    }

    @Test
    void anInvitedCoachGetsAMailWhoseLinkSignsThemIn() {
        String email = uniqueEmail();
        Response created = invite(admin, invitation(email.toUpperCase()));
        created.then().statusCode(201);
        assertThat(created.jsonPath().getString("coachEmail")).isEqualTo(email);
        assertThat(created.jsonPath().getString("invitationStatus")).isEqualTo("sent");
        assertThat(awaitMailStatus(created.jsonPath().getString("invitationId")))
                .isEqualTo("sent");
        assertThat(created.jsonPath().getString("adminEmail")).isEqualTo("admin@tsa.example");
        assertThat(created.jsonPath().getString("schoolName")).isEqualTo("TSA Austin Sports Academy");
        assertThat(created.jsonPath().getList("permissions")).containsExactly("invite_parents", "view_students");
        assertThat(created.asString()).doesNotContain("magicLinkToken");

        var mail = DataStores.shared().mail().inbox(email);
        assertThat(mail).singleElement().satisfies(m -> {
            assertThat(m.subject()).contains("invitation");
            assertThat(m.body()).contains("http://localhost:3002/auth?token=c.").contains("Welcome aboard");
        });

        Response session = exchange(linkTokenFromLastMail(email));
        session.then().statusCode(200);
        assertThat(session.jsonPath().getString("role")).isEqualTo("coach");
        assertThat(session.jsonPath().getString("tokenType")).isEqualTo("Bearer");
        assertThat(session.jsonPath().getString("email")).isEqualTo(email);
        assertThat(session.jsonPath().getString("coachId"))
                .isEqualTo(created.jsonPath().getString("coachId"));
        assertThat(session.jsonPath().getString("invitationId"))
                .isEqualTo(created.jsonPath().getString("invitationId"));
        assertThat(session.jsonPath().getInt("expiresIn")).isBetween(3500, 3600);
    }

    @Test
    void aSecondOpenInvitationForTheSameEmailIsRefused() {
        String email = uniqueEmail();
        invite(admin, invitation(email)).then().statusCode(201);
        Response second = invite(admin, invitation(email));
        second.then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void ofInvitationsSentAtOnceForOneEmailExactlyOneIsCreated() throws Exception {
        for (int round = 0; round < 3; round++) {
            String email = uniqueEmail();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> invite(admin, invitation(email)).statusCode());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(calls)) {
                statuses.add(f.get());
            }
            pool.shutdown();
            assertThat(statuses)
                    .containsOnly(201, 409)
                    .filteredOn(s -> s == 201)
                    .hasSize(1);
            assertThat(given().auth()
                            .oauth2(admin)
                            .queryParam("coachEmail", email)
                            .get("/api/admin/coach-invitations")
                            .jsonPath()
                            .getList("items"))
                    .hasSize(1);
        }
    }

    @Test
    void aCancelledInvitationsLinkIsDeadAndCancellingAgainChangesNothing() {
        String email = uniqueEmail();
        String id = invite(admin, invitation(email)).jsonPath().getString("invitationId");
        String link = linkTokenFromLastMail(email);

        given().auth()
                .oauth2(admin)
                .delete("/api/admin/coach-invitations/" + id)
                .then()
                .statusCode(200);
        assertThat(given().auth()
                        .oauth2(admin)
                        .get("/api/admin/coach-invitations/" + id)
                        .jsonPath()
                        .getString("invitationStatus"))
                .isEqualTo("cancelled");
        exchange(link).then().statusCode(401).contentType("application/problem+json");
        given().auth()
                .oauth2(admin)
                .delete("/api/admin/coach-invitations/" + id)
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(admin)
                .post("/api/admin/coach-invitations/" + id + "/resend")
                .then()
                .statusCode(409);
        // a cancelled invitation no longer holds the email
        invite(admin, invitation(email)).then().statusCode(201);
    }

    @Test
    void resendKillsTheOldLinkAndMailsANewOne() {
        String email = uniqueEmail();
        String id = invite(admin, invitation(email)).jsonPath().getString("invitationId");
        String oldLink = linkTokenFromLastMail(email);

        resend(id).then().statusCode(200);
        String newLink = linkTokenFromLastMail(email);

        assertThat(newLink).isNotEqualTo(oldLink);
        exchange(oldLink).then().statusCode(401);
        exchange(newLink).then().statusCode(200);
    }

    @Test
    void pastItsExpiryAnInvitationIsExpiredEverywhereAndResendRevivesIt() {
        String email = uniqueEmail();
        String id = invite(admin, invitation(email)).jsonPath().getString("invitationId");
        String link = linkTokenFromLastMail(email);

        MovableClock.INSTANCE.advance(Duration.ofDays(7).plusMinutes(1));

        exchange(link).then().statusCode(401);
        assertThat(idsWithStatus("sent")).doesNotContain(id);
        assertThat(idsWithStatus("expired")).contains(id);
        assertThat(given().auth()
                        .oauth2(admin)
                        .get("/api/admin/coach-invitations/" + id)
                        .jsonPath()
                        .getString("invitationStatus"))
                .isEqualTo("expired");
        assertThat(idsWithStatus("expired")).contains(id);
        given().auth()
                .oauth2(TestTokens.service("coach-service"))
                .post("/internal/coach-invitations/" + id + "/accept")
                .then()
                .statusCode(409);

        Response revived = resend(id);
        revived.then().statusCode(200);
        assertThat(revived.jsonPath().getString("invitationStatus")).isEqualTo("sent");
        exchange(linkTokenFromLastMail(email)).then().statusCode(200);
        assertThat(idsWithStatus("sent")).contains(id);
    }

    @Test
    void onboardingAcceptsTheInvitationOnceAndItsLinkThenStopsSigningIn() {
        String email = uniqueEmail();
        String id = invite(admin, invitation(email)).jsonPath().getString("invitationId");
        String link = linkTokenFromLastMail(email);
        String service = TestTokens.service("coach-service");

        Response prefill = given().auth().oauth2(service).get("/internal/coach-invitations/" + id);
        assertThat(prefill.jsonPath().getString("firstName")).isEqualTo("Casey");
        Response accepted = given().auth().oauth2(service).post("/internal/coach-invitations/" + id + "/accept");
        accepted.then().statusCode(200);
        assertThat(accepted.jsonPath().getString("invitationStatus")).isEqualTo("accepted");
        String acceptedAt = accepted.jsonPath().getString("acceptedAt");
        assertThat(acceptedAt).isNotBlank();
        Response again = given().auth().oauth2(service).post("/internal/coach-invitations/" + id + "/accept");
        again.then().statusCode(200);
        assertThat(again.jsonPath().getString("acceptedAt")).isEqualTo(acceptedAt);

        exchange(link).then().statusCode(401);
        given().auth()
                .oauth2(admin)
                .delete("/api/admin/coach-invitations/" + id)
                .then()
                .statusCode(409);
        given().auth()
                .oauth2(service)
                .post("/internal/coach-invitations/unknown/accept")
                .then()
                .statusCode(404);
    }

    @Test
    void listsPageThroughInvitationsOfAnEmailAndOfAStatusWithACursor() {
        // three invitations of one address: two cancelled, one open
        String email = uniqueEmail();
        for (int i = 0; i < 2; i++) {
            String id = invite(admin, invitation(email)).jsonPath().getString("invitationId");
            given().auth()
                    .oauth2(admin)
                    .delete("/api/admin/coach-invitations/" + id)
                    .then()
                    .statusCode(200);
        }
        invite(admin, invitation(email)).then().statusCode(201);

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request =
                    given().auth().oauth2(admin).queryParam("coachEmail", email).queryParam("limit", 2);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/admin/coach-invitations");
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("items.invitationId"));
            cursor = page.jsonPath().getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(seen).hasSize(3).doesNotHaveDuplicates();
        assertThat(pages).isGreaterThanOrEqualTo(2);

        Response sent = given().auth()
                .oauth2(admin)
                .queryParam("status", "sent")
                .queryParam("limit", 1)
                .get("/api/admin/coach-invitations");
        assertThat(sent.jsonPath().getList("items")).hasSize(1);
        assertThat(sent.jsonPath().getString("nextCursor")).isNotNull();
    }

    @Test
    void badRequestsGetProblemDetailsAndWriteNothing() {
        String email = uniqueEmail();
        Map<String, Object> unknownSchool = new java.util.HashMap<>(invitation(email));
        unknownSchool.put("schoolId", "999999");
        invite(admin, unknownSchool).then().statusCode(400).contentType("application/problem+json");

        Map<String, Object> badPermission = new java.util.HashMap<>(invitation(email));
        badPermission.put("permissions", List.of("fly"));
        invite(admin, badPermission).then().statusCode(400);

        Map<String, Object> unknownField = new java.util.HashMap<>(invitation(email));
        unknownField.put("role", "admin");
        invite(admin, unknownField).then().statusCode(400);

        invite(admin, Map.of("coachEmail", "not-an-email")).then().statusCode(400);
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"coachEmail\": ")
                .post("/api/admin/coach-invitations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body("{\"permissions\": 5}")
                .post("/api/admin/coach-invitations")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .post("/api/admin/coach-invitations")
                .then()
                .statusCode(400);
        given().auth().oauth2(admin).get("/api/admin/coach-invitations").then().statusCode(400);
        given().auth()
                .oauth2(admin)
                .queryParam("status", "lost")
                .get("/api/admin/coach-invitations")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(admin)
                .queryParam("status", "sent")
                .queryParam("cursor", "garbage!")
                .get("/api/admin/coach-invitations")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(admin)
                .queryParam("status", "sent")
                .queryParam("limit", 0)
                .get("/api/admin/coach-invitations")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(admin)
                .get("/api/admin/coach-invitations/no-such-id")
                .then()
                .statusCode(404);

        // nothing was written for that address
        assertThat(given().auth()
                        .oauth2(admin)
                        .queryParam("coachEmail", email)
                        .get("/api/admin/coach-invitations")
                        .jsonPath()
                        .getList("items"))
                .isEmpty();
        assertThat(DataStores.shared().mail().inbox(email)).isEmpty();
    }

    @Test
    void coachesParentsAndServicesCannotUseTheAdminOperations() {
        String coach = TestTokens.coach("c@example.com", "coach-1", "inv-1");
        invite(coach, invitation(uniqueEmail())).then().statusCode(403);
        invite(TestTokens.parent("p@example.com", "inv-2"), invitation(uniqueEmail()))
                .then()
                .statusCode(403);
        invite(TestTokens.anyService(), invitation(uniqueEmail())).then().statusCode(403);
        given().auth().oauth2(admin).get("/internal/coach-invitations/x").then().statusCode(403);
    }

    private List<String> idsWithStatus(String status) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        for (int i = 0; i < 50; i++) {
            var request =
                    given().auth().oauth2(admin).queryParam("status", status).queryParam("limit", 100);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            Response page = request.get("/api/admin/coach-invitations");
            page.then().statusCode(200);
            ids.addAll(page.jsonPath().getList("items.invitationId"));
            cursor = page.jsonPath().getString("nextCursor");
            if (cursor == null) {
                break;
            }
        }
        return ids;
    }
}
