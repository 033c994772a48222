package tsa.admin;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.admin.CoachInvitationLifecycleTest.exchange;
import static tsa.admin.CoachInvitationLifecycleTest.invitation;
import static tsa.admin.CoachInvitationLifecycleTest.invite;
import static tsa.admin.CoachInvitationLifecycleTest.uniqueEmail;
import static tsa.admin.SignInTest.askForLink;
import static tsa.admin.SignInTest.awaitMails;
import static tsa.admin.SignInTest.userRow;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.runtime.security.LinkToken;
import tsa.testsupport.DataStores;
import tsa.testsupport.RealDataStores;
import tsa.testsupport.ReferenceData;
import tsa.testsupport.TestTokens;

/**
 * Every exchange ({@code s}, {@code c}, {@code p}) refuses a person whose {@code users} row for that role is disabled
 * or revoked, with the same 401 as a bad token, although the token itself is still good. coach-service is stood in
 * for by a real HTTP server that accepts every {@code p} token (its own checks are coach-service's tests).
 */
@QuarkusTest
@QuarkusTestResource(RealDataStores.class)
@TestProfile(DisabledPeopleGetNoSessionTest.CoachServiceStandIn.class)
class DisabledPeopleGetNoSessionTest {

    private static final String ADMIN = TestTokens.admin("admin@tsa.example");
    private static final Pattern LINK = Pattern.compile("/auth\\?token=([A-Za-z0-9._-]+)");

    /**
     * coach-service's internal parent-invitation exchange, answering every {@code p.<id>.<secret>} with an opened
     * invitation of {@code <id>@parents.tsa.example}. Stateless, since the profile and the test live in different
     * class loaders.
     */
    public static class CoachServiceStandIn implements QuarkusTestProfile {

        private static HttpServer server;

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.rest-client.coach_service_yaml.url", "http://127.0.0.1:" + port());
        }

