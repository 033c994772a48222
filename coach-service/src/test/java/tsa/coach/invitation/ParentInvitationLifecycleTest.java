package tsa.coach.invitation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
import tsa.coach.profile.service.CoachProfiles;
import tsa.testsupport.DataStores;
import tsa.testsupport.Eventually;
import tsa.testsupport.MovableClock;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ReferenceData;
import tsa.testsupport.TestTokens;

/** A coach's parent invitation from the mail to the accept: links, uniqueness, cancel, resend, expiry. */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
class ParentInvitationLifecycleTest {

    static final String INVITATIONS = "/api/coach/parent-invitations";
    static final String INTERNAL = "/internal/parent-invitations";
    private static final Pattern LINK = Pattern.compile("(http://[^\\s]+)/auth\\?token=([A-Za-z0-9._-]+)");

    @Inject
    CoachProfiles profiles;

    /** admin-service exchanges parent-invitation tokens; parent-service reads and accepts invitations. */
    private final String adminService = TestTokens.service("admin-service");

    private final String parentService = TestTokens.service("parent-service");

    @BeforeEach
    void schools() {
        ReferenceData.loadSchools(DataStores.shared().postgres());
    }

    @AfterEach
    void realTime() {
        MovableClock.INSTANCE.reset();
    }

    /** A coach with an active profile, as onboarding leaves them; returns their session token. */
    String activeCoach() {
        String coachId = "coach-" + UUID.randomUUID();
        String email = coachId + "@coaches.example";
        profiles.createFromOnboarding(
                coachId,
                email,
                "Casey",
                "Jordan",
                null,
                ReferenceData.SCHOOL_AUSTIN,
                List.of("basketball"),
                List.of("invite_parents"));
        return TestTokens.coach(email, coachId, "invitation-of-" + coachId);
    }

    static String uniqueParent() {
        return "parent-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    static Map<String, Object> invitation(String parentEmail, String student) {
        return Map.of("parentEmail", parentEmail, "studentName", student, "sport", "basketball");
    }

    /**
     * Invites; once created, waits until the mail, sent in the background, is recorded ({@code mailStatus}), so the
     * mail is in the mailbox and no later step races the recording.
     */
    static Response invite(String token, Object body) {
        Response response = given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(INVITATIONS);
        if (response.statusCode() == 201) {
            awaitMailStatus(token, response.jsonPath().getString("invitationId"));
        }
        return response;
    }

    /** Resends; once accepted, waits until the new mail is recorded. */
    static Response resend(String token, String invitationId) {
        Response response = given().auth().oauth2(token).post(INVITATIONS + "/" + invitationId + "/resend");
        if (response.statusCode() == 200) {
            awaitMailStatus(token, invitationId);
        }
        return response;
    }

    /** The invitation's {@code mailStatus} once the background mail has an outcome (bounded: 30 s). */
    static String awaitMailStatus(String token, String invitationId) {
        return Eventually.nonNull(() -> get(token, invitationId).jsonPath().getString("mailStatus"));
    }

    /** The token of the link in the last mail to {@code email}, read over IMAP. */
    static String linkFromLastMail(String email) {
        Matcher matcher = LINK.matcher(DataStores.shared().mail().lastTo(email).body());
        assertThat(matcher.find()).as("a link in the mail").isTrue();
        assertThat(matcher.group(1)).isEqualTo("http://localhost:3003");
        return matcher.group(2);
    }

    Response exchange(String token) {
        return given().auth()
                .oauth2(adminService)
                .contentType(ContentType.JSON)
                .body(Map.of("token", token))
                .post(INTERNAL + "/exchange");
    }

    Response accept(String invitationId) {
        return given().auth().oauth2(parentService).post(INTERNAL + "/" + invitationId + "/accept");
    }

    static Response get(String token, String invitationId) {
        return given().auth().oauth2(token).get(INVITATIONS + "/" + invitationId);
    }

