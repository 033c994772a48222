package tsa.coach.invitation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tsa.coach.config.CoachTables;
import tsa.coach.profile.service.CoachProfiles;
import tsa.testsupport.DataStores;
import tsa.testsupport.MovableClock;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ReferenceData;
import tsa.testsupport.TestTokens;

/**
 * A coach causes at most {@code count} invitation mails (creations and resends together) per window: the next is 429
 * problem+json with {@code Retry-After} until the window ends, writes nothing, and once the window has moved on
 * the coach may send again. Time moves by {@link MovableClock}, never by sleeping.
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@TestProfile(TightMailLimit.class)
class InvitationMailLimitTest {

    static final String INVITATIONS = "/api/coach/parent-invitations";

    @Inject
    CoachProfiles profiles;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    CoachTables tables;

    @BeforeEach
    void schools() {
        ReferenceData.loadSchools(DataStores.shared().postgres());
    }

    @AfterEach
    void realTime() {
        MovableClock.INSTANCE.reset();
    }

    String activeCoach(String coachId) {
        profiles.createFromOnboarding(
                coachId,
                coachId + "@coaches.example",
                "Casey",
                "Jordan",
                null,
                ReferenceData.SCHOOL_AUSTIN,
                List.of("basketball"),
                List.of("invite_parents"));
        return TestTokens.coach(coachId + "@coaches.example", coachId, "invitation-of-" + coachId);
    }

    static Response invite(String token, String student) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "parentEmail",
                        "parent-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com",
                        "studentName",
                        student,
                        "sport",
                        "basketball"))
                .post(INVITATIONS);
    }

    /** Moves the clock to {@code secondsIn} seconds after the start of a window. */
    static long moveIntoAWindow(long secondsIn) {
        long now = Instant.now().getEpochSecond();
        long nextWindow = (Math.floorDiv(now, TightMailLimit.WINDOW_SECONDS) + 1) * TightMailLimit.WINDOW_SECONDS;
        MovableClock.INSTANCE.advance(Duration.ofSeconds(nextWindow + secondsIn - now));
        return nextWindow;
    }

    static long retryAfter(Response response) {
        response.then().statusCode(429).contentType("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(429);
        return Long.parseLong(response.header("Retry-After"));
    }

    @Test
    void theLimitHoldsRetryAfterSaysWhenAndTheNextWindowAllowsAgain() {
        String coachId = "coach-" + UUID.randomUUID();
        String coach = activeCoach(coachId);
        long windowStart = moveIntoAWindow(60);

        // varying the student name does not help: creations and resends share the budget
        String first =
                invite(coach, "Sam Lopez").then().statusCode(201).extract().path("invitationId");
        invite(coach, "Sam Lopez 2").then().statusCode(201);
        given().auth()
                .oauth2(coach)
                .post(INVITATIONS + "/" + first + "/resend")
                .then()
                .statusCode(200);

        long waited = retryAfter(invite(coach, "Sam Lopez 3"));
        assertThat(waited).isBetween(TightMailLimit.WINDOW_SECONDS - 60 - 5, TightMailLimit.WINDOW_SECONDS - 60);
        assertThat(retryAfter(given().auth().oauth2(coach).post(INVITATIONS + "/" + first + "/resend")))
                .isBetween(TightMailLimit.WINDOW_SECONDS - 60 - 5, TightMailLimit.WINDOW_SECONDS - 60);
        // nothing was written for the refused ones
        assertThat(given().auth().oauth2(coach).get(INVITATIONS).jsonPath().getList("items"))
                .hasSize(2);

        // another coach has a budget of their own
        invite(activeCoach("coach-" + UUID.randomUUID()), "Sam Lopez").then().statusCode(201);

        // just before the window ends it still holds, and Retry-After counts down
        MovableClock.INSTANCE.advance(Duration.ofSeconds(waited - 10));
        assertThat(retryAfter(invite(coach, "Sam Lopez 3"))).isBetween(1L, 10L);

        // once the window has moved on, the coach may send again
        MovableClock.INSTANCE.advance(Duration.ofSeconds(11));
        invite(coach, "Sam Lopez 3").then().statusCode(201);
        given().auth()
                .oauth2(coach)
                .post(INVITATIONS + "/" + first + "/resend")
                .then()
                .statusCode(200);

        // the counters are single items under a prefixed key: no index attribute, a TTL past their window
        var counter = dynamo.getItem(r -> r.tableName(tables.parentInvitations().name())
                        .consistentRead(true)
                        .key(Map.of(
                                "invitation_id",
                                AttributeValue.fromS("limit#invitation-mail#" + coachId + "#" + windowStart))))
                .item();
        assertThat(counter).containsOnlyKeys("invitation_id", "count", "expiration_time", "schema_version");
        assertThat(counter.get("count").n()).isEqualTo(Integer.toString(TightMailLimit.COUNT));
        assertThat(Long.parseLong(counter.get("expiration_time").n()))
                .isEqualTo(windowStart + TightMailLimit.WINDOW_SECONDS);
        given().auth()
                .oauth2(coach)
                .pathParam("id", "limit#invitation-mail#" + coachId + "#" + windowStart)
                .get(INVITATIONS + "/{id}")
                .then()
                .statusCode(404);
    }
}
