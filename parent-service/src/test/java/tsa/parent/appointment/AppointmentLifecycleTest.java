package tsa.parent.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static tsa.parent.appointment.AppointmentBookingTest.assertField;
import static tsa.parent.appointment.AppointmentBookingTest.assertProblem;
import static tsa.parent.appointment.SchedulingFixtures.booked;
import static tsa.parent.appointment.SchedulingFixtures.coachToken;
import static tsa.parent.appointment.SchedulingFixtures.day;
import static tsa.parent.appointment.SchedulingFixtures.enroll;
import static tsa.parent.appointment.SchedulingFixtures.moveTo;
import static tsa.parent.appointment.SchedulingFixtures.newCoach;
import static tsa.parent.appointment.SchedulingFixtures.newParent;
import static tsa.parent.appointment.SchedulingFixtures.parentToken;
import static tsa.parent.appointment.SchedulingFixtures.patch;
import static tsa.parent.appointment.SchedulingFixtures.patchRaw;
import static tsa.parent.appointment.SchedulingFixtures.status;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.parent.enrollment.store.EnrollmentStore;
import tsa.testsupport.MovableClock;

/**
 * Every transition of an appointment over HTTP, by whom it may be made, and what a stranger sees (404): the table is
 * scheduled -> confirmed -> completed, scheduled|confirmed -> cancelled, scheduled|confirmed -> (reschedule)
 * scheduled; everything else is 409.
 */
@QuarkusTest
class AppointmentLifecycleTest {

    @Inject
    EnrollmentStore enrollments;

    String coach;
    String parent;
    String coachToken;
    String parentToken;
    int nextHour = 7;

    @BeforeEach
    void enrolled() {
        coach = newCoach();
        parent = newParent();
        coachToken = coachToken(coach);
        parentToken = parentToken(parent);
        enroll(enrollments, parent, coach, "active");
    }

    @AfterEach
    void realTime() {
        MovableClock.INSTANCE.reset();
    }

    /** A new appointment in its own hour, scheduled. */
    private String scheduled() {
        int hour = nextHour++;
        return booked(parentToken, coach, day(15), String.format("%02d:00", hour), String.format("%02d:45", hour));
    }

    private String confirmed() {
        String id = scheduled();
        expect(patch(coachToken, id, status("confirmed")), 200, "confirmed");
        return id;
    }

    private String completed() {
        String id = confirmed();
        expect(patch(coachToken, id, status("completed")), 200, "completed");
        return id;
    }

    private String cancelled() {
        String id = scheduled();
        expect(patch(parentToken, id, status("cancelled")), 200, "cancelled");
        return id;
    }

    @Test
    void scheduledBecomesConfirmedOrCancelledOrRescheduledButNotCompleted() {
        expect(patch(coachToken, scheduled(), status("confirmed")), 200, "confirmed");
        expect(patch(parentToken, scheduled(), status("cancelled")), 200, "cancelled");
        expect(patch(coachToken, scheduled(), status("cancelled")), 200, "cancelled");
        expect(patch(parentToken, scheduled(), moveTo(day(16), "10:00", "11:00")), 200, "scheduled");
        assertProblem(patch(coachToken, scheduled(), status("completed")), 409);
    }

    @Test
    void confirmedBecomesCompletedOrCancelledOrBackToScheduledByAReschedule() {
        expect(patch(coachToken, confirmed(), status("completed")), 200, "completed");
        expect(patch(parentToken, confirmed(), status("cancelled")), 200, "cancelled");
        expect(patch(coachToken, confirmed(), status("cancelled")), 200, "cancelled");
        expect(patch(coachToken, confirmed(), moveTo(day(16), "12:00", "13:00")), 200, "scheduled");
        assertProblem(patch(coachToken, confirmed(), status("confirmed")), 409);
    }

    @Test
    void completedAndCancelledAreFinal() {
        for (String id : List.of(completed(), cancelled())) {
            for (String target : List.of("confirmed", "completed", "cancelled")) {
                assertProblem(patch(coachToken, id, status(target)), 409);
            }
            assertProblem(patch(coachToken, id, moveTo(day(17), "10:00", "11:00")), 409);
            assertProblem(patch(parentToken, id, moveTo(day(17), "10:00", "11:00")), 409);
        }
    }

