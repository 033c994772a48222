package tsa.parent.enrollment;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import tsa.testsupport.DataStores;
import tsa.testsupport.PostgresServer;
import tsa.testsupport.TestTokens;

/** Families invited in the stand-in coach-service, their sessions, and calls to the enrollment operations. */
final class EnrollmentFixtures {

    static final String ENROLLMENTS = "/api/parent/enrollments";
    static final String ADMIN_EMAIL = "admin@tsa.example";

    private EnrollmentFixtures() {}

    /** A parent invited by a coach: the parent's session carries the invitation. */
    record Family(String email, String invitationId, String coachId, String token) {}

    static String stub() {
        return ConfigProvider.getConfig().getValue(OtherServicesStub.URL_KEY, String.class);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A coach with a profile (school 255901001) in the stand-in coach-service. */
    static String coach() {
        return coach("255901001");
    }

    static String coach(String schoolId) {
        String coachId = unique("coach");
        given().contentType(ContentType.JSON)
                .body(Map.of("coachId", coachId, "schoolId", schoolId))
                .post(stub() + "/control/profiles")
                .then()
                .statusCode(201);
        return coachId;
    }

    static String coachToken(String coachId) {
        return TestTokens.coach(coachId + "@tsa.example", coachId, unique("cinv"));
    }

    static String adminToken() {
        return TestTokens.admin(ADMIN_EMAIL);
    }

    static Family invited() {
        return invited(coach(), "opened");
    }

    static Family invited(String coachId, String invitationStatus) {
        String email = unique("parent") + "@example.com";
        String invitationId = invitation(email, coachId, invitationStatus);
        return new Family(email, invitationId, coachId, TestTokens.parent(email, invitationId));
    }

    /** An invitation in the stand-in coach-service; answers its id. */
    static String invitation(String parentEmail, String coachId, String invitationStatus) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("parentEmail", parentEmail);
        body.put("coachId", coachId);
        body.put("invitationStatus", invitationStatus);
        body.put("studentName", "Sam Lopez");
        body.put("sport", "soccer");
        Response created = given().contentType(ContentType.JSON).body(body).post(stub() + "/control/invitations");
        created.then().statusCode(201);
        return created.jsonPath().getString("invitationId");
    }

    static Response stubInvitation(String invitationId) {
        return given().get(stub() + "/control/invitations/" + invitationId)
                .then()
                .statusCode(200)
                .extract()
                .response();
    }

    static void setInvitationStatus(String invitationId, String status) {
        given().put(stub() + "/control/invitations/" + invitationId + "?status=" + status)
                .then()
                .statusCode(204);
    }

    static void outage(String service, boolean down) {
        var request = given();
        (down
                        ? request.put(stub() + "/control/outage/" + service)
                        : request.delete(stub() + "/control/outage/" + service))
                .then()
                .statusCode(204);
    }

    /** The audit records the stand-in admin-service received for one resource id, oldest first. */
    static List<Map<String, Object>> auditRecordsFor(String resourceId) {
        List<Map<String, Object>> all = given().get(stub() + "/control/audit-records")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        return all.stream().filter(r -> resourceId.equals(r.get("resourceId"))).toList();
    }

    /** The student changes the stand-in sync-service received for one student. */
    static List<Map<String, Object>> studentChangesFor(String studentUniqueId) {
        List<Map<String, Object>> all = given().get(stub() + "/control/student-changes")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        return all.stream()
                .filter(r -> studentUniqueId.equals(r.get("studentUniqueId")))
                .toList();
    }

    static Response create(String token, Object body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(ENROLLMENTS);
    }

    static Response createRaw(String token, String json) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(json)
                .post(ENROLLMENTS);
    }

    /** Creates the family's enrollment from their session's invitation; answers its id. */
    static String enrolled(Family family) {
        Response created = create(family.token(), Map.of());
        created.then().statusCode(201);
        return created.jsonPath().getString("enrollmentId");
    }

    static Response get(String token, String enrollmentId) {
        return given().auth().oauth2(token).get(ENROLLMENTS + "/" + enrollmentId);
    }

    static Response list(String token, Map<String, ?> query) {
        return given().auth().oauth2(token).queryParams(query).get(ENROLLMENTS);
    }

    static Response patch(String token, String enrollmentId, String what, Object body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .patch(ENROLLMENTS + "/" + enrollmentId + "/" + what);
    }

    static Response patchRaw(String token, String enrollmentId, String what, String json) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(json)
                .patch(ENROLLMENTS + "/" + enrollmentId + "/" + what);
    }

    static Response status(String token, String enrollmentId, String status) {
        return patch(token, enrollmentId, "status", Map.of("enrollmentStatus", status));
    }

    static Response milestones(String token, String enrollmentId, List<String> steps) {
        return patch(token, enrollmentId, "milestones", Map.of("progressMilestones", steps));
    }

    static Response payment(String token, String enrollmentId, String status) {
        return patch(token, enrollmentId, "payment", Map.of("paymentStatus", status));
    }

    static Response internalActivation(String enrollmentId) {
        return given().auth()
                .oauth2(TestTokens.service("sync-service"))
                .post("/internal/enrollments/" + enrollmentId + "/activation");
    }

    static Response internalList(String status, Map<String, ?> query) {
        return given().auth()
                .oauth2(TestTokens.service("sync-service"))
                .queryParam("enrollmentStatus", status)
                .queryParams(query)
                .get("/internal/enrollments");
    }

    /** How many rows of {@code table} belong to the student ({@code students} or {@code student_school_associations}). */
    static int rows(String table, String studentUniqueId) {
        try (Connection c = DataStores.shared().postgres().connect(PostgresServer.DATABASE);
                PreparedStatement s =
                        c.prepareStatement("SELECT count(*) FROM " + table + " WHERE student_unique_id = ?")) {
            s.setString(1, studentUniqueId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One column of the student's row in {@code table} (the first, if several), as text. */
    static String column(String table, String column, String studentUniqueId) {
        try (Connection c = DataStores.shared().postgres().connect(PostgresServer.DATABASE);
                PreparedStatement s = c.prepareStatement(
                        "SELECT " + column + "::text FROM " + table + " WHERE student_unique_id = ?")) {
            s.setString(1, studentUniqueId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The problem+json shape every refusal has. */
    static void assertProblem(Response response, int status) {
        response.then().statusCode(status).contentType("application/problem+json");
        org.assertj.core.api.Assertions.assertThat(response.jsonPath().getInt("status"))
                .isEqualTo(status);
    }
}