    @Test
    void anInvitedParentGetsAMailWhoseLinkOpensTheInvitation() {
        String coach = activeCoach();
        String parent = uniqueParent();
        Response created = invite(coach, invitation(parent.toUpperCase(), "Sam Lopez"));
        created.then().statusCode(201);
        String id = created.jsonPath().getString("invitationId");
        assertThat(created.header("Location")).endsWith(INVITATIONS + "/" + id);
        assertThat(created.jsonPath().getString("parentEmail")).isEqualTo(parent);
        assertThat(created.jsonPath().getString("studentName")).isEqualTo("Sam Lopez");
        assertThat(created.jsonPath().getString("sport")).isEqualTo("basketball");
        assertThat(created.jsonPath().getString("invitationStatus")).isEqualTo("sent");
        // the mail goes out after the write, off the request thread; the record then says how it went
        assertThat(awaitMailStatus(coach, id)).isEqualTo("sent");
        assertThat(created.jsonPath().getString("respondedAt")).isNull();
        assertThat(Instant.parse(created.jsonPath().getString("expiresAt")))
                .isBetween(
                        Instant.now().plus(Duration.ofDays(14)).minusSeconds(60),
                        Instant.now().plus(Duration.ofDays(14)).plusSeconds(60));
        assertThat(created.asString()).doesNotContain("magicLinkToken");

        var mail = DataStores.shared().mail().inbox(parent);
        assertThat(mail).singleElement().satisfies(m -> {
            assertThat(m.subject()).contains("invitation").contains("Sam Lopez");
            assertThat(m.body()).contains("Casey Jordan").contains("/auth?token=p." + id + ".");
        });

        String link = linkFromLastMail(parent);
        Response opened = exchange(link);
        opened.then().statusCode(200);
        assertThat(opened.jsonPath().getString("invitationId")).isEqualTo(id);
        assertThat(opened.jsonPath().getString("invitationStatus")).isEqualTo("opened");
        assertThat(opened.jsonPath().getString("parentEmail")).isEqualTo(parent);
        // the link keeps working until the invitation is accepted; it stays opened
        Response again = exchange(link);
        again.then().statusCode(200);
        assertThat(again.jsonPath().getString("invitationStatus")).isEqualTo("opened");
        assertThat(get(coach, id).jsonPath().getString("invitationStatus")).isEqualTo("opened");
        assertThat(get(TestTokens.parent(parent, id), id).jsonPath().getString("invitationStatus"))
                .isEqualTo("opened");
    }

    @Test
    void aSecondOpenInvitationForTheSameParentAndStudentIsAConflict() {
        String coach = activeCoach();
        String parent = uniqueParent();
        invite(coach, invitation(parent, "Sam Lopez")).then().statusCode(201);
        invite(coach, invitation(parent, "Sam Lopez")).then().statusCode(409).contentType("application/problem+json");
        invite(coach, invitation(parent.toUpperCase(), "  sam   LOPEZ ")).then().statusCode(409);
        // another student of the same parent, or the same parent and student invited by another coach, is fine
        invite(coach, invitation(parent, "Alex Lopez")).then().statusCode(201);
        invite(activeCoach(), invitation(parent, "Sam Lopez")).then().statusCode(201);
        assertThat(DataStores.shared().mail().inbox(parent)).hasSize(3);
    }

