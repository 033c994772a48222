package tsa.parent.appointment;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tsa.parent.enrollment.store.Enrollment;
import tsa.parent.enrollment.store.EnrollmentStore;
import tsa.testsupport.TestTokens;

/** People, enrollments and requests of the scheduling tests; every test takes its own coach and parents. */
final class SchedulingFixtures {

    static final String PATH = "/api/parent/appointments";
    /** The academy's zone (tsa.scheduling.zone), in which "future" is decided. */
    static final ZoneId ZONE = ZoneId.of("America/Chicago");

    private SchedulingFixtures() {}

    static String newCoach() {
        return "coach-" + UUID.randomUUID();
    }

    static String newParent() {
        return "parent-" + UUID.randomUUID().toString().substring(0, 13) + "@tsa.example";
    }

    static String parentToken(String parentEmail) {
        return TestTokens.parent(parentEmail, "pinv-" + UUID.randomUUID());
    }

    static String coachToken(String coachId) {
        return TestTokens.coach(coachId + "@tsa.example", coachId, "cinv-" + UUID.randomUUID());
    }

    static String adminToken() {
        return TestTokens.admin("admin@tsa.example");
    }

    /** An enrollment of the parent's student with the coach, written straight to the store. */
    static void enroll(EnrollmentStore enrollments, String parentEmail, String coachId, String status) {
        enrollments.insert(Enrollment.builder()
                .enrollmentId(UUID.randomUUID().toString())
                .parentEmail(parentEmail)
                .studentName("Sam Lopez")
                .sport("soccer")
                .coachId(coachId)
                .enrollmentStatus(status)
                .paymentStatus("pending")
                .createdAt(Instant.now().toString())
                .version(1L)
                .build());
    }

    /** A date {@code days} after today in the academy's zone. */
    static String day(int days) {
        return LocalDate.now(ZONE).plusDays(days).toString();
    }

    static Map<String, Object> booking(String coachId, String date, String start, String end) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("coachId", coachId);
        body.put("studentName", "Sam Lopez");
        body.put("appointmentType", "consultation");
        body.put("scheduledDate", date);
        body.put("startTime", start);
        body.put("endTime", end);
        body.put("location", "Campus gym");
        body.put("notes", "Bring running shoes");
        return body;
    }

    static Response book(String token, Object body) {
        return given().auth()
                .oauth2(token)
                .contentType("application/json")
                .accept("application/json, application/problem+json")
                .body(body)
                .post(PATH);
    }

    static Response bookRaw(String token, String json) {
        return given().auth()
                .oauth2(token)
                .contentType("application/json")
                .accept("application/json, application/problem+json")
                .body(json)
                .post(PATH);
    }

    /** Books and expects 201; the new appointment's id. */
    static String booked(String parentToken, String coachId, String date, String start, String end) {
        Response response = book(parentToken, booking(coachId, date, start, end));
        if (response.statusCode() != 201) {
            throw new AssertionError("booking " + date + " " + start + "-" + end + " -> " + response.statusCode() + " "
                    + response.asString());
        }
        return response.jsonPath().getString("appointmentId");
    }

    static Response patch(String token, String appointmentId, Object body) {
        return given().auth()
                .oauth2(token)
                .contentType("application/json")
                .accept("application/json, application/problem+json")
                .body(body)
                .patch(PATH + "/" + appointmentId);
    }

    static Response patchRaw(String token, String appointmentId, String json) {
        return given().auth()
                .oauth2(token)
                .contentType("application/json")
                .accept("application/json, application/problem+json")
                .body(json)
                .patch(PATH + "/" + appointmentId);
    }

    static Map<String, Object> status(String status) {
        return Map.of("status", status);
    }

    static Map<String, Object> moveTo(String date, String start, String end) {
        return Map.of("scheduledDate", date, "startTime", start, "endTime", end);
    }

    static Response list(String token, Map<String, ?> query) {
        return given().auth()
                .oauth2(token)
                .accept("application/json, application/problem+json")
                .queryParams(query)
                .get(PATH);
    }

    /** The ids of one list page, in order. */
    static List<String> ids(Response page) {
        if (page.statusCode() != 200) {
            throw new AssertionError("list -> " + page.statusCode() + " " + page.asString());
        }
        return page.jsonPath().getList("items.appointmentId", String.class);
    }

    /** Waits (bounded) until the condition holds; for work done in the background, such as a mail. */
    static void eventually(String what, java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within 15 s: " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