        private static synchronized int port() {
            if (server == null) {
                try {
                    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                server.createContext("/internal/parent-invitations/exchange", CoachServiceStandIn::exchange);
                server.setExecutor(Executors.newFixedThreadPool(2, r -> {
                    Thread thread = new Thread(r, "coach-service-stand-in");
                    thread.setDaemon(true);
                    return thread;
                }));
                server.start();
            }
            return server.getAddress().getPort();
        }

        private static void exchange(HttpExchange http) throws IOException {
            String body = new String(http.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher token =
                    Pattern.compile("\"token\"\\s*:\\s*\"p\\.([a-z0-9-]+)\\.").matcher(body);
            byte[] answer;
            if (token.find()) {
                String id = token.group(1);
                answer = ("{\"invitationId\":\"" + id + "\",\"coachId\":\"coach-stand-in\",\"parentEmail\":\"" + id
                                + "@parents.tsa.example\",\"studentName\":\"Sam\",\"sport\":\"basketball\","
                                + "\"invitationStatus\":\"opened\",\"expiresAt\":\"2099-01-01T00:00:00Z\","
                                + "\"sentAt\":\"2026-01-01T00:00:00Z\"}")
                        .getBytes(StandardCharsets.UTF_8);
                http.getResponseHeaders().add("Content-Type", "application/json");
                http.sendResponseHeaders(200, answer.length);
            } else {
                answer = "{\"status\":404}".getBytes(StandardCharsets.UTF_8);
                http.getResponseHeaders().add("Content-Type", "application/problem+json");
                http.sendResponseHeaders(404, answer.length);
            }
            http.getResponseBody().write(answer);
            http.close();
        }
    }

    @BeforeEach
    void schools() {
        ReferenceData.loadSchools(DataStores.shared().postgres());
    }

    @Test
    void aParentWhoseRowIsDisabledGetsNoSessionFromTheirStillOpenInvitation() throws Exception {
        String invitationId = "inv-" + UUID.randomUUID().toString().substring(0, 8);
        String parent = invitationId + "@parents.tsa.example";
        String token =
                LinkToken.issue(LinkToken.Kind.PARENT_INVITATION, invitationId).value();

        Response first = exchange(token);
        first.then().statusCode(200);
        assertThat(first.jsonPath().getString("role")).isEqualTo("parent");
        String row = rowOf(parent, "parent");
        assertThat(row).as("the first exchange gives the parent a users row").isNotNull();

        given().auth()
                .oauth2(ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("enabledUser", false))
                .patch("/api/admin/users/" + row)
                .then()
                .statusCode(200);

        assertRefused(exchange(token));
    }

    @Test
    void aCoachWhoseTeacherRowIsDisabledGetsNoSessionFromTheInvitationLink() throws Exception {
        String email = uniqueEmail();
        Response invited = invite(ADMIN, invitation(email));
        invited.then().statusCode(201);
        String coachId = invited.jsonPath().getString("coachId");
        assertThat(awaitMails(email, 1)).isEqualTo(1);
        String invitationLink = tokenOfKind(email, "c.");
        exchange(invitationLink).then().statusCode(200);

        insertTeacherRow(coachId, email, false);

        assertRefused(exchange(invitationLink));
    }

    @Test
    void aCoachWhoseTeacherRowIsDisabledAfterAskingGetsNoSessionFromTheSignInLink() throws Exception {
        String email = uniqueEmail();
        Response invited = invite(ADMIN, invitation(email));
        invited.then().statusCode(201);
        String coachId = invited.jsonPath().getString("coachId");
        insertTeacherRow(coachId, email, true);
        askForLink(email, "coach").then().statusCode(202);
        assertThat(awaitMails(email, 2)).isEqualTo(2);
        String signInLink = tokenOfKind(email, "s.");

        // as sync-service does when the coach's profile is deactivated; the invitation is still open
        setEnabled(coachId, false);

        assertRefused(exchange(signInLink));
    }

    @Test
    void anAdminDisabledAfterAskingGetsNoSessionFromTheSignInLink() throws Exception {
        String email = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@tsa.example";
        String row = userRow(email, "administrator", true);
        askForLink(email, "admin").then().statusCode(202);
        assertThat(awaitMails(email, 1)).isEqualTo(1);
        String signInLink = tokenOfKind(email, "s.");

        given().auth()
                .oauth2(ADMIN)
                .contentType(ContentType.JSON)
                .body(Map.of("enabledUser", false))
                .patch("/api/admin/users/" + row)
                .then()
                .statusCode(200);

        assertRefused(exchange(signInLink));
    }

    /** The same 401 as any bad token: the answer does not say that the person was disabled. */
    private static void assertRefused(Response refused) {
        refused.then().statusCode(401).contentType("application/problem+json");
        assertThat(refused.jsonPath().getString("detail")).isEqualTo("the link is not valid");
    }

    private static String tokenOfKind(String email, String prefix) {
        for (var mail : DataStores.shared().mail().inbox(email)) {
            Matcher link = LINK.matcher(mail.body());
            if (link.find() && link.group(1).startsWith(prefix)) {
                return link.group(1);
            }
        }
        throw new AssertionError("no " + prefix + " link mailed to " + email);
    }

    private static String rowOf(String email, String role) throws Exception {
        try (Connection c = DataStores.shared().postgres().connect("coach_portal");
                PreparedStatement s = c.prepareStatement("select sourced_id from users where email = ? and role = ?")) {
            s.setString(1, email);
            s.setString(2, role);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    /** A coach's row as sync-service writes it: {@code sourced_id} = {@code profile_id} = the coach id. */
    private static void insertTeacherRow(String coachId, String email, boolean enabled) throws Exception {
        try (Connection c = DataStores.shared().postgres().connect("coach_portal");
                PreparedStatement s = c.prepareStatement("insert into users (sourced_id, role, email, profile_id, "
                        + "enabled_user, status) values (?, 'teacher', ?, ?, ?, 'active')")) {
            s.setString(1, coachId);
            s.setString(2, email);
            s.setString(3, coachId);
            s.setBoolean(4, enabled);
            s.executeUpdate();
        }
    }

    private static void setEnabled(String sourcedId, boolean enabled) throws Exception {
        try (Connection c = DataStores.shared().postgres().connect("coach_portal");
                PreparedStatement s = c.prepareStatement("update users set enabled_user = ? where sourced_id = ?")) {
            s.setBoolean(1, enabled);
            s.setString(2, sourcedId);
            s.executeUpdate();
        }
    }
}
