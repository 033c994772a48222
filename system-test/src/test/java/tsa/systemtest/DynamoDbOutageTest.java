package tsa.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.testsupport.FaultyProxy;
import tsa.testsupport.LocalSystem;
import tsa.testsupport.LocalSystem.Service;

/**
 * DynamoDB taken away from the four running services (issue 21, "Faults"): every service reaches dynalite through a
 * {@link FaultyProxy} that can close every connection unanswered (the store is down) or refuse every call as
 * throttled. Requests then fail within the configured call timeout with a 503 problem and {@code Retry-After},
 * readiness goes down, a refused write leaves nothing behind, and once the store is back the same processes answer
 * again within five seconds. A short throttle is absorbed by the SDK's retries.
 */
class DynamoDbOutageTest {

    /** quarkus.dynamodb.api-call-timeout (5 s) plus the time to answer; a hang would be the HTTP default of minutes. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(10);

    private static final Duration RECOVERY = Duration.ofSeconds(5);

    private static LocalSystem system;
    private static Journeys journeys;
    private static FaultyProxy dynamo;
    private static Journeys.OnboardedCoach coach;

    @BeforeAll
    static void start() {
        system = LocalSystem.startWithFaultyDynamo("dynamodb-outage-test");
        journeys = new Journeys(system);
        dynamo = system.dynamoProxy();
        coach = journeys.coachOnboards(journeys.adminSignsIn(0));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @BeforeEach
    void storeIsBack() {
        dynamo.heal();
    }

    @Test
    void whileDynamoDbIsDownRequestsFailFastWith503AndReadinessIsDownAndTheSameProcessesRecoverWithinFiveSeconds() {
        Response before = myProfile();
        before.then().statusCode(200);
        String firstName = before.path("firstName");
        String etag = before.header("ETag");

        int requestsBefore = dynamo.requests();
        dynamo.dropAll();

        Instant asked = Instant.now();
        Response read = myProfile();
        assertThat(Duration.between(asked, Instant.now())).isLessThan(ANSWER_BOUND);
        assertUnavailable(read);

        asked = Instant.now();
        Response write = updateMyProfile(etag, "Outage");
        assertThat(Duration.between(asked, Instant.now())).isLessThan(ANSWER_BOUND);
        assertUnavailable(write);

        int requestsDuringOutage = 2;
        for (Service service : Service.values()) {
            asked = Instant.now();
            Response ready = given().get(journeys.url(service, "/q/health/ready"));
            requestsDuringOutage++;
            assertThat(Duration.between(asked, Instant.now())).isLessThan(ANSWER_BOUND);
            assertThat(ready.statusCode())
                    .as(service + " readiness while DynamoDB is down")
                    .isEqualTo(503);
        }
        int refusedCalls = dynamo.requests() - requestsBefore;
        assertThat(refusedCalls).as("calls that met the outage").isPositive();

        dynamo.heal();
        Instant healed = Instant.now();
        for (Service service : Service.values()) {
            awaitStatus(service, "/q/health/ready", 200, healed.plus(RECOVERY));
        }
        Response after = awaitProfile(healed.plus(RECOVERY));
        // every request during the outage was asserted a 503 above: no other 5xx, and (below) nothing lost
        System.out.println("dynamodb outage: faults injected 1 (a standing drop; " + refusedCalls
                + " store calls refused), requests during the outage " + requestsDuringOutage
                + " (all 503, other 5xx 0),"
                + " items lost 0, recovered in "
                + Duration.between(healed, Instant.now()).toMillis() + " ms");

        // the refused write left nothing behind: same version, same name
        assertThat(after.header("ETag")).isEqualTo(etag);
        assertThat(after.<String>path("firstName")).isEqualTo(firstName);
        Response retried = updateMyProfile(etag, "After outage");
        retried.then().statusCode(200);
        assertThat(retried.<String>path("firstName")).isEqualTo("After outage");
    }

    @Test
    void aShortThrottleIsRetriedByTheSdkAndAStandingOneIsA503WithRetryAfter() {
        int requestsBefore = dynamo.requests();
        dynamo.throttleNext(2);
        myProfile().then().statusCode(200);
        assertThat(dynamo.requests() - requestsBefore)
                .as("two throttled attempts and the retry")
                .isGreaterThanOrEqualTo(3);

        dynamo.throttleAll();
        Instant asked = Instant.now();
        Response throttled = myProfile();
        assertThat(Duration.between(asked, Instant.now())).isLessThan(ANSWER_BOUND);
        assertUnavailable(throttled);

        dynamo.heal();
        awaitProfile(Instant.now().plus(RECOVERY));
    }

    private static void assertUnavailable(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).matches("[1-9][0-9]*");
        assertThat(response.<Integer>path("status")).isEqualTo(503);
    }

    private static Response myProfile() {
        return given().auth().oauth2(coach.token()).get(journeys.url(Service.COACH, "/api/coach/profiles/me"));
    }

    private static Response updateMyProfile(String etag, String firstName) {
        return given().auth()
                .oauth2(coach.token())
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "firstName",
                        firstName,
                        "lastName",
                        "Jordan",
                        "schoolId",
                        "255901001",
                        "sportSpecialties",
                        List.of("basketball")))
                .put(journeys.url(Service.COACH, "/api/coach/profiles/me"));
    }

    private static Response awaitProfile(Instant deadline) {
        Response profile = myProfile();
        while (profile.statusCode() != 200 && Instant.now().isBefore(deadline)) {
            Journeys.sleep(100);
            profile = myProfile();
        }
        assertThat(profile.statusCode())
                .as("profile read after the store came back")
                .isEqualTo(200);
        return profile;
    }

    private static void awaitStatus(Service service, String path, int status, Instant deadline) {
        int last = given().get(journeys.url(service, path)).statusCode();
        while (last != status && Instant.now().isBefore(deadline)) {
            Journeys.sleep(100);
            last = given().get(journeys.url(service, path)).statusCode();
        }
        assertThat(last)
                .as(service + " " + path + " within " + RECOVERY + " of the store's return")
                .isEqualTo(status);
    }
}
