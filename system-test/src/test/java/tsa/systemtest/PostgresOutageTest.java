package tsa.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tsa.testsupport.FaultyTcpProxy;
import tsa.testsupport.LocalSystem;
import tsa.testsupport.LocalSystem.Service;
import tsa.testsupport.PostgresServer;

/**
 * PostgreSQL taken away from the four running services the way a restart or a failover looks to their pools (issue
 * 21, "Faults"): every service reaches the server through a {@link FaultyTcpProxy} that closes every open connection at
 * once and refuses new ones until the server is "back". Requests meanwhile are 503 problems with {@code Retry-After}
 * within a bound (never a 500, never a hang), readiness is down, the transaction in flight at the cut is rolled back
 * by the server (no half row), the same processes answer again once the server is back, and an enrollment activation
 * cut in the middle of its PostgreSQL step is finished by a retry with exactly one student and one association.
 */
class PostgresOutageTest {

    /** quarkus.datasource.jdbc.acquisition-timeout (5 s) plus the time to answer. */
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(12);

    private static final Duration RECOVERY = Duration.ofSeconds(15);

    private static LocalSystem system;
    private static Journeys journeys;
    private static FaultyTcpProxy postgres;
    private static String admin;
    private static Journeys.OnboardedCoach coach;

    @BeforeAll
    static void start() {
        system = LocalSystem.startWith(
                "postgres-outage-test", LocalSystem.Setup.plain().withFaultyPostgres());
        journeys = new Journeys(system);
        postgres = system.postgresProxy();
        admin = journeys.adminSignsIn(0);
        coach = journeys.coachOnboards(admin);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void anActivationCutByAPostgresOutageLeavesNoHalfRowIsA503AndARetryAfterTheServerIsBackWritesOneStudent()
            throws Exception {
        Journeys.InvitedParent parent = journeys.parentInvitedBy(coach);
        String enrollmentId = enroll(parent);
        String studentUniqueId = studentUniqueIdOf(enrollmentId);
        Map<Service, Long> pids = new EnumMap<>(Service.class);
        system.processes().forEach((service, process) -> pids.put(service, process.pid()));
        usersSearch().then().statusCode(200);

        int requests = 0;
        int unavailable = 0;
        int otherServerErrors = 0;
        CompletableFuture<Response> activation;
        Instant cut;
        try (Connection direct = system.stores().postgres().connect(PostgresServer.DATABASE)) {
            // The test holds a SHARE lock on the associations: the activation's transaction reads, inserts its
            // students row and then waits to insert the association. That is the transaction in flight at the cut.
            direct.setAutoCommit(false);
            try (Statement s = direct.createStatement()) {
                s.execute("LOCK TABLE student_school_associations IN SHARE MODE");
            }
            activation = CompletableFuture.supplyAsync(() -> changeStatus(enrollmentId, "active"));
            awaitBlockedInsert(direct, "student_school_associations");

            cut = Instant.now();
            postgres.cutAll();
            direct.commit(); // the lock goes; the server finds the activation's client gone and rolls it back
        }

        Response cutActivation = activation.get(ANSWER_BOUND.toSeconds(), TimeUnit.SECONDS);
        requests++;
        assertThat(Duration.between(cut, Instant.now())).isLessThan(ANSWER_BOUND);
        assertUnavailable(cutActivation);
        unavailable++;

        // Requests while the server is away: reads and writes in each service that uses PostgreSQL.
        Map<String, Supplier<Response>> duringOutage = Map.of(
                "GET /api/admin/users", PostgresOutageTest::usersSearch,
                "POST /api/admin/users", () -> addAdministrator("outage-admin@example.com"),
                "PATCH enrollment active again", () -> changeStatus(enrollmentId, "active"),
                "GET /api/coach/schools/{id}",
                        () -> given().auth()
                                .oauth2(coach.token())
                                .get(journeys.url(Service.COACH, "/api/coach/schools/255901001")),
                "GET /api/sync/sync-log",
                        () -> given().auth().oauth2(admin).get(journeys.url(Service.SYNC, "/api/sync/sync-log")));
        for (Map.Entry<String, Supplier<Response>> request : duringOutage.entrySet()) {
            Instant asked = Instant.now();
            Response response = request.getValue().get();
            requests++;
            assertThat(Duration.between(asked, Instant.now()))
                    .as(request.getKey() + " answered within the bound")
                    .isLessThan(ANSWER_BOUND);
            if (response.statusCode() >= 500 && response.statusCode() != 503) {
                otherServerErrors++;
            }
            assertThat(response.statusCode())
                    .as(request.getKey() + " during the outage: " + response.asString())
                    .isEqualTo(503);
            assertUnavailable(response);
            unavailable++;
        }
        for (Service service : Service.values()) {
            Response ready = given().get(journeys.url(service, "/q/health/ready"));
            requests++;
            assertThat(ready.statusCode())
                    .as(service + " readiness while PostgreSQL is away")
                    .isEqualTo(503);
        }

        // No half row: the server rolled back the transaction that had written the students row.
        try (Connection direct = system.stores().postgres().connect(PostgresServer.DATABASE)) {
            awaitNoOpenTransactions(direct);
            assertThat(count(direct, "select count(*) from students where student_unique_id = ?", studentUniqueId))
                    .as("students row of the cut activation")
                    .isZero();
            assertThat(count(
                            direct,
                            "select count(*) from student_school_associations where student_unique_id = ?",
                            studentUniqueId))
                    .isZero();
            assertThat(count(direct, "select count(*) from users where email = ?", "outage-admin@example.com"))
                    .as("the administrator refused during the outage")
                    .isZero();
        }

        // The server is back: the same processes answer again, their pools rebuilt without a restart.
        postgres.restore();
        Instant back = Instant.now();
        Response search = awaitStatus(PostgresOutageTest::usersSearch, 200, back.plus(RECOVERY));
        assertThat(search.jsonPath().getList("items")).isNotEmpty();
        for (Service service : Service.values()) {
            awaitStatus(() -> given().get(journeys.url(service, "/q/health/ready")), 200, back.plus(RECOVERY));
        }
        long recoveredMillis = Duration.between(back, Instant.now()).toMillis();
        system.processes()
                .forEach((service, process) -> assertThat(process.pid())
                        .as(service + " was not restarted")
                        .isEqualTo(pids.get(service)));

        // The enrollment stayed active (step 1); repeating the activation finishes it, once.
        Response enrollment = given().auth()
                .oauth2(parent.token())
                .get(journeys.url(Service.PARENT, "/api/parent/enrollments/" + enrollmentId));
        assertThat(enrollment.<String>path("enrollmentStatus")).isEqualTo("active");
        Response retried = changeStatus(enrollmentId, "active");
        assertThat(retried.statusCode()).as(retried.asString()).isEqualTo(200);
        assertThat(retried.<String>path("studentUniqueId")).isEqualTo(studentUniqueId);
        changeStatus(enrollmentId, "active").then().statusCode(200);
        int studentRows;
        int associationRows;
        try (Connection direct = system.stores().postgres().connect(PostgresServer.DATABASE)) {
            studentRows = count(direct, "select count(*) from students where student_unique_id = ?", studentUniqueId);
            associationRows = count(
                    direct,
                    "select count(*) from student_school_associations where student_unique_id = ?",
                    studentUniqueId);
        }
        assertThat(studentRows).isEqualTo(1);
        assertThat(associationRows).isEqualTo(1);
        assertThat(otherServerErrors).isZero();

        System.out.println("postgres outage: faults injected 1 (" + postgres.severed() + " connections severed, "
                + postgres.refused() + " refused), requests during the outage " + requests + ", 503 " + unavailable
                + ", other 5xx " + otherServerErrors + ", half rows 0, recovered in " + recoveredMillis
                + " ms, activation finished on retry: " + studentRows + " student, " + associationRows
                + " association");
    }

    private static String enroll(Journeys.InvitedParent parent) {
        Response created = given().auth()
                .oauth2(parent.token())
                .contentType(ContentType.JSON)
                .body(Map.of("invitationId", parent.invitationId()))
                .post(journeys.url(Service.PARENT, "/api/parent/enrollments"));
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        String enrollmentId = created.path("enrollmentId");
        Response details = given().auth()
                .oauth2(parent.token())
                .contentType(ContentType.JSON)
                .body(Map.of("dateOfBirth", "2012-04-05", "gradeLevel", "Ninth grade", "studentAge", 14))
                .patch(journeys.url(Service.PARENT, "/api/parent/enrollments/" + enrollmentId + "/student"));
        assertThat(details.statusCode()).as(details.asString()).isEqualTo(200);
        return enrollmentId;
    }

    /** parent-service's EnrollmentActivation#studentUniqueIdFor (its code is not on this module's classpath). */
    private static String studentUniqueIdOf(String enrollmentId) throws Exception {
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(("tsa-enrollment:" + enrollmentId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "TSA"
                + java.util.HexFormat.of().formatHex(digest).substring(0, 20).toUpperCase();
    }

    private static Response changeStatus(String enrollmentId, String status) {
        return given().auth()
                .oauth2(coach.token())
                .contentType(ContentType.JSON)
                .body(Map.of("enrollmentStatus", status))
                .patch(journeys.url(Service.PARENT, "/api/parent/enrollments/" + enrollmentId + "/status"));
    }

    private static Response usersSearch() {
        return given().auth()
                .oauth2(admin)
                .queryParam("role", "administrator")
                .get(journeys.url(Service.ADMIN, "/api/admin/users"));
    }

    private static Response addAdministrator(String email) {
        return given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("email", email, "givenName", "Out", "familyName", "Age"))
                .post(journeys.url(Service.ADMIN, "/api/admin/users"));
    }

    /** Waits until a backend of the services waits for a lock to insert into {@code table}. */
    private static void awaitBlockedInsert(Connection direct, String table) throws SQLException {
        Instant deadline = Instant.now().plusSeconds(20);
        // an INSERT asks for ROW EXCLUSIVE on the table, which the test's SHARE lock holds back (a SELECT would pass)
        try (PreparedStatement blocked = direct.prepareStatement("select count(*) from pg_locks l"
                + " join pg_class c on c.oid = l.relation"
                + " where not l.granted and l.mode = 'RowExclusiveLock' and c.relname = ?")) {
            blocked.setString(1, table);
            while (Instant.now().isBefore(deadline)) {
                try (ResultSet rs = blocked.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) > 0) {
                        return;
                    }
                }
                Journeys.sleep(50);
            }
        }
        StringBuilder waiting = new StringBuilder();
        try (Statement s = direct.createStatement();
                ResultSet rs = s.executeQuery("select wait_event_type, wait_event, state, left(query, 200)"
                        + " from pg_stat_activity where backend_type = 'client backend' and pid <> pg_backend_pid()")) {
            while (rs.next()) {
                waiting.append("\n  ")
                        .append(rs.getString(1))
                        .append(' ')
                        .append(rs.getString(2))
                        .append(' ')
                        .append(rs.getString(3))
                        .append(": ")
                        .append(rs.getString(4));
            }
        }
        throw new AssertionError("the activation never waited to insert into " + table + "; backends:" + waiting);
    }

    /** Waits until the server has ended every service backend's transaction (the cut ones roll back). */
    private static void awaitNoOpenTransactions(Connection direct) throws SQLException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            try (Statement s = direct.createStatement();
                    ResultSet rs = s.executeQuery("select count(*) from pg_stat_activity where datname = '"
                            + PostgresServer.DATABASE
                            + "' and backend_type = 'client backend' and xact_start is not null"
                            + " and pid <> pg_backend_pid()")) {
                rs.next();
                if (rs.getInt(1) == 0) {
                    return;
                }
            }
            Journeys.sleep(50);
        }
        throw new AssertionError("a service transaction stayed open after the cut");
    }

    private static int count(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void assertUnavailable(Response response) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).matches("[1-9][0-9]*");
        assertThat(response.<Integer>path("status")).isEqualTo(503);
    }

    private static Response awaitStatus(Supplier<Response> request, int status, Instant deadline) {
        Response last = request.get();
        while (last.statusCode() != status && Instant.now().isBefore(deadline)) {
            Journeys.sleep(200);
            last = request.get();
        }
        assertThat(last.statusCode())
                .as("within " + RECOVERY + " of the server's return: " + last.asString())
                .isEqualTo(status);
        return last;
    }
}
