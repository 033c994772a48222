package tsa.sync;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import tsa.model.ProfileSyncLog;
import tsa.model.User;
import tsa.testsupport.DataStores;
import tsa.testsupport.PostgresServer;
import tsa.testsupport.ReferenceData;
import tsa.testsupport.TestTokens;

/** What the sync-service tests share: profile changes as coach-service sends them, and looks into the stores. */
public final class SyncFixtures {

    public static final String ADMIN_EMAIL = "admin@tsa.example";
    public static final String SCHOOL = ReferenceData.SCHOOL_AUSTIN;
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(20);

    private SyncFixtures() {}

    public static String admin() {
        return TestTokens.admin(ADMIN_EMAIL);
    }

    public static String newCoachId() {
        return "coach-" + UUID.randomUUID();
    }

    public static void loadSchools() {
        ReferenceData.loadSchools(DataStores.shared().postgres());
    }

    /** A profile change as coach-service sends it. */
    public static Map<String, Object> change(
            String type,
            String coachId,
            long version,
            String firstName,
            String lastName,
            String email,
            String phone,
            String schoolId,
            String status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("changeType", type);
        body.put("coachId", coachId);
        body.put("version", version);
        if (!"delete".equals(type)) {
            body.put("firstName", firstName);
            body.put("lastName", lastName);
            body.put("email", email);
            body.put("phone", phone);
            body.put("schoolId", schoolId);
            body.put("sportSpecialties", List.of("basketball", "track"));
            body.put("profileStatus", status);
            body.put("createdAt", "2026-11-20T10:00:00Z");
            body.put("updatedAt", "2026-11-25T10:00:00Z");
        }
        return body;
    }

    public static Map<String, Object> active(String coachId, long version, String firstName, String email) {
        return change(
                version == 1 ? "create" : "update",
                coachId,
                version,
                firstName,
                "Jordan",
                email,
                "+1-512-555-0100",
                SCHOOL,
                "active");
    }

    public static Response send(Object body) {
        return given().auth()
                .oauth2(TestTokens.service("coach-service"))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/internal/profile-changes");
    }

    /** Sends the change, expects 202, and returns the recording row's id. */
    public static String sendAccepted(Object body) {
        Response response = send(body);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(202);
        return response.jsonPath().getString("syncId");
    }

    public static ProfileSyncLog row(String syncId) {
        return QuarkusTransaction.requiringNew().call(() -> ProfileSyncLog.findById(UUID.fromString(syncId)));
    }

    public static User user(String coachId) {
        return QuarkusTransaction.requiringNew().call(() -> User.findById(coachId));
    }

    /** Polls the row (bounded) until it is completed or failed. */
    public static ProfileSyncLog awaitSettled(String syncId) {
        return awaitRow(syncId, r -> r.syncStatus.equals("completed") || r.syncStatus.equals("failed"));
    }

    public static ProfileSyncLog awaitRow(String syncId, Predicate<ProfileSyncLog> condition) {
        Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
        ProfileSyncLog row = row(syncId);
        while (row == null || !condition.test(row)) {
            assertThat(Instant.now())
                    .as("sync " + syncId + " still " + (row == null ? "absent" : row.syncStatus))
                    .isBefore(deadline);
            pause();
            row = row(syncId);
        }
        return row;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> delivery(ProfileSyncLog row) {
        return (Map<String, Object>) row.syncData.get("delivery");
    }

    /** A new school (and district) with ids no other test uses; returns the school id. */
    public static String newSchool(String name, int district) {
        int schoolId = ThreadLocalRandom.current().nextInt(700_000_000, 799_999_999);
        sql(
                "INSERT INTO schools (school_id, state_organization_id, name_of_institution, local_education_agency_id)"
                        + " VALUES (?, ?, ?, ?)",
                schoolId,
                "TX-" + schoolId,
                name,
                district);
        return Integer.toString(schoolId);
    }

    public static int newDistrictId() {
        return ThreadLocalRandom.current().nextInt(800_000, 899_999);
    }

    /** A school id that no row has. */
    public static String unknownSchoolId() {
        return Integer.toString(ThreadLocalRandom.current().nextInt(600_000_000, 699_999_999));
    }

    public static void sql(String statement, Object... parameters) {
        try (Connection c = DataStores.shared().postgres().connect(PostgresServer.DATABASE);
                PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code jti} of a token (the session id audit records carry). */
    public static String jti(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        var matcher =
                java.util.regex.Pattern.compile("\"jti\"\\s*:\\s*\"([^\"]+)\"").matcher(payload);
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    public static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void assertProblem(Response response, int status) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
    }
}
