package tsa.admin.audit;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import tsa.testsupport.DataStores;
import tsa.testsupport.MovableClock;
import tsa.testsupport.TestTokens;

/**
 * The audit trail's HTTP operations as the tests call them. Admin addresses are unique per test, because every
 * test class of this JVM shares one audit table.
 */
final class AuditApi {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    private AuditApi() {}

    /**
     * A new administrator: an address unique to the test with an enabled administrator row, since admin-service
     * records actions only of admins who are enabled now.
     */
    static String uniqueAdmin() {
        String email = "admin-" + UUID.randomUUID().toString().substring(0, 8) + "@tsa.example";
        try (Connection c = DataStores.shared().postgres().connect("coach_portal");
                PreparedStatement s = c.prepareStatement("insert into users (sourced_id, role, email, enabled_user, "
                        + "status) values (?, 'administrator', ?, true, 'active')")) {
            s.setString(1, UUID.randomUUID().toString());
            s.setString(2, email);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not add administrator " + email, e);
        }
        return email;
    }

    static String newLogId() {
        return UUID.randomUUID().toString();
    }

    /** A complete {@code AuditRecordCreate} body, as another service sends it. */
    static ObjectNode recordBody(String logId, String adminEmail, String actionType) {
        ObjectNode body = JSON.createObjectNode()
                .put("logId", logId)
                .put("adminEmail", adminEmail)
                .put("actionType", actionType)
                .put("resourceType", "coach")
                .put("resourceId", "coach-" + logId.substring(0, 8))
                .put("actionDescription", "Set coach status to inactive")
                .put("ipAddress", "203.0.113.7")
                .put("userAgent", "Mozilla/5.0 (admin portal)")
                .put("sessionId", "jti-" + logId.substring(0, 8));
        body.putObject("beforeState")
                .put("profile_status", "active")
                .put("version", 3)
                .putArray("sport_specialties")
                .add("soccer")
                .add("track");
        body.putObject("afterState")
                .put("profile_status", "inactive")
                .put("version", 4)
                .put("rating", 4.5);
        return body;
    }

    static Response record(Object body) {
        return given().auth()
                .oauth2(TestTokens.service("sync-service"))
                .contentType("application/json")
                .body(body instanceof String text ? text : write(body))
                .post("/internal/audit-records");
    }

    /** Records a body and returns the stored record; moves the clock on a little after, so timestamps differ. */
    static JsonNode recorded(ObjectNode body) {
        Response response = record(body);
        if (response.statusCode() != 201) {
            throw new AssertionError("expected 201, got " + response.statusCode() + " " + response.asString());
        }
        MovableClock.INSTANCE.advance(Duration.ofMillis(3));
        return read(response);
    }

    static Response list(Map<String, ?> query) {
        return given().auth()
                .oauth2(TestTokens.admin("reader@tsa.example"))
                .queryParams(new LinkedHashMap<>(query))
                .get("/api/admin/audit-logs");
    }

    static Response get(String logId) {
        return given().auth()
                .oauth2(TestTokens.admin("reader@tsa.example"))
                .get("/api/admin/audit-logs/{logId}", logId);
    }

    static JsonNode read(Response response) {
        try {
            return JSON.readTree(response.asString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
