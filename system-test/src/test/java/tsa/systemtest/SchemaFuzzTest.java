package tsa.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.sessions.JqwikSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import tsa.systemtest.HostileRequests.HostileRequest;
import tsa.systemtest.HostileRequests.Mutation;
import tsa.testsupport.LocalSystem;
import tsa.testsupport.LocalSystem.Service;
import tsa.testsupport.RawHttp;
import tsa.testsupport.SigningKeys;
import tsa.testsupport.TestTokens;

/**
 * The schema-driven fuzz (issue 21, "Hostile input"): requests generated from every operation of the four contracts
 * and of the two standards' documents as sync-service serves them, each broken in one way (wrong types, missing and
 * extra fields, huge strings and arrays, deep nesting, invalid UTF-8, bad dates, extreme numbers, unknown enum
 * values, traversal and injection payloads in paths, queries and headers) and sent with no token, a forged one, an
 * allowed caller's or another caller's, over a plain socket to the four running services.
 *
 * <p>It fails on any 5xx; on a 4xx that is not {@code application/problem+json} (OneRoster's {@code imsx_StatusInfo}
 * and OAuth 2's token error are the standards' own formats); and on a rejected write (any 4xx to a non-GET request)
 * after which any stored item differs: every DynamoDB item and every PostgreSQL table is read before and after it.
 * The one change a refused request may leave is the one architecture.md asks for: a refused admin write's audit
 * record and the {@code outcome=failed} record pointing at it.
 * After an accepted request the stores are left to settle (asynchronous mail and sync finish) before the next one.
 *
 * <p>{@code -Dtsa.fuzz.requests=N} (default 10,000) and {@code -Dtsa.fuzz.seed=S} (default: random, printed)
 * reproduce a run.
 */
class SchemaFuzzTest {

    private static final int REQUESTS = Integer.getInteger("tsa.fuzz.requests", 10_000);
    private static final long SEED = Long.getLong("tsa.fuzz.seed", new Random().nextLong());

    private static LocalSystem system;
    private static Journeys journeys;
    private static DynamoDbClient dynamo;
    private static StoredState.Reader stores;

    @BeforeAll
    static void start() {
        system = LocalSystem.start(false, "schema-fuzz-test");
        journeys = new Journeys(system);
        dynamo = system.stores().dynamo().client();
        stores = new StoredState.Reader(dynamo, system.stores());
    }

    @AfterAll
    static void stop() {
        if (dynamo != null) {
            dynamo.close();
        }
        if (system != null) {
            system.close();
        }
    }

    @Test
    void noGeneratedRequestIsAnsweredWithA5xxOrWithoutProblemDetailsOrChangesStoredDataWhenRejected() {
        String admin = journeys.adminSignsIn(0);
        Journeys.OnboardedCoach coach = journeys.coachOnboards(admin);
        Journeys.InvitedParent parent = journeys.parentInvitedBy(coach);
        String enrollmentId = given().auth()
                .oauth2(parent.token())
                .contentType(ContentType.JSON)
                .body(Map.of("invitationId", parent.invitationId()))
                .post(journeys.url(Service.PARENT, "/api/parent/enrollments"))
                .then()
                .statusCode(201)
                .extract()
                .path("enrollmentId");

        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("admin", admin);
        tokens.put("coach", coach.token());
        tokens.put("parent", parent.token());
        for (String service : SigningKeys.SERVICES) {
            tokens.put(service, TestTokens.service(system.keys(), service));
        }
        tokens.put("service", tokens.get("admin-service"));
        tokens.put(
                FuzzedOperation.Api.ONEROSTER.name(),
                journeys.standardsToken(
                        admin,
                        "/ims/oneroster/oauth/token",
                        "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly"));
        tokens.put(
                FuzzedOperation.Api.EDFI.name(),
                journeys.standardsToken(admin, "/edfi/oauth/token", "urn:tsa:edfi:data.readonly", "urn:tsa:edfi:data"));

        Map<String, String> knownIds = new LinkedHashMap<>();
        knownIds.put("coachId", coach.coachId());
        knownIds.put("schoolId", "255901001");
        knownIds.put("invitationId", parent.invitationId());
        knownIds.put("admin-service:invitationId", coach.invitationId());
        knownIds.put("enrollmentId", enrollmentId);

        List<FuzzedOperation> operations = new ArrayList<>();
        for (Service service : Service.values()) {
            operations.addAll(FuzzedOperation.ofContract(service));
        }
        operations.addAll(FuzzedOperation.ofServedStandard(
                FuzzedOperation.Api.ONEROSTER,
                given().get(journeys.url(Service.SYNC, "/api/sync/standards/oneroster-1.2.json"))
                        .asString()));
        operations.addAll(FuzzedOperation.ofServedStandard(
                FuzzedOperation.Api.EDFI,
                given().get(journeys.url(Service.SYNC, "/api/sync/standards/ed-fi-ds-5.0.json"))
                        .asString()));
        operations.addAll(FuzzedOperation.tokenEndpoints());
        assertThat(operations).hasSizeGreaterThan(80);

        // jqwik's generators run inside a jqwik session: this test drives them itself, to send every request and
        // report every failure of the run (with its seed) instead of stopping at the first.
        JqwikSession.start();
        try {
            fuzz(new HostileRequests(operations, tokens, knownIds).requests().generator(1_000), operations.size());
        } finally {
            JqwikSession.finish();
        }
    }

