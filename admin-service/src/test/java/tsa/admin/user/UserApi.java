package tsa.admin.user;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tsa.model.User;
import tsa.testsupport.DataStores;
import tsa.testsupport.PostgresServer;
import tsa.testsupport.TestTokens;

/**
 * The user directory's HTTP operations and rows as the tests use them. Addresses and organisations are unique per
 * test: every test class of this JVM shares one database and one audit table.
 */
final class UserApi {

    /** The allow-listed admin every test JVM starts with. */
    static final String DEFAULT_ADMIN = "admin@tsa.example";

    private UserApi() {}

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@tsa.example";
    }

    static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    static RequestSpecification as(String token) {
        RequestSpecification request = given().accept("application/json, application/problem+json");
        return token == null ? request : request.auth().oauth2(token);
    }

    static RequestSpecification asAdmin(String adminEmail) {
        return as(TestTokens.admin(adminEmail));
    }

    static Response addAdministrator(String adminEmail, String body) {
        return asAdmin(adminEmail).contentType("application/json").body(body).post("/api/admin/users");
    }

    static Response setEnabled(String adminEmail, String sourcedId, String body) {
        return asAdmin(adminEmail).contentType("application/json").body(body).patch("/api/admin/users/" + sourcedId);
    }

    static Response revoke(String adminEmail, String sourcedId) {
        return asAdmin(adminEmail).delete("/api/admin/users/" + sourcedId + "/administrator");
    }

    static Response search(Map<String, ?> query) {
        return asAdmin(DEFAULT_ADMIN).queryParams(query).get("/api/admin/users");
    }

    /** Every row a search finds, following {@code nextCursor} page by page. */
    static List<Map<String, Object>> searchAll(Map<String, ?> query, int limit) {
        List<Map<String, Object>> rows = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 1000; page++) {
            Map<String, Object> params = new java.util.LinkedHashMap<>(query);
            params.put("limit", limit);
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            Response response = search(params);
            assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
            JsonPath json = response.jsonPath();
            List<Map<String, Object>> items = json.getList("items");
            assertThat(items.size()).isLessThanOrEqualTo(limit);
            rows.addAll(items);
            cursor = json.getString("nextCursor");
            if (cursor == null) {
                return rows;
            }
        }
        throw new AssertionError("the search never ended");
    }

    /** The audit records of one admin, newest first, read through {@code GET /api/admin/audit-logs}. */
    static List<Map<String, Object>> auditRecordsOf(String adminEmail) {
        Response response = asAdmin("auditor@tsa.example")
                .queryParam("adminEmail", adminEmail)
                .queryParam("limit", 100)
                .get("/api/admin/audit-logs");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response.jsonPath().getList("items");
    }

    /**
     * A row written as another writer (sync-service, the sign-in flow) would write it: over a connection of its own as
     * the database's superuser, since admin-service's role may not write coach (teacher) or student rows.
     */
    static String insertRow(String role, String email, String username, List<String> orgIds, String profileId) {
        String sourcedId = profileId != null ? profileId : uniqueId(role);
        try (Connection c = DataStores.shared().postgres().connect(PostgresServer.DATABASE);
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO users (sourced_id, role, email, username, org_ids,"
                                + " profile_id, given_name, family_name) VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, 'Given', 'Family')")) {
            s.setString(1, sourcedId);
            s.setString(2, role);
            s.setString(3, email);
            s.setString(4, username);
            s.setString(5, orgIds == null ? null : new ObjectMapper().writeValueAsString(orgIds));
            s.setString(6, profileId);
            s.executeUpdate();
        } catch (SQLException | JsonProcessingException e) {
            throw new IllegalStateException("could not insert the " + role + " row " + sourcedId, e);
        }
        return sourcedId;
    }

    /** An address with an enabled administrator row, to act as: admin-service lets only enabled admins write. */
    static String actingAdmin() {
        String email = unique("acting-admin");
        insertRow("administrator", email);
        return email;
    }

    static String insertRow(String role, String email) {
        return insertRow(role, email, null, null, null);
    }

    /** The row as the database holds it now. */
    static User row(String sourcedId) {
        return QuarkusTransaction.requiringNew().call(() -> User.<User>findById(sourcedId));
    }

    static void assertProblem(Response response, int status) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.asString()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
    }
}
