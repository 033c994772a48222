package tsa.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tsa.testsupport.ContractOperations;
import tsa.testsupport.LocalSystem;
import tsa.testsupport.LocalSystem.Service;

/**
 * No admin write path can skip the audit trail: the admin write operations are read from the four served contracts
 * (every non-GET operation an admin may call under /api, /api/auth aside), each is performed on real resources, and
 * its record must be found.
 */
class AdminWritesAreAuditedTest {

    private static LocalSystem system;
    private static Journeys journeys;

    @BeforeAll
    static void start() {
        system = LocalSystem.start(false, "audit-test");
        journeys = new Journeys(system);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    /** One admin write, made on a resource prepared for it: the path with its ids filled, and a body. */
    private record Call(String path, Object body) {}

    @Test
    void everyAdminWriteInTheFourContractsLeavesItsAuditRecord() throws Exception {
        String admin = journeys.adminSignsIn(0);
        Journeys.OnboardedCoach coach = journeys.coachOnboards(admin);
        String pendingInvitation =
                journeys.inviteCoach(admin, unique("invitee")).path("invitationId");
        String cancellable = journeys.inviteCoach(admin, unique("cancel")).path("invitationId");
        String parentRow = insertUser("parent", unique("parent"));
        String adminRow = insertUser("administrator", unique("second-admin"));
        String failedSync = insertFailedSyncRow(coach.coachId());

        Family family = familyOf(coach);
        String apiClient = given().auth()
                .oauth2(admin)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "audit test", "scopes", List.of(ROSTER_CORE)))
                .post(journeys.url(Service.SYNC, "/api/sync/api-clients"))
                .then()
                .statusCode(201)
                .extract()
                .path("clientId");

        Map<String, Function<String, Call>> fixtures = new java.util.LinkedHashMap<>(Map.of(
                "createCoachInvitation",
                        path -> new Call(
                                path,
                                Map.of(
                                        "coachEmail",
                                        unique("new"),
                                        "firstName",
                                        "A",
                                        "lastName",
                                        "B",
                                        "schoolId",
                                        "255901044",
                                        "sport",
                                        "soccer",
                                        "permissions",
                                        List.of())),
                "cancelCoachInvitation", path -> new Call(path.replace("{invitationId}", cancellable), null),
                "resendCoachInvitation", path -> new Call(path.replace("{invitationId}", pendingInvitation), null),
                "changeCoachStatus",
                        path -> new Call(
                                path.replace("{coachId}", coach.coachId()),
                                Map.of("profileStatus", "inactive", "reason", "audit test")),
                "addAdministrator", path -> new Call(path, Map.of("email", unique("added-admin"))),
                "setUserEnabled",
                        path -> new Call(path.replace("{sourcedId}", parentRow), Map.of("enabledUser", false)),
                "revokeAdministrator", path -> new Call(path.replace("{sourcedId}", adminRow), null),
                "retrySyncLogEntry", path -> new Call(path.replace("{syncId}", failedSync), null),
                "runReconciliation", path -> new Call(path, null)));
        fixtures.putAll(Map.of(
                "changeEnrollmentStatus",
                        path -> new Call(
                                path.replace("{enrollmentId}", family.enrollmentId()),
                                Map.of("enrollmentStatus", "active")),
                "updateEnrollmentMilestones",
                        path -> new Call(
                                path.replace("{enrollmentId}", family.enrollmentId()),
                                Map.of("progressMilestones", List.of("orientation"))),
                "updateEnrollmentPayment",
                        path -> new Call(
                                path.replace("{enrollmentId}", family.enrollmentId()), Map.of("paymentStatus", "paid")),
                "verifyDocument",
                        path -> new Call(
                                path.replace("{documentId}", family.documentId()),
                                Map.of("verificationStatus", "approved")),
                "updateAppointment",
                        path -> new Call(
                                path.replace("{appointmentId}", family.appointmentId()), Map.of("status", "confirmed")),
                "createApiClient",
                        path -> new Call(path, Map.of("name", "audit test 2", "scopes", List.of(ROSTER_CORE))),
                "disableApiClient", path -> new Call(path.replace("{clientId}", apiClient), null)));

