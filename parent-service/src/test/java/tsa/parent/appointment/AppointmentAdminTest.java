package tsa.parent.appointment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static tsa.parent.appointment.AppointmentBookingTest.assertProblem;
import static tsa.parent.appointment.SchedulingFixtures.adminToken;
import static tsa.parent.appointment.SchedulingFixtures.book;
import static tsa.parent.appointment.SchedulingFixtures.booked;
import static tsa.parent.appointment.SchedulingFixtures.booking;
import static tsa.parent.appointment.SchedulingFixtures.day;
import static tsa.parent.appointment.SchedulingFixtures.enroll;
import static tsa.parent.appointment.SchedulingFixtures.moveTo;
import static tsa.parent.appointment.SchedulingFixtures.newCoach;
import static tsa.parent.appointment.SchedulingFixtures.newParent;
import static tsa.parent.appointment.SchedulingFixtures.parentToken;
import static tsa.parent.appointment.SchedulingFixtures.patch;
import static tsa.parent.appointment.SchedulingFixtures.status;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.parent.appointment.store.AppointmentStore;
import tsa.parent.enrollment.OtherServicesStub;
import tsa.parent.enrollment.store.EnrollmentStore;

/**
 * Admins confirm, complete, cancel and reschedule any appointment, each recorded in the audit trail before the
 * write; when the record can't be written nothing changes (503). Admins book nothing (the contract: parents only).
 */
@QuarkusTest
@QuarkusTestResource(OtherServicesStub.class)
class AppointmentAdminTest {

    @Inject
    EnrollmentStore enrollments;

    @Inject
    AppointmentStore store;

    String coach;
    String parent;
    String parentToken;

    @BeforeEach
    void enrolled() {
        coach = newCoach();
        parent = newParent();
        parentToken = parentToken(parent);
        enroll(enrollments, parent, coach, "active");
    }

    @AfterEach
    void noOutage() {
        given().delete(standIn() + "/control/outage");
    }

    @Test
    void anAdminsChangesAreAuditedFirst() {
        String id = booked(parentToken, coach, day(40), "10:00", "11:00");

        Response confirmed = patch(adminToken(), id, status("confirmed"));
        assertThat(confirmed.statusCode()).as(confirmed.asString()).isEqualTo(200);
        assertThat(confirmed.jsonPath().getString("status")).isEqualTo("confirmed");
        Response moved = patch(adminToken(), id, moveTo(day(41), "10:00", "11:00"));
        assertThat(moved.statusCode()).as(moved.asString()).isEqualTo(200);
        assertThat(moved.jsonPath().getString("status")).isEqualTo("scheduled");
        assertThat(patch(adminToken(), id, status("cancelled")).statusCode()).isEqualTo(200);

        List<Map<String, Object>> records = recordsOf(id);
        assertThat(records).hasSize(3);
        assertThat(records).allSatisfy(r -> {
            assertThat(r)
                    .containsEntry("adminEmail", "admin@tsa.example")
                    .containsEntry("actionType", "update")
                    .containsEntry("resourceType", "appointment")
                    .containsKey("sessionId");
            assertThat(r).doesNotContainKey("outcome");
        });
        assertThat(records.get(0).get("afterState")).isEqualTo(Map.of("status", "confirmed"));
        assertThat(records.get(1).get("afterState"))
                .isEqualTo(Map.of(
                        "status", "scheduled", "scheduledDate", day(41), "startTime", "10:00", "endTime", "11:00"));
    }

    @Test
    void withoutAnAuditRecordAnAdminChangesNothing() {
        String id = booked(parentToken, coach, day(40), "12:00", "13:00");
        given().put(standIn() + "/control/outage?status=503");
        assertProblem(patch(adminToken(), id, status("cancelled")), 503);
        // refused rather than unreachable: not retried nor counted by the circuit breaker, which stays closed
        given().put(standIn() + "/control/outage?status=400");
        assertProblem(patch(adminToken(), id, moveTo(day(42), "12:00", "13:00")), 503);
        assertProblem(patch(adminToken(), id, status("confirmed")), 503);

        var after = store.find(id).orElseThrow();
        assertThat(after.status()).isEqualTo("scheduled");
        assertThat(after.scheduledDate()).isEqualTo(day(40));
        assertThat(store.slotHolder(AppointmentStore.slotKey(coach, day(42), "12:00")))
                .isNull();
    }

    @Test
    void anIllegalMoveOrAnUnknownIdIsRefusedBeforeAnythingIsRecorded() {
        String id = booked(parentToken, coach, day(40), "14:00", "15:00");
        assertProblem(patch(adminToken(), id, status("completed")), 409);
        assertProblem(patch(adminToken(), "no-such-appointment", status("cancelled")), 404);
        assertThat(recordsOf(id)).isEmpty();
    }

    @Test
    void anAdminsRescheduleStillMayNotDoubleBook() {
        String first = booked(parentToken, coach, day(40), "16:00", "17:00");
        String second = booked(parentToken, coach, day(40), "17:00", "18:00");
        Response clash = patch(adminToken(), second, moveTo(day(40), "16:30", "17:30"));
        assertProblem(clash, 409);
        List<Map<String, Object>> records = recordsOf(second);
        assertThat(records).hasSize(2);
        assertThat(records.get(1))
                .containsEntry("outcome", "failed")
                .containsEntry("relatedLogId", records.get(0).get("logId"));
        assertThat(store.find(first).orElseThrow().startTime()).isEqualTo("16:00");
    }

    @Test
    void adminsDoNotBook() {
        assertProblem(book(adminToken(), booking(coach, day(40), "10:00", "11:00")), 403);
    }

    private static String standIn() {
        return ConfigProvider.getConfig().getValue(OtherServicesStub.URL_KEY, String.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> recordsOf(String appointmentId) {
        List<Map<String, Object>> all =
                given().get(standIn() + "/control/records").jsonPath().getList("");
        return all.stream()
                .filter(r -> appointmentId.equals(r.get("resourceId")))
                .toList();
    }
}