    @Test
    void onlyTheCoachConfirmsAndCompletes() {
        String id = scheduled();
        assertProblem(patch(parentToken, id, status("confirmed")), 403);
        expect(patch(coachToken, id, status("confirmed")), 200, "confirmed");
        assertProblem(patch(parentToken, id, status("completed")), 403);
        expect(patch(coachToken, id, status("completed")), 200, "completed");
    }

    @Test
    void locationAndNotesComeWithAChange() {
        Map<String, Object> change = new LinkedHashMap<>(status("confirmed"));
        change.put("location", "Field 2");
        change.put("notes", "Gate B");
        Response response = patch(coachToken, scheduled(), change);
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        assertThat(response.jsonPath().getString("location")).isEqualTo("Field 2");
        assertThat(response.jsonPath().getString("notes")).isEqualTo("Gate B");
    }

    @Test
    void otherParentsAndOtherCoachesSeeNoSuchAppointment() {
        String id = scheduled();
        String otherParent = newParent();
        String otherCoach = newCoach();
        enroll(enrollments, otherParent, otherCoach, "active");
        for (String stranger : List.of(parentToken(otherParent), coachToken(otherCoach))) {
            assertProblem(patch(stranger, id, status("cancelled")), 404);
            assertProblem(patch(stranger, id, moveTo(day(16), "10:00", "11:00")), 404);
        }
        assertProblem(patch(coachToken(otherCoach), id, status("confirmed")), 404);
        assertProblem(patch(coachToken, "no-such-appointment", status("cancelled")), 404);
        expect(patch(coachToken, id, status("confirmed")), 200, "confirmed");
    }

    @Test
    void aRescheduleIntoThePastOrWithItsEndBeforeItsStartIsRefused() {
        String id = scheduled();
        assertField(patch(parentToken, id, moveTo(day(-1), "10:00", "11:00")), "scheduledDate");
        assertField(patch(parentToken, id, moveTo(day(16), "11:00", "10:00")), "endTime");
        MovableClock.INSTANCE.advance(Duration.ofDays(20));
        assertField(patch(coachToken, id, moveTo(day(16), "10:00", "11:00")), "scheduledDate");
    }

    @Test
    void badChangesAreRefusedNamingTheField() {
        String id = scheduled();
        assertProblem(patchRaw(parentToken, id, "{\"status\": "), 400);
        assertProblem(patchRaw(parentToken, id, "\"cancelled\""), 400);
        assertProblem(patchRaw(parentToken, id, ""), 400);
        assertField(patch(parentToken, id, Map.of()), "status");
        assertField(patch(parentToken, id, Map.of("notes", "only notes")), "status");
        assertField(patch(parentToken, id, status("scheduled")), "status");
        assertField(patch(parentToken, id, status("done")), "status");
        assertField(patch(parentToken, id, Map.of("status", true)), "status");
        assertField(
                patch(
                        parentToken,
                        id,
                        Map.of(
                                "status",
                                "cancelled",
                                "scheduledDate",
                                day(16),
                                "startTime",
                                "10:00",
                                "endTime",
                                "11:00")),
                "status");
        assertField(patch(parentToken, id, Map.of("scheduledDate", day(16))), "startTime");
        assertField(patch(parentToken, id, Map.of("startTime", "10:00", "endTime", "11:00")), "scheduledDate");
        assertField(patch(parentToken, id, moveTo(day(16), "1000", "11:00")), "startTime");
        assertField(patch(parentToken, id, moveTo("2030-13-01", "10:00", "11:00")), "scheduledDate");
        assertField(
                patch(parentToken, id, Map.of("scheduledDate", 20300101, "startTime", "10:00", "endTime", "11:00")),
                "scheduledDate");
        assertField(patch(parentToken, id, Map.of("status", "cancelled", "appointmentId", "x")), "appointmentId");
        assertField(patch(parentToken, id, Map.of("status", "cancelled", "location", "x".repeat(256))), "location");
        // and nothing changed
        expect(patch(coachToken, id, status("confirmed")), 200, "confirmed");
    }

    private static void expect(Response response, int status, String appointmentStatus) {
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(status);
        assertThat(response.jsonPath().getString("status")).isEqualTo(appointmentStatus);
    }
}
