package tsa.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.admin.CoachInvitationLifecycleTest.exchange;
import static tsa.admin.CoachInvitationLifecycleTest.invitation;
import static tsa.admin.CoachInvitationLifecycleTest.invite;
import static tsa.admin.CoachInvitationLifecycleTest.linkTokenFromLastMail;
import static tsa.admin.CoachInvitationLifecycleTest.uniqueEmail;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tsa.testsupport.DataStores;
import tsa.testsupport.Eventually;
import tsa.testsupport.MovableClock;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ReferenceData;
import tsa.testsupport.TestTokens;

@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
class SignInTest {

    @BeforeEach
    void schools() {
        ReferenceData.loadSchools(DataStores.shared().postgres());
    }

    @AfterEach
    void realTime() {
        MovableClock.INSTANCE.reset();
    }

    static String userRow(String email, String role, boolean enabled) throws Exception {
        String id = UUID.randomUUID().toString();
        try (Connection c = DataStores.shared().postgres().connect("coach_portal");
                PreparedStatement s = c.prepareStatement(
                        "insert into users (sourced_id, role, email, enabled_user) values (?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setString(2, role);
            s.setString(3, email);
            s.setBoolean(4, enabled);
            s.executeUpdate();
        }
        return id;
    }

    static Response askForLink(String email, String portal) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("email", email, "portal", portal))
                .post("/api/auth/magic-links");
    }

    /** Asks as a client at {@code clientAddress} (the ingress's X-Forwarded-For). */
    static Response askForLinkFrom(String clientAddress, String email, String portal) {
        return given().header("X-Forwarded-For", clientAddress)
                .contentType(ContentType.JSON)
                .body(Map.of("email", email, "portal", portal))
                .post("/api/auth/magic-links");
    }

    /**
     * The sign-in links stored for an address. A link is stored before the answer and before its mail, so this
     * counts the links issued, however late their mails go out.
     */
    static List<Map<String, AttributeValue>> linkRecords(String email) {
        try (DynamoDbClient dynamo = DataStores.shared().dynamo().client()) {
            // A test may look through the whole (small) table; the service never scans.
            List<Map<String, AttributeValue>> links = new ArrayList<>();
            for (var page : dynamo.scanPaginator(r -> r.tableName("auth-sign-in-linksdev")
                    .filterExpression("email = :e AND kind = :k")
                    .expressionAttributeValues(
                            Map.of(":e", AttributeValue.fromS(email), ":k", AttributeValue.fromS("link"))))) {
                links.addAll(page.items());
            }
            return links;
        }
    }

    /** Moves the clock to {@code before} ahead of the next boundary of a fixed 15-minute window, a day from now. */
    static void justBeforeAFixedWindowBoundary(Duration before) {
        Instant now = MovableClock.INSTANCE.instant();
        long window = Duration.ofMinutes(15).toSeconds();
        Instant boundary = Instant.ofEpochSecond((now.getEpochSecond() + 86_400) / window * window + window);
        MovableClock.INSTANCE.advance(Duration.between(now, boundary.minus(before)));
    }

    /** Mail is sent in the background: wait for it (bounded), reading the real mailbox over IMAP. */
    static int awaitMails(String email, int expected) {
        return Eventually.value(() -> DataStores.shared().mail().inbox(email).size(), count -> count >= expected);
    }

    @Test
    void anAdminSignsInOnceWithAMailedLink() throws Exception {
        String email = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@tsa.example";
        userRow(email, "administrator", true);

        Response asked = askForLink(email, "admin");
        asked.then().statusCode(202);
        assertThat(awaitMails(email, 1)).isEqualTo(1);
        String token = linkTokenFromLastMail(email);
        assertThat(token).startsWith("s.");
        assertThat(DataStores.shared().mail().inbox(email).get(0).body()).contains("http://localhost:3001/auth?token=");

        Response session = exchange(token);
        session.then().statusCode(200);
        assertThat(session.jsonPath().getString("role")).isEqualTo("admin");
        assertThat(session.jsonPath().getString("email")).isEqualTo(email);
        String accessToken = session.jsonPath().getString("accessToken");
        given().auth()
                .oauth2(accessToken)
                .queryParam("status", "sent")
                .get("/api/admin/coach-invitations")
                .then()
                .statusCode(200);

        exchange(token).then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void ofParallelExchangesOfOneFreshLinkExactlyOneWinsEveryTime() throws Exception {
        String email = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@tsa.example";
        userRow(email, "administrator", true);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            for (int round = 0; round < 20; round++) {
                // past the rate window each round, so every round gets a fresh link
                MovableClock.INSTANCE.advance(Duration.ofMinutes(16));
                askForLink(email, "admin").then().statusCode(202);
                assertThat(awaitMails(email, round + 1)).isEqualTo(round + 1);
                String token = linkTokenFromLastMail(email);
                List<Callable<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    calls.add(() -> exchange(token).statusCode());
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Integer> f : pool.invokeAll(calls)) {
                    statuses.add(f.get());
                }
                assertThat(statuses)
                        .as("round " + round)
                        .containsOnly(200, 401)
                        .filteredOn(s -> s == 200)
                        .hasSize(1);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void anyoneElseGetsTheSameAnswerAndNoMail() throws Exception {
        String stranger = uniqueEmail();
        Response asked = askForLink(stranger, "admin");
        asked.then().statusCode(202);
        String disabled = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@tsa.example";
        userRow(disabled, "administrator", false);
        Response askedDisabled = askForLink(disabled, "admin");
        askedDisabled.then().statusCode(202);
        String parentOnly = uniqueEmail();
        userRow(parentOnly, "parent", true);
        Response wrongPortal = askForLink(parentOnly, "admin");

        String enabled = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@tsa.example";
        userRow(enabled, "administrator", true);
        Response askedEnabled = askForLink(enabled, "admin");

        assertThat(askedDisabled.asString()).isEqualTo(asked.asString());
        assertThat(wrongPortal.asString()).isEqualTo(asked.asString());
        assertThat(askedEnabled.asString()).isEqualTo(asked.asString());
        // No link stored means no mail, ever: the link is written before the answer, its mail only after.
        assertThat(linkRecords(stranger)).isEmpty();
        assertThat(linkRecords(disabled)).isEmpty();
        assertThat(linkRecords(parentOnly)).isEmpty();
        assertThat(linkRecords(enabled))
                .as("the control: an admin's request stores a link")
                .hasSize(1);
    }

    @Test
    void atMostFiveLinksPerAddressPerFifteenMinutes() throws Exception {
        String email = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@tsa.example";
        userRow(email, "administrator", true);
        MovableClock.INSTANCE.advance(Duration.ofDays(1));
        for (int i = 0; i < 7; i++) {
            askForLink(email, "admin").then().statusCode(202);
        }
        assertThat(linkRecords(email)).hasSize(5);

        MovableClock.INSTANCE.advance(Duration.ofMinutes(15));
        askForLink(email, "admin").then().statusCode(202);
        assertThat(linkRecords(email)).hasSize(6);
        assertThat(awaitMails(email, 6)).isEqualTo(6);
    }

    @Test
    void tenRequestsStraddlingAWindowBoundaryDoNotAllIssue() throws Exception {
        String email = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@tsa.example";
        userRow(email, "administrator", true);
        justBeforeAFixedWindowBoundary(Duration.ofSeconds(2));
        for (int i = 0; i < 5; i++) {
            askForLink(email, "admin").then().statusCode(202);
        }
        MovableClock.INSTANCE.advance(Duration.ofSeconds(4));
        for (int i = 0; i < 5; i++) {
            askForLink(email, "admin").then().statusCode(202);
        }
        assertThat(linkRecords(email)).as("at most five in any 15 minutes").hasSize(5);

        MovableClock.INSTANCE.advance(Duration.ofMinutes(15));
        askForLink(email, "admin").then().statusCode(202);
        assertThat(linkRecords(email)).as("the window slides on").hasSize(6);
    }

    @Test
    void aStrangerWhoSpendsAnAddresssLinksDoesNotLockItsOwnerOut() throws Exception {
        String victim = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@tsa.example";
        userRow(victim, "administrator", true);
        MovableClock.INSTANCE.advance(Duration.ofDays(2));
        for (int i = 0; i < 8; i++) {
            askForLinkFrom("203.0.113.66", victim, "admin").then().statusCode(202);
        }
        assertThat(linkRecords(victim)).as("the stranger's client is limited").hasSize(5);

        askForLinkFrom("198.51.100.23", victim, "admin").then().statusCode(202);
        assertThat(linkRecords(victim))
                .as("the owner, from their own client, still gets a link")
                .hasSize(6);
        assertThat(awaitMails(victim, 6)).isEqualTo(6);
        // The mails may arrive in any order; of the six links only the newest, the owner's, still works.
        List<Integer> statuses = new ArrayList<>();
        for (var mail : DataStores.shared().mail().inbox(victim)) {
            Matcher link = Pattern.compile("/auth\\?token=([A-Za-z0-9._-]+)").matcher(mail.body());
            assertThat(link.find()).isTrue();
            statuses.add(exchange(link.group(1)).statusCode());
        }
        assertThat(statuses)
                .containsOnly(200, 401)
                .filteredOn(status -> status == 200)
                .hasSize(1);
    }

    @Test
    void anOlderLinkStopsWorkingOnceANewerOneIsIssued() throws Exception {
        String email = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@tsa.example";
        userRow(email, "administrator", true);
        askForLink(email, "admin").then().statusCode(202);
        assertThat(awaitMails(email, 1)).isEqualTo(1);
        String older = linkTokenFromLastMail(email);
        askForLink(email, "admin").then().statusCode(202);
        assertThat(awaitMails(email, 2)).isEqualTo(2);
        String newer = linkTokenFromLastMail(email);
        assertThat(newer).isNotEqualTo(older);

        exchange(older).then().statusCode(401).contentType("application/problem+json");
        exchange(newer).then().statusCode(200);
    }

    @Test
    void aLinkExpiresAfterFifteenMinutes() throws Exception {
        String email = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@tsa.example";
        userRow(email, "administrator", true);
        askForLink(email, "admin").then().statusCode(202);
        awaitMails(email, 1);
        MovableClock.INSTANCE.advance(Duration.ofMinutes(15).plusSeconds(1));
        exchange(linkTokenFromLastMail(email)).then().statusCode(401);
    }

    @Test
    void aCoachWithAnOpenInvitationSignsInToTheCoachPortalWithAMagicLink() throws Exception {
        String email = uniqueEmail();
        Response invited = invite(TestTokens.admin("admin@tsa.example"), invitation(email));
        askForLink(email, "coach").then().statusCode(202);
        assertThat(awaitMails(email, 2)).isEqualTo(2);
        Response session = exchange(linkTokenFromLastMail(email));
        session.then().statusCode(200);
        assertThat(session.jsonPath().getString("role")).isEqualTo("coach");
        assertThat(session.jsonPath().getString("coachId"))
                .isEqualTo(invited.jsonPath().getString("coachId"));
        assertThat(session.jsonPath().getString("invitationId"))
                .isEqualTo(invited.jsonPath().getString("invitationId"));
    }

    @Test
    void anEnabledCoachRowSignsInWithItsCoachId() throws Exception {
        String email = uniqueEmail();
        String coachId = userRow(email, "teacher", true);
        askForLink(email, "coach").then().statusCode(202);
        awaitMails(email, 1);
        Response session = exchange(linkTokenFromLastMail(email));
        assertThat(session.jsonPath().getString("coachId")).isEqualTo(coachId);
        assertThat(session.jsonPath().getString("invitationId")).isNull();
    }

    @Test
    void malformedRequestsAreBadRequestsAndBadTokensAreUnauthorized() {
        askForLink("not-an-email", "admin").then().statusCode(400).contentType("application/problem+json");
        askForLink("a@example.com", "shop").then().statusCode(400);
        given().contentType(ContentType.JSON)
                .body("{")
                .post("/api/auth/magic-links")
                .then()
                .statusCode(400);
        given().contentType(ContentType.JSON)
                .body("{}")
                .post("/api/auth/sessions")
                .then()
                .statusCode(400);
        for (String bad :
                List.of("garbage", "s.unknown.AAAAAAAAAAAAAAAAAAAAAA", "c.unknown.AAAAAAAAAAAAAAAAAAAAAA", "x.y.z")) {
            Response refused = exchange(bad);
            refused.then().statusCode(401).contentType("application/problem+json");
            assertThat(refused.jsonPath().getString("detail")).isEqualTo("the link is not valid");
        }
    }
}