    private void fuzz(RandomGenerator<HostileRequest> generator, int operationCount) {
        Random random = new Random(SEED);
        System.out.println("schema fuzz: " + REQUESTS + " requests over " + operationCount
                + " operations, -Dtsa.fuzz.seed=" + SEED);

        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        Map<Mutation, Integer> mutations = new EnumMap<>(Mutation.class);
        int serverErrors = 0;
        int withoutProblem = 0;
        int changedByRejected = 0;
        int rejectedWritesChecked = 0;
        Instant started = Instant.now();
        StoredState before = stores.read();
        boolean beforeIsCurrent = true;
        for (int i = 0; i < REQUESTS; i++) {
            HostileRequest request = generator.next(random).value();
            mutations.merge(request.mutation(), 1, Integer::sum);
            boolean checked = !request.operation().isSafe();
            if (checked && !beforeIsCurrent) {
                before = stores.read();
            }
            RawHttp.Reply reply;
            try {
                reply = RawHttp.send(
                        java.net
                                .URI
                                .create(system.baseUrl(request.operation().service()))
                                .getPort(),
                        request.operation().method(),
                        request.target(),
                        request.headers(),
                        request.body());
            } catch (RuntimeException e) {
                failures.add("no answer (" + e + ") to " + request.describe());
                beforeIsCurrent = false;
                continue;
            }
            statuses.merge(reply.status(), 1, Integer::sum);
            String where = reply.status() + " to " + request.describe() + ": " + abbreviate(reply.body());
            if (reply.status() >= 500) {
                serverErrors++;
                failures.add(where);
            } else if (reply.status() >= 400 && !isErrorFormatOf(request.operation(), reply)) {
                withoutProblem++;
                failures.add("not problem+json (" + reply.contentType() + "): " + where);
            }
            if (reply.status() < 400) {
                settle();
                beforeIsCurrent = false;
            } else if (checked) {
                rejectedWritesChecked++;
                StoredState after = stores.read();
                List<String> changes = after.changesOfARefusedRequestSince(before);
                if (!changes.isEmpty()) {
                    changedByRejected++;
                    failures.add("stored items changed by a rejected request (" + changes + "): " + where);
                }
                before = after;
                beforeIsCurrent = true;
            }
        }
        System.out.println("schema fuzz: " + REQUESTS + " requests fuzzed, " + serverErrors + " 5xx, " + withoutProblem
                + " 4xx without problem details, " + rejectedWritesChecked + " rejected writes checked against the"
                + " stores, " + changedByRejected + " of them changed stored items; statuses " + statuses
                + "; mutations " + mutations + "; "
                + Duration.between(started, Instant.now()).toSeconds() + " s");
        assertThat(failures)
                .as("fuzz failures (seed " + SEED + ", " + failures.size() + " of " + REQUESTS + ")")
                .isEmpty();
        // The run reached the services' logic, not only their front doors.
        assertThat(statuses.keySet()).contains(400, 401, 403, 404);
        assertThat(statuses.keySet().stream().anyMatch(s -> s >= 200 && s < 300))
                .isTrue();
        assertThat(rejectedWritesChecked).isGreaterThan(REQUESTS / 4);
    }

    /** A 4xx in the error format of the API that answered it. */
    private static boolean isErrorFormatOf(FuzzedOperation operation, RawHttp.Reply reply) {
        String type = reply.contentType();
        JsonNode body;
        try {
            body = new ObjectMapper().readTree(reply.body());
        } catch (Exception e) {
            return false;
        }
        if (body == null) {
            return false;
        }
        if (type.startsWith("application/problem+json")) {
            return body.path("status").asInt() == reply.status() && body.hasNonNull("title");
        }
        if (!type.startsWith("application/json")) {
            return false;
        }
        return switch (operation.api()) {
            case ONEROSTER -> body.has("imsx_codeMajor") || body.has("error");
            case EDFI -> body.has("error");
            case PORTAL -> false;
        };
    }

    /**
     * Waits until two readings of the stores, a quarter of a second apart, agree and no reconciliation an accepted
     * request started still runs in the background: an accepted request's mail, sync, audit records and report are
     * written by then, so they are not taken for the next request's.
     */
    private static void settle() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        StoredState previous = stores.read();
        while (Instant.now().isBefore(deadline)) {
            Journeys.sleep(250);
            StoredState current = stores.read();
            if (current.changesSince(previous).isEmpty() && !reconciliationRunning()) {
                return;
            }
            previous = current;
        }
    }

    private static boolean reconciliationRunning() {
        try (Connection c = system.stores().postgres().connect("coach_portal");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM reconciliation_reports WHERE status = 'running'")) {
            rs.next();
            return rs.getLong(1) > 0;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the reconciliation reports", e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
