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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tsa.testsupport.LocalSystem;
import tsa.testsupport.LocalSystem.Service;
import tsa.testsupport.PostgresServer;

/**
 * Coach profile changes under faults (issue 21): made while sync-service is down, every one reaches OneRoster's
 * {@code users} once it is back (coach-service re-sends what sync-service has not acknowledged, from the sparse
 * {@code sync-pending-index}); and concurrent edits of one profile lose nothing silently (exactly one edit of the same
 * read wins, the others are told so; no edit without If-Match).
 */
class CoachProfileChangesTest {

    private static final int COACHES = 12;
    private static final int CONCURRENT_EDITS = 16;
    /** The re-send job's period in this system (a short configured duration, production's is 30 s). */
    private static final String RESEND_EVERY = "1s";

    private static LocalSystem system;
    private static Journeys journeys;
    private static String admin;

    @BeforeAll
    static void start() {
        system = LocalSystem.startWith(
                "coach-profile-changes-test",
                LocalSystem.Setup.plain().with("tsa.profile-sync.resend-every", RESEND_EVERY));
        journeys = new Journeys(system);
        admin = journeys.adminSignsIn(0);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void everyProfileChangedWhileSyncServiceWasDownReachesOneRosterUsersOnceItIsBack() throws Exception {
        List<Journeys.OnboardedCoach> coaches = new ArrayList<>();
        for (int i = 0; i < COACHES; i++) {
            coaches.add(journeys.coachOnboards(admin));
        }
        system.kill(Service.SYNC);

        Map<String, String> expectedFamilyName = new LinkedHashMap<>();
        int serverErrors = 0;
        for (int i = 0; i < coaches.size(); i++) {
            Journeys.OnboardedCoach coach = coaches.get(i);
            // two versions each while sync-service is down: only the latest may end up in users
            for (int version = 1; version <= 2; version++) {
                String familyName = "Changed" + i + "v" + version;
                Response read = myProfile(coach.token());
                read.then().statusCode(200);
                Response written = edit(coach.token(), read.header("ETag"), "Casey", familyName, "+1 512 555 01" + i);
                if (written.statusCode() >= 500) {
                    serverErrors++;
                }
                assertThat(written.statusCode())
                        .as("a profile write does not depend on sync-service: " + written.asString())
                        .isEqualTo(200);
                expectedFamilyName.put(coach.coachId(), familyName);
            }
        }

        system.restart(Service.SYNC);
        Instant back = Instant.now();
        Instant deadline = back.plus(Duration.ofSeconds(60));
        Map<String, String> inUsers = Map.of();
        while (Instant.now().isBefore(deadline)) {
            inUsers = teacherFamilyNames(expectedFamilyName.keySet());
            if (inUsers.equals(expectedFamilyName)) {
                break;
            }
            Journeys.sleep(250);
        }
        Map<String, String> finallyInUsers = inUsers;
        long reached = expectedFamilyName.entrySet().stream()
                .filter(e -> e.getValue().equals(finallyInUsers.get(e.getKey())))
                .count();
        System.out.println("sync-service down: " + expectedFamilyName.size() + " changed while down ("
                + 2 * expectedFamilyName.size() + " writes), " + reached + " reached users (latest version) "
                + Duration.between(back, Instant.now()).toMillis() + " ms after the restart, 5xx seen "
                + serverErrors + ", lost " + (expectedFamilyName.size() - reached));
        assertThat(inUsers).isEqualTo(expectedFamilyName);
        assertThat(serverErrors).isZero();

        // each coach reads back their own latest version
        for (Journeys.OnboardedCoach coach : coaches) {
            Response profile = myProfile(coach.token());
            assertThat(profile.<String>path("lastName")).isEqualTo(expectedFamilyName.get(coach.coachId()));
        }
    }

    @Test
    void ofConcurrentEditsOfTheSameReadExactlyOneWinsWholeAndTheOthersAre412() throws Exception {
        Journeys.OnboardedCoach coach = journeys.coachOnboards(admin);
        Response read = myProfile(coach.token());
        String etag = read.header("ETag");
        long versionBefore = Long.parseLong(etag.replace("\"", ""));

        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_EDITS);
        List<Response> answers = new ArrayList<>();
        try {
            CountDownLatch ready = new CountDownLatch(CONCURRENT_EDITS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < CONCURRENT_EDITS; i++) {
                int writer = i;
                Callable<Response> edit = () -> {
                    ready.countDown();
                    go.await();
                    return edit(
                            coach.token(), etag, "Writer" + writer, "Family" + writer, "+1 512 555 0" + (100 + writer));
                };
                futures.add(pool.submit(edit));
            }
            ready.await();
            go.countDown();
            for (Future<Response> future : futures) {
                answers.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }

        List<Response> won = answers.stream().filter(r -> r.statusCode() == 200).toList();
        List<Response> refused =
                answers.stream().filter(r -> r.statusCode() != 200).toList();
        assertThat(won).hasSize(1);
        for (Response r : refused) {
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(412);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }

        // The profile is the winner's edit whole (no field from another writer), one version later.
        Response after = myProfile(coach.token());
        String winner = won.get(0).path("firstName");
        String n = winner.substring("Writer".length());
        assertThat(after.<String>path("firstName")).isEqualTo("Writer" + n);
        assertThat(after.<String>path("lastName")).isEqualTo("Family" + n);
        assertThat(after.<String>path("phone")).isEqualTo("+1 512 555 0" + (100 + Integer.parseInt(n)));
        assertThat(after.header("ETag")).isEqualTo("\"" + (versionBefore + 1) + "\"");

        // Without If-Match an edit is refused (428): there is no last-writer-wins path that could lose an edit.
        Response blind = given().auth()
                .oauth2(coach.token())
                .contentType(ContentType.JSON)
                .body(body("Blind", "Write", null))
                .put(journeys.url(Service.COACH, "/api/coach/profiles/me"));
        assertThat(blind.statusCode()).as(blind.asString()).isEqualTo(428);
        assertThat(blind.contentType()).startsWith("application/problem+json");
        assertThat(myProfile(coach.token()).header("ETag")).isEqualTo("\"" + (versionBefore + 1) + "\"");
        System.out.println("concurrent profile edits: " + CONCURRENT_EDITS + " from one read, " + won.size()
                + " won, " + refused.size() + " refused with 412, version " + versionBefore + " -> "
                + (versionBefore + 1) + ", lost silently 0");
    }

    private static Map<String, String> teacherFamilyNames(Iterable<String> coachIds) throws Exception {
        Map<String, String> names = new LinkedHashMap<>();
        try (Connection c = system.stores().postgres().connect(PostgresServer.DATABASE);
                PreparedStatement s =
                        c.prepareStatement("select family_name from users where sourced_id = ? and role = 'teacher'")) {
            for (String coachId : coachIds) {
                s.setString(1, coachId);
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        names.put(coachId, rs.getString(1));
                    }
                }
            }
        }
        return names;
    }

    private static Response myProfile(String token) {
        return given().auth().oauth2(token).get(journeys.url(Service.COACH, "/api/coach/profiles/me"));
    }

    private static Response edit(String token, String etag, String firstName, String lastName, String phone) {
        return given().auth()
                .oauth2(token)
                .header("If-Match", etag)
                .contentType(ContentType.JSON)
                .body(body(firstName, lastName, phone))
                .put(journeys.url(Service.COACH, "/api/coach/profiles/me"));
    }

    private static Map<String, Object> body(String firstName, String lastName, String phone) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", firstName);
        body.put("lastName", lastName);
        if (phone != null) {
            body.put("phone", phone);
        }
        body.put("schoolId", "255901001");
        body.put("sportSpecialties", List.of("basketball"));
        return body;
    }
}