        List<String> checked = new ArrayList<>();
        for (Service service : Service.values()) {
            for (ContractOperations.Operation op :
                    ContractOperations.fromContract(ContractOperations.contract(service.moduleName))) {
                boolean adminWrite = op.roles().contains("admin")
                        && !op.method().equals("GET")
                        && op.path().startsWith("/api/")
                        && !op.path().startsWith("/api/auth");
                if (!adminWrite) {
                    continue;
                }
                int before = recordCount(admin);
                Response response;
                assertThat(fixtures).as("a fixture for " + op.operationId()).containsKey(op.operationId());
                Call call = fixtures.get(op.operationId()).apply(op.path());
                var request = given().auth().oauth2(admin);
                if (call.body() != null) {
                    request = request.contentType(ContentType.JSON).body(call.body());
                }
                response = request.request(op.method(), journeys.url(service, call.path()));
                assertThat(response.statusCode())
                        .as(op.operationId() + ": " + response.asString())
                        .isBetween(200, 299);
                assertThat(recordCount(admin))
                        .as("audit records after " + op.operationId())
                        .isGreaterThan(before);
                checked.add(op.operationId());
            }
        }
        assertThat(checked).containsAll(fixtures.keySet());
    }

    private static final String ROSTER_CORE = "https://purl.imsglobal.org/spec/or/v1p2/scope/roster-core.readonly";

    /** A parent of the coach with an enrollment, an uploaded document and a booked appointment. */
    private record Family(String enrollmentId, String documentId, String appointmentId) {}

    private static Family familyOf(Journeys.OnboardedCoach coach) throws Exception {
        String parentEmail = unique("parent");
        given().auth()
                .oauth2(coach.token())
                .contentType(ContentType.JSON)
                .body(Map.of("parentEmail", parentEmail, "studentName", "Sam Jordan", "sport", "basketball"))
                .post(journeys.url(Service.COACH, "/api/coach/parent-invitations"))
                .then()
                .statusCode(201);
        Response session = journeys.session(journeys.lastLinkTo(parentEmail, 1));
        session.then().statusCode(200);
        String parent = session.path("accessToken");
        String enrollmentId = given().auth()
                .oauth2(parent)
                .contentType(ContentType.JSON)
                .body(Map.of())
                .post(journeys.url(Service.PARENT, "/api/parent/enrollments"))
                .then()
                .statusCode(201)
                .extract()
                .path("enrollmentId");
        byte[] file = "%PDF-1.4 audit test".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Response upload = given().auth()
                .oauth2(parent)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "documentType",
                        "medical",
                        "fileName",
                        "physical.pdf",
                        "fileSize",
                        file.length,
                        "contentType",
                        "application/pdf"))
                .post(journeys.url(Service.PARENT, "/api/parent/enrollments/" + enrollmentId + "/documents"));
        upload.then().statusCode(201);
        java.net.http.HttpRequest put = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(upload.path("uploadUrl")))
                .header("Content-Type", "application/pdf")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(file))
                .build();
        assertThat(java.net.http.HttpClient.newHttpClient()
                        .send(put, java.net.http.HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(200);
        String documentId = upload.path("document.documentId");
        given().auth()
                .oauth2(parent)
                .post(journeys.url(Service.PARENT, "/api/parent/documents/" + documentId + "/uploaded"))
                .then()
                .statusCode(200);
        String appointmentId = given().auth()
                .oauth2(parent)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "coachId",
                        coach.coachId(),
                        "studentName",
                        "Sam Jordan",
                        "appointmentType",
                        "consultation",
                        "scheduledDate",
                        java.time.LocalDate.now().plusDays(5).toString(),
                        "startTime",
                        "15:00",
                        "endTime",
                        "15:30"))
                .post(journeys.url(Service.PARENT, "/api/parent/appointments"))
                .then()
                .statusCode(201)
                .extract()
                .path("appointmentId");
        return new Family(enrollmentId, documentId, appointmentId);
    }

    private int recordCount(String admin) {
        int count = 0;
        String cursor = null;
        do {
            var request = given().auth()
                    .oauth2(admin)
                    .queryParam("adminEmail", "admin@tsa.example")
                    .queryParam("limit", 100);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            Response page = request.get(journeys.url(Service.ADMIN, "/api/admin/audit-logs"));
            page.then().statusCode(200);
            count += page.jsonPath().getList("items").size();
            cursor = page.jsonPath().getString("nextCursor");
        } while (cursor != null);
        return count;
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static String insertUser(String role, String email) throws Exception {
        String id = UUID.randomUUID().toString();
        try (Connection c = system.stores().postgres().connect("coach_portal");
                PreparedStatement s = c.prepareStatement(
                        "insert into users (sourced_id, role, email, enabled_user) values (?, ?, ?, true)")) {
            s.setString(1, id);
            s.setString(2, role);
            s.setString(3, email);
            s.executeUpdate();
        }
        return id;
    }

    private static String insertFailedSyncRow(String coachId) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = system.stores().postgres().connect("coach_portal");
                PreparedStatement s = c.prepareStatement(
                        "insert into profile_sync_log (sync_id, profile_id, sync_type,"
                                + " sync_status, sync_data, error_message) values (?, ?, 'update', 'failed', '{}'::jsonb, 'test')")) {
            s.setObject(1, id);
            s.setString(2, coachId);
            s.executeUpdate();
        }
        return id.toString();
    }
}
