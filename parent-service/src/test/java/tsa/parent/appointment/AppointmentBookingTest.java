package tsa.parent.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static tsa.parent.appointment.SchedulingFixtures.book;
import static tsa.parent.appointment.SchedulingFixtures.bookRaw;
import static tsa.parent.appointment.SchedulingFixtures.booking;
import static tsa.parent.appointment.SchedulingFixtures.day;
import static tsa.parent.appointment.SchedulingFixtures.enroll;
import static tsa.parent.appointment.SchedulingFixtures.eventually;
import static tsa.parent.appointment.SchedulingFixtures.list;
import static tsa.parent.appointment.SchedulingFixtures.newCoach;
import static tsa.parent.appointment.SchedulingFixtures.newParent;
import static tsa.parent.appointment.SchedulingFixtures.parentToken;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.parent.appointment.store.AppointmentStore;
import tsa.parent.enrollment.store.EnrollmentStore;
import tsa.testsupport.DataStores;
import tsa.testsupport.MailServer;
import tsa.testsupport.MovableClock;

/** A parent books with their assigned coach, gets a confirmation mail, and every bad request is a 400. */
@QuarkusTest
class AppointmentBookingTest {

    @Inject
    EnrollmentStore enrollments;

    @Inject
    AppointmentStore appointments;

    String coach;
    String parent;
    String token;

    @BeforeEach
    void enrolled() {
        coach = newCoach();
        parent = newParent();
        token = parentToken(parent);
        enroll(enrollments, parent, coach, "active");
    }

    @AfterEach
    void realTime() {
        MovableClock.INSTANCE.reset();
    }

    @Test
    void bookingIsScheduledAndTheParentGetsAConfirmationMailRecordedAsSent() {
        String date = day(12);
        Response response = book(token, booking(coach, date, "10:00", "11:00"));

        assertThat(response.statusCode()).as(response.asString()).isEqualTo(201);
        String id = response.jsonPath().getString("appointmentId");
        assertThat(response.header("Location")).endsWith("/api/parent/appointments/" + id);
        Map<String, Object> body = response.jsonPath().getMap("");
        assertThat(body)
                .containsEntry("coachId", coach)
                .containsEntry("parentEmail", parent)
                .containsEntry("studentName", "Sam Lopez")
                .containsEntry("appointmentType", "consultation")
                .containsEntry("scheduledDate", date)
                .containsEntry("startTime", "10:00")
                .containsEntry("endTime", "11:00")
                .containsEntry("status", "scheduled")
                .containsEntry("location", "Campus gym")
                .containsEntry("notes", "Bring running shoes")
                .containsKeys("createdAt", "confirmationSent");

        MailServer mail = DataStores.shared().mail();
        eventually("the confirmation mail", () -> !mail.inbox(parent).isEmpty());
        List<MailServer.Mail> inbox = mail.inbox(parent);
        assertThat(inbox).hasSize(1);
        assertThat(inbox.get(0).subject())
                .contains("consultation")
                .contains(date)
                .contains("10:00");
        assertThat(inbox.get(0).body())
                .contains("Sam Lopez")
                .contains(date)
                .contains("10:00")
                .contains("11:00")
                .contains("Campus gym");
        eventually(
                "confirmation_sent recorded",
                () -> Boolean.TRUE.equals(appointments.find(id).orElseThrow().confirmationSent()));
        assertThat(list(token, Map.of()).jsonPath().getBoolean("items[0].confirmationSent"))
                .isTrue();
    }

    @Test
    void aCoachOfNoEnrollmentOfTheParentIsNotFound() {
        String stranger = newCoach();
        Response response = book(token, booking(stranger, day(12), "10:00", "11:00"));
        assertProblem(response, 404);
        // another parent's coach is no better
        String otherParent = newParent();
        String othersCoach = newCoach();
        enroll(enrollments, otherParent, othersCoach, "active");
        assertProblem(book(token, booking(othersCoach, day(12), "10:00", "11:00")), 404);
    }

    @Test
    void aCancelledEnrollmentAssignsNoCoachButAPendingOneDoes() {
        String formerCoach = newCoach();
        enroll(enrollments, parent, formerCoach, "cancelled");
        assertProblem(book(token, booking(formerCoach, day(12), "10:00", "11:00")), 404);

        String newCoach = newCoach();
        enroll(enrollments, parent, newCoach, "pending");
        assertThat(book(token, booking(newCoach, day(12), "10:00", "11:00")).statusCode())
                .isEqualTo(201);
    }

