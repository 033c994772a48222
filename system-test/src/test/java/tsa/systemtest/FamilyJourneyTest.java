package tsa.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.notNullValue;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tsa.testsupport.LocalSystem;
import tsa.testsupport.LocalSystem.Service;

/**
 * The family's part of the journey (issue 22, "Done when"), over HTTP against the four packaged services and the real
 * stores (S3Mock among them): a parent signs in from the coach's invitation, enrolls, completes the student's
 * details, uploads a document through the presigned URL and downloads it back; the coach approves it; the parent
 * books a shadow day and a clashing booking is refused; the coach activates the enrollment and the Ed-Fi student and
 * its school association exist in PostgreSQL exactly once, also after the activation is asked for again.
 */
class FamilyJourneyTest {

    private static LocalSystem system;
    private static Journeys journeys;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        system = LocalSystem.start(false, "family-journey-test");
        journeys = new Journeys(system);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    private static String url(String path) {
        return journeys.url(Service.PARENT, path);
    }

    @Test
    void aParentEnrollsUploadsBooksAndTheActivatedStudentReachesEdFiOnce() throws Exception {
        String admin = journeys.adminSignsIn(0);
        Journeys.OnboardedCoach coach = journeys.coachOnboards(admin);

        // The coach invites a parent, whose link signs them in.
        String parentEmail = "parent-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Response invitation = given().auth()
                .oauth2(coach.token())
                .contentType(ContentType.JSON)
                .body(Map.of("parentEmail", parentEmail, "studentName", "Sam Jordan", "sport", "basketball"))
                .post(journeys.url(Service.COACH, "/api/coach/parent-invitations"));
        invitation.then().statusCode(201);
        String invitationId = invitation.path("invitationId");
        String parent = journeys.session(journeys.lastLinkTo(parentEmail, 1))
                .then()
                .statusCode(200)
                .extract()
                .path("accessToken");

        // Enrollment from the invitation: created once, the same one on a retry; the invitation is accepted.
        Response created = given().auth()
                .oauth2(parent)
                .contentType(ContentType.JSON)
                .body(Map.of("invitationId", invitationId))
                .post(url("/api/parent/enrollments"));
        assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
        String enrollmentId = created.path("enrollmentId");
        assertThat((String) created.path("enrollmentStatus")).isEqualTo("pending");
        assertThat((String) created.path("paymentStatus")).isEqualTo("pending");
        assertThat((String) created.path("coachId")).isEqualTo(coach.coachId());
        Response again = given().auth()
                .oauth2(parent)
                .contentType(ContentType.JSON)
                .body(Map.of("invitationId", invitationId))
                .post(url("/api/parent/enrollments"));
        assertThat(again.statusCode()).as(again.asString()).isEqualTo(200);
        assertThat((String) again.path("enrollmentId")).isEqualTo(enrollmentId);
        assertThat((String) given().auth()
                        .oauth2(coach.token())
                        .get(journeys.url(Service.COACH, "/api/coach/parent-invitations/" + invitationId))
                        .path("invitationStatus"))
                .isEqualTo("accepted");

        // The parent completes the student's details; the coach sees the enrollment among theirs.
        Response details = given().auth()
                .oauth2(parent)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "dateOfBirth",
                        "2012-04-05",
                        "gradeLevel",
                        "Ninth grade",
                        "studentAge",
                        14,
                        "startDate",
                        LocalDate.now().plusDays(14).toString()))
                .patch(url("/api/parent/enrollments/" + enrollmentId + "/student"));
        assertThat(details.statusCode()).as(details.asString()).isEqualTo(200);
        assertThat(given().auth()
                        .oauth2(coach.token())
                        .get(url("/api/parent/enrollments"))
                        .jsonPath()
                        .getList("items.enrollmentId"))
                .contains(enrollmentId);

        // A document goes up through the presigned URL and comes back byte for byte.
        byte[] file = ("%PDF-1.4 physical for " + enrollmentId).getBytes(StandardCharsets.US_ASCII);
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
                .post(url("/api/parent/enrollments/" + enrollmentId + "/documents"));
        assertThat(upload.statusCode()).as(upload.asString()).isEqualTo(201);
        String documentId = upload.path("document.documentId");
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(upload.path("uploadUrl")))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(file));
        Map<String, String> headers = upload.path("uploadHeaders");
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (!name.equalsIgnoreCase("host") && !name.equalsIgnoreCase("content-length")) {
                    put.header(name, value);
                }
            });
        }
        assertThat(HTTP.send(put.build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(200);
        given().auth()
                .oauth2(parent)
                .post(url("/api/parent/documents/" + documentId + "/uploaded"))
                .then()
                .statusCode(200);
        String downloadUrl = given().auth()
                .oauth2(parent)
                .get(url("/api/parent/documents/" + documentId + "/download-url"))
                .then()
                .statusCode(200)
                .extract()
                .path("downloadUrl");
        assertThat(HTTP.send(
                                HttpRequest.newBuilder(URI.create(downloadUrl)).build(),
                                HttpResponse.BodyHandlers.ofByteArray())
                        .body())
                .isEqualTo(file);

        // The assigned coach approves it.
        Response approved = given().auth()
                .oauth2(coach.token())
                .contentType(ContentType.JSON)
                .body(Map.of("verificationStatus", "approved"))
                .post(url("/api/parent/documents/" + documentId + "/verification"));
        assertThat(approved.statusCode()).as(approved.asString()).isEqualTo(200);
        assertThat((String) approved.path("uploadStatus")).isEqualTo("verified");
        assertThat((String) approved.path("verifiedBy")).isEqualTo(coach.email());

        // A shadow day is booked; a clashing booking with the same coach is refused.
        String day = LocalDate.now().plusDays(7).toString();
        Response booked = book(parent, coach.coachId(), day, "10:00", "11:00");
        assertThat(booked.statusCode()).as(booked.asString()).isEqualTo(201);
        assertThat((String) booked.path("status")).isEqualTo("scheduled");
        Response clash = book(parent, coach.coachId(), day, "10:30", "11:30");
        assertThat(clash.statusCode()).as(clash.asString()).isEqualTo(409);
        assertThat(clash.contentType()).startsWith("application/problem+json");
        assertThat(given().auth()
                        .oauth2(coach.token())
                        .queryParam("from", day)
                        .queryParam("to", day)
                        .get(url("/api/parent/appointments"))
                        .jsonPath()
                        .getList("items.appointmentId"))
                .containsExactly((String) booked.path("appointmentId"));

        // The coach activates the enrollment: the Ed-Fi rows exist exactly once, also when activation is repeated.
        Response activated = given().auth()
                .oauth2(coach.token())
                .contentType(ContentType.JSON)
                .body(Map.of("enrollmentStatus", "active"))
                .patch(url("/api/parent/enrollments/" + enrollmentId + "/status"));
        assertThat(activated.statusCode()).as(activated.asString()).isEqualTo(200);
        String studentUniqueId = activated.path("studentUniqueId");
        assertThat(studentUniqueId).isNotBlank();
        Response repeated = given().auth()
                .oauth2(coach.token())
                .contentType(ContentType.JSON)
                .body(Map.of("enrollmentStatus", "active"))
                .patch(url("/api/parent/enrollments/" + enrollmentId + "/status"));
        assertThat(repeated.statusCode()).as(repeated.asString()).isIn(200, 409);
        assertThat(count("select count(*) from students where student_unique_id = ?", studentUniqueId))
                .isEqualTo(1);
        assertThat(count(
                        "select count(*) from student_school_associations where student_unique_id = ?",
                        studentUniqueId))
                .isEqualTo(1);
        // parent-service announced the student to sync-service (its generated client, over TLS): the operational
        // copy exists without waiting for a reconciliation.
        try (DynamoDbClient dynamo = system.stores().dynamo().client()) {
            assertThat(dynamo.getItem(r -> r.tableName("students-dev")
                                    .consistentRead(true)
                                    .key(Map.of("student_unique_id", AttributeValue.fromS(studentUniqueId))))
                            .item())
                    .as("students-dev copy of " + studentUniqueId)
                    .containsEntry("student_unique_id", AttributeValue.fromS(studentUniqueId));
        }
        // A state-reporting tool that knows only Ed-Fi reads the activated student and its school association.
        String edFi = journeys.standardsToken(admin, "/edfi/oauth/token", "urn:tsa:edfi:data.readonly");
        Response students = given().auth()
                .oauth2(edFi)
                .queryParam("studentUniqueId", studentUniqueId)
                .get(journeys.url(Service.SYNC, "/edfi/data/v3/ed-fi/students"));
        assertThat(students.statusCode()).as(students.asString()).isEqualTo(200);
        assertThat(students.jsonPath().getList("studentUniqueId")).containsExactly(studentUniqueId);
        String studentId = students.jsonPath().getString("[0].id");
        given().auth()
                .oauth2(edFi)
                .get(journeys.url(Service.SYNC, "/edfi/data/v3/ed-fi/students/" + studentId))
                .then()
                .statusCode(200)
                .header("ETag", notNullValue());
        Response associations = given().auth()
                .oauth2(edFi)
                .queryParam("studentUniqueId", studentUniqueId)
                .get(journeys.url(Service.SYNC, "/edfi/data/v3/ed-fi/studentSchoolAssociations"));
        assertThat(associations.statusCode()).as(associations.asString()).isEqualTo(200);
        assertThat(associations.jsonPath().getList("studentReference.studentUniqueId"))
                .containsExactly(studentUniqueId);
        assertThat(associations.jsonPath().getList("schoolReference.schoolId", Integer.class))
                .containsExactly(255901001);
        // The parent can't activate or move their own enrollment.
        given().auth()
                .oauth2(parent)
                .contentType(ContentType.JSON)
                .body(Map.of("enrollmentStatus", "completed"))
                .patch(url("/api/parent/enrollments/" + enrollmentId + "/status"))
                .then()
                .statusCode(403);
    }

    private static Response book(String parent, String coachId, String day, String start, String end) {
        return given().auth()
                .oauth2(parent)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "coachId",
                        coachId,
                        "studentName",
                        "Sam Jordan",
                        "appointmentType",
                        "shadow_day",
                        "scheduledDate",
                        day,
                        "startTime",
                        start,
                        "endTime",
                        end,
                        "location",
                        "Main gym"))
                .post(url("/api/parent/appointments"));
    }

    private static long count(String sql, String value) throws Exception {
        try (Connection c = system.stores().postgres().connect("coach_portal");
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, value);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