    @Test
    void ofInvitationsSentAtOnceForOneParentAndStudentExactlyOneIsCreated() throws Exception {
        String coach = activeCoach();
        for (int round = 0; round < 3; round++) {
            String parent = uniqueParent();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Callable<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> invite(coach, invitation(parent, "Sam Lopez")).statusCode());
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
                            .oauth2(TestTokens.admin("admin@tsa.example"))
                            .queryParam("parentEmail", parent)
                            .get(INVITATIONS)
                            .jsonPath()
                            .getList("items"))
                    .hasSize(1);
            assertThat(DataStores.shared().mail().inbox(parent)).hasSize(1);
        }
    }

    @Test
    void aCancelledInvitationsLinkIsDeadAndItsSlotFree() {
        String coach = activeCoach();
        String parent = uniqueParent();
        String id = invite(coach, invitation(parent, "Sam Lopez")).jsonPath().getString("invitationId");
        String link = linkFromLastMail(parent);

        Response cancelled = given().auth().oauth2(coach).delete(INVITATIONS + "/" + id);
        cancelled.then().statusCode(200);
        assertThat(cancelled.jsonPath().getString("invitationStatus")).isEqualTo("cancelled");
        exchange(link).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(coach).delete(INVITATIONS + "/" + id).then().statusCode(200);
        given().auth()
                .oauth2(coach)
                .post(INVITATIONS + "/" + id + "/resend")
                .then()
                .statusCode(409);
        accept(id).then().statusCode(409);
        assertThat(get(coach, id).jsonPath().getString("invitationStatus")).isEqualTo("cancelled");
        // a cancelled invitation no longer holds the slot
        invite(coach, invitation(parent, "Sam Lopez")).then().statusCode(201);
    }

    @Test
    void resendKillsTheOldLinkMailsANewOneAndExtendsTheExpiry() {
        String coach = activeCoach();
        String parent = uniqueParent();
        Response created = invite(coach, invitation(parent, "Sam Lopez"));
        String id = created.jsonPath().getString("invitationId");
        String oldLink = linkFromLastMail(parent);
        exchange(oldLink).then().statusCode(200);

        MovableClock.INSTANCE.advance(Duration.ofDays(3));
        Response resent = resend(coach, id);
        resent.then().statusCode(200);
        assertThat(resent.jsonPath().getString("invitationStatus")).isEqualTo("opened");
        assertThat(awaitMailStatus(coach, id)).isEqualTo("sent");
        assertThat(Instant.parse(resent.jsonPath().getString("expiresAt")))
                .isAfter(
                        Instant.parse(created.jsonPath().getString("expiresAt")).plus(Duration.ofDays(2)));
        assertThat(Instant.parse(resent.jsonPath().getString("sentAt")))
                .isAfter(Instant.parse(created.jsonPath().getString("sentAt")));
        String newLink = linkFromLastMail(parent);
        assertThat(newLink).isNotEqualTo(oldLink);
        assertThat(DataStores.shared().mail().inbox(parent)).hasSize(2);

        exchange(oldLink).then().statusCode(404);
        exchange(newLink).then().statusCode(200);
    }

    @Test
    void pastItsExpiryAnInvitationIsExpiredEverywhereAndResendRevivesIt() {
        String coach = activeCoach();
        String parent = uniqueParent();
        String id = invite(coach, invitation(parent, "Sam Lopez")).jsonPath().getString("invitationId");
        String link = linkFromLastMail(parent);

        MovableClock.INSTANCE.advance(Duration.ofDays(13).plusHours(23));
        exchange(link).then().statusCode(200);
        MovableClock.INSTANCE.advance(Duration.ofHours(1).plusMinutes(1));

        assertThat(given().auth().oauth2(coach).get(INVITATIONS).jsonPath().getList("items.invitationStatus"))
                .containsExactly("expired");
        exchange(link).then().statusCode(404);
        assertThat(get(coach, id).jsonPath().getString("invitationStatus")).isEqualTo("expired");
        assertThat(given().auth()
                        .oauth2(parentService)
                        .get(INTERNAL + "/" + id)
                        .jsonPath()
                        .getString("invitationStatus"))
                .isEqualTo("expired");
        accept(id).then().statusCode(409);
        given().auth().oauth2(coach).delete(INVITATIONS + "/" + id).then().statusCode(409);

        // an expired invitation holds no slot: a new one may be sent, and then the old one can't be revived
        String other = uniqueParent();
        String expiredToo =
                invite(coach, invitation(other, "Kim Lopez")).jsonPath().getString("invitationId");
        MovableClock.INSTANCE.advance(Duration.ofDays(15));
        String replacement =
                invite(coach, invitation(other, "Kim Lopez")).jsonPath().getString("invitationId");
        assertThat(replacement).isNotEqualTo(expiredToo);
        given().auth()
                .oauth2(coach)
                .post(INVITATIONS + "/" + expiredToo + "/resend")
                .then()
                .statusCode(409);

        Response revived = resend(coach, id);
        revived.then().statusCode(200);
        assertThat(revived.jsonPath().getString("invitationStatus")).isEqualTo("sent");
        Response reopened = exchange(linkFromLastMail(parent));
        reopened.then().statusCode(200);
        assertThat(reopened.jsonPath().getString("invitationStatus")).isEqualTo("opened");
    }

    @Test
    void acceptIsIdempotentAndEndsTheLink() {
        String coach = activeCoach();
        String parent = uniqueParent();
        String id = invite(coach, invitation(parent, "Sam Lopez")).jsonPath().getString("invitationId");
        String link = linkFromLastMail(parent);
        exchange(link).then().statusCode(200);

        MovableClock.INSTANCE.advance(Duration.ofMinutes(5));
        Response accepted = accept(id);
        accepted.then().statusCode(200);
        assertThat(accepted.jsonPath().getString("invitationStatus")).isEqualTo("accepted");
        String respondedAt = accepted.jsonPath().getString("respondedAt");
        assertThat(respondedAt).isNotBlank();
        Response again = accept(id);
        again.then().statusCode(200);
        assertThat(again.jsonPath().getString("respondedAt")).isEqualTo(respondedAt);

        exchange(link).then().statusCode(404);
        given().auth().oauth2(coach).delete(INVITATIONS + "/" + id).then().statusCode(409);
        given().auth()
                .oauth2(coach)
                .post(INVITATIONS + "/" + id + "/resend")
                .then()
                .statusCode(409);
        // an accepted invitation is past: it keeps nobody from inviting that family again
        invite(coach, invitation(parent, "Sam Lopez")).then().statusCode(201);
        // a sent invitation can be accepted without having been opened
        String direct =
                invite(coach, invitation(parent, "Alex Lopez")).jsonPath().getString("invitationId");
        accept(direct).then().statusCode(200);
        accept("no-such-invitation").then().statusCode(404).contentType("application/problem+json");
        given().auth()
                .oauth2(parentService)
                .get(INTERNAL + "/no-such-invitation")
                .then()
                .statusCode(404);
    }

    @Test
    void onlyACoachWithAnActiveProfileInvites() {
        String noProfile = TestTokens.coach("nobody@coaches.example", "coach-" + UUID.randomUUID(), "inv-x");
        invite(noProfile, invitation(uniqueParent(), "Sam Lopez"))
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        invite(TestTokens.user("coach", "c@coaches.example", Map.of()), invitation(uniqueParent(), "Sam Lopez"))
                .then()
                .statusCode(409);

        String coachId = "coach-" + UUID.randomUUID();
        profiles.createFromOnboarding(
                coachId,
                coachId + "@coaches.example",
                "Casey",
                "Jordan",
                null,
                ReferenceData.SCHOOL_AUSTIN,
                List.of("basketball"),
                List.of("invite_parents"));
        String coach = TestTokens.coach(coachId + "@coaches.example", coachId, "inv-" + coachId);
        String parent = uniqueParent();
        String id = invite(coach, invitation(parent, "Sam Lopez")).jsonPath().getString("invitationId");
        profiles.changeStatus(coachId, "inactive");
        // an inactive coach writes nothing at all, however fresh the session (InactiveCoachTest)
        invite(coach, invitation(uniqueParent(), "Sam Lopez")).then().statusCode(403);
        given().auth()
                .oauth2(coach)
                .post(INVITATIONS + "/" + id + "/resend")
                .then()
                .statusCode(403);
        given().auth().oauth2(coach).delete(INVITATIONS + "/" + id).then().statusCode(403);
        profiles.changeStatus(coachId, "pending");
        invite(coach, invitation(uniqueParent(), "Sam Lopez")).then().statusCode(409);
        given().auth()
                .oauth2(coach)
                .post(INVITATIONS + "/" + id + "/resend")
                .then()
                .statusCode(409);
        // a pending coach may still cancel
        given().auth().oauth2(coach).delete(INVITATIONS + "/" + id).then().statusCode(200);
    }

    @Test
    void badInputGetsProblemDetailsAndWritesNothing() {
        String coach = activeCoach();
        String parent = uniqueParent();
        Map<String, Object> unknownField = new HashMap<>(invitation(parent, "Sam Lopez"));
        unknownField.put("coachId", "someone-else");
        assertBadRequest(invite(coach, unknownField));
        assertBadRequest(invite(coach, Map.of("parentEmail", "not-an-email", "studentName", "Sam", "sport", "x")));
        assertBadRequest(invite(coach, Map.of("parentEmail", parent, "sport", "basketball")));
        assertBadRequest(invite(coach, Map.of("parentEmail", parent, "studentName", " ", "sport", "basketball")));
        assertBadRequest(
                invite(coach, Map.of("parentEmail", parent, "studentName", "x".repeat(201), "sport", "basketball")));
        assertBadRequest(invite(coach, Map.of("parentEmail", parent, "studentName", "Sam", "sport", "x".repeat(51))));
        assertBadRequest(invite(coach, Map.of("parentEmail", parent, "studentName", 5, "sport", "basketball")));
        assertBadRequest(given().auth()
                .oauth2(coach)
                .contentType(ContentType.JSON)
                .body("{\"parentEmail\": ")
                .post(INVITATIONS));
        assertBadRequest(
                given().auth().oauth2(coach).contentType(ContentType.JSON).post(INVITATIONS));

        assertBadRequest(given().auth().oauth2(coach).queryParam("limit", 0).get(INVITATIONS));
        assertBadRequest(given().auth().oauth2(coach).queryParam("limit", 101).get(INVITATIONS));
        assertBadRequest(given().auth().oauth2(coach).queryParam("limit", "ten").get(INVITATIONS));
        assertBadRequest(
                given().auth().oauth2(coach).queryParam("cursor", "garbage!").get(INVITATIONS));
        assertBadRequest(
                given().auth().oauth2(coach).queryParam("parentEmail", "nope").get(INVITATIONS));
        assertBadRequest(
                given().auth().oauth2(TestTokens.admin("admin@tsa.example")).get(INVITATIONS));

        assertBadRequest(given().auth()
                .oauth2(adminService)
                .contentType(ContentType.JSON)
                .body("{}")
                .post(INTERNAL + "/exchange"));
        assertBadRequest(given().auth()
                .oauth2(adminService)
                .contentType(ContentType.JSON)
                .body(Map.of("token", "p." + "x".repeat(600)))
                .post(INTERNAL + "/exchange"));
        assertBadRequest(given().auth()
                .oauth2(adminService)
                .contentType(ContentType.JSON)
                .body(Map.of("token", "p.x.y", "extra", 1))
                .post(INTERNAL + "/exchange"));
        // a token of the wrong shape or kind is just not a parent invitation's
        exchange("not-a-token").then().statusCode(404).contentType("application/problem+json");
        exchange("c." + UUID.randomUUID() + ".AAAAAAAAAAAAAAAAAAAAAA").then().statusCode(404);
        exchange("p." + UUID.randomUUID() + ".AAAAAAAAAAAAAAAAAAAAAA").then().statusCode(404);

        assertThat(given().auth().oauth2(coach).get(INVITATIONS).jsonPath().getList("items"))
                .isEmpty();
        assertThat(DataStores.shared().mail().inbox(parent)).isEmpty();
    }

    private static void assertBadRequest(Response response) {
        response.then().statusCode(400).contentType("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(400);
    }
}