    @Test
    void pastDatesAndTimesAreRefused() {
        assertField(book(token, booking(coach, day(-1), "10:00", "11:00")), "scheduledDate");
        ZonedDateTime now = ZonedDateTime.now(SchedulingFixtures.ZONE);
        if (now.toLocalTime().isAfter(LocalTime.of(0, 30))) {
            // earlier today, in the academy's zone
            LocalTime earlier = now.toLocalTime().minusMinutes(20).withSecond(0).withNano(0);
            assertField(
                    book(
                            token,
                            booking(coach, now.toLocalDate().toString(), fmt(earlier), fmt(earlier.plusMinutes(10)))),
                    "scheduledDate");
        }
    }

    @Test
    void futureIsDecidedByTheApplicationsClock() {
        String inTwoDays = day(2);
        MovableClock.INSTANCE.advance(Duration.ofDays(3));
        assertField(book(token, booking(coach, inTwoDays, "10:00", "11:00")), "scheduledDate");
        MovableClock.INSTANCE.reset();
        assertThat(book(token, booking(coach, inTwoDays, "10:00", "11:00")).statusCode())
                .isEqualTo(201);
    }

    @Test
    void endNotAfterStartIsRefused() {
        assertField(book(token, booking(coach, day(12), "11:00", "10:00")), "endTime");
        assertField(book(token, booking(coach, day(12), "10:00", "10:00")), "endTime");
    }

    @Test
    void malformedOrWronglyTypedOrIncompleteBodiesAreRefusedNamingTheField() {
        assertProblem(bookRaw(token, "{\"coachId\": "), 400);
        assertProblem(bookRaw(token, "not json"), 400);
        assertProblem(bookRaw(token, "[]"), 400);
        assertProblem(bookRaw(token, ""), 400);

        for (String field :
                List.of("coachId", "studentName", "appointmentType", "scheduledDate", "startTime", "endTime")) {
            Map<String, Object> body = new java.util.LinkedHashMap<>(booking(coach, day(12), "10:00", "11:00"));
            body.remove(field);
            assertField(book(token, body), field);
        }
        assertField(book(token, with("coachId", 42)), "coachId");
        assertField(book(token, with("studentName", true)), "studentName");
        assertField(book(token, with("scheduledDate", 20300110)), "scheduledDate");
        assertField(book(token, with("startTime", List.of("10:00"))), "startTime");
        assertField(book(token, with("appointmentType", "lesson")), "appointmentType");
        assertField(book(token, with("scheduledDate", "10/01/2030")), "scheduledDate");
        assertField(book(token, with("scheduledDate", "2030-02-30")), "scheduledDate");
        assertField(book(token, with("startTime", "9:00")), "startTime");
        assertField(book(token, with("startTime", "24:00")), "startTime");
        assertField(book(token, with("endTime", "10:60")), "endTime");
        assertField(book(token, with("endTime", "10:00:00")), "endTime");
        assertField(book(token, with("coachId", "")), "coachId");
        assertField(book(token, with("studentName", "Sam\nLopez")), "studentName");
        assertField(book(token, with("location", "x".repeat(256))), "location");
        assertField(book(token, with("notes", "x".repeat(1001))), "notes");
        assertField(book(token, with("status", "confirmed")), "status");
    }

    @Test
    void nothingIsBookedByARefusedRequest() {
        book(token, booking(coach, day(12), "11:00", "10:00"));
        book(token, booking(newCoach(), day(12), "10:00", "11:00"));
        assertThat(SchedulingFixtures.ids(list(token, Map.of()))).isEmpty();
    }

    private Map<String, Object> with(String field, Object value) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(booking(coach, day(12), "10:00", "11:00"));
        body.put(field, value);
        return body;
    }

    private static String fmt(LocalTime time) {
        return String.format("%02d:%02d", time.getHour(), time.getMinute());
    }

    static void assertProblem(Response response, int status) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
    }

    static void assertField(Response response, String field) {
        assertProblem(response, 400);
        assertThat(response.jsonPath().getList("errors.field", String.class))
                .as(response.asString())
                .contains(field);
    }
}
