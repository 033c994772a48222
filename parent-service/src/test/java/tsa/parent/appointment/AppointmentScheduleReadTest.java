package tsa.parent.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static tsa.parent.appointment.AppointmentBookingTest.assertField;
import static tsa.parent.appointment.AppointmentBookingTest.assertProblem;
import static tsa.parent.appointment.SchedulingFixtures.adminToken;
import static tsa.parent.appointment.SchedulingFixtures.booked;
import static tsa.parent.appointment.SchedulingFixtures.coachToken;
import static tsa.parent.appointment.SchedulingFixtures.day;
import static tsa.parent.appointment.SchedulingFixtures.enroll;
import static tsa.parent.appointment.SchedulingFixtures.ids;
import static tsa.parent.appointment.SchedulingFixtures.list;
import static tsa.parent.appointment.SchedulingFixtures.newCoach;
import static tsa.parent.appointment.SchedulingFixtures.newParent;
import static tsa.parent.appointment.SchedulingFixtures.parentToken;
import static tsa.parent.appointment.SchedulingFixtures.patch;
import static tsa.parent.appointment.SchedulingFixtures.status;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.parent.enrollment.store.EnrollmentStore;

/**
 * Coaches read their schedule by date range (coach-schedule-index), parents their own appointments
 * (parent-appointments-index), admins either for one coach or one parent; in date and start-time order, paged.
 */
@QuarkusTest
class AppointmentScheduleReadTest {

    @Inject
    EnrollmentStore enrollments;

    String coach;
    String otherCoach;
    String parentA;
    String parentB;
    String tokenA;
    String tokenB;
    /** Booked by the setup: A's on days 30, 31 (two), 33; B's on day 31; another coach's for A on day 31. */
    String a30;

    String a31late;
    String a31early;
    String a33;
    String b31;
    String aOther31;

    @BeforeEach
    void aWeekOfAppointments() {
        coach = newCoach();
        otherCoach = newCoach();
        parentA = newParent();
        parentB = newParent();
        tokenA = parentToken(parentA);
        tokenB = parentToken(parentB);
        enroll(enrollments, parentA, coach, "active");
        enroll(enrollments, parentA, otherCoach, "active");
        enroll(enrollments, parentB, coach, "active");
        a33 = booked(tokenA, coach, day(33), "09:00", "10:00");
        a31late = booked(tokenA, coach, day(31), "15:00", "16:00");
        a30 = booked(tokenA, coach, day(30), "09:00", "10:00");
        a31early = booked(tokenA, coach, day(31), "08:00", "09:00");
        b31 = booked(tokenB, coach, day(31), "11:00", "12:00");
        aOther31 = booked(tokenA, otherCoach, day(31), "11:00", "12:00");
    }

    @Test
    void aCoachReadsTheirScheduleWithinADateRangeInDateAndTimeOrder() {
        String coachToken = coachToken(coach);
        assertThat(ids(list(coachToken, Map.of("from", day(31), "to", day(31)))))
                .containsExactly(a31early, b31, a31late);
        assertThat(ids(list(coachToken, Map.of("from", day(31))))).containsExactly(a31early, b31, a31late, a33);
        assertThat(ids(list(coachToken, Map.of("to", day(31))))).containsExactly(a30, a31early, b31, a31late);
        assertThat(ids(list(coachToken, Map.of()))).containsExactly(a30, a31early, b31, a31late, a33);
        assertThat(ids(list(coachToken, Map.of("from", day(34))))).isEmpty();
        assertThat(ids(list(coachToken(otherCoach), Map.of()))).containsExactly(aOther31);
    }

    @Test
    void cancelledAppointmentsStayInTheScheduleWithTheirStatus() {
        patch(tokenA, a30, status("cancelled"));
        Response page = list(coachToken(coach), Map.of("to", day(30)));
        assertThat(ids(page)).containsExactly(a30);
        assertThat(page.jsonPath().getString("items[0].status")).isEqualTo("cancelled");
    }

    @Test
    void aParentReadsOnlyTheirOwnAcrossCoachesInOrder() {
        assertThat(ids(list(tokenA, Map.of()))).containsExactly(a30, a31early, aOther31, a31late, a33);
        assertThat(ids(list(tokenA, Map.of("from", day(31), "to", day(31)))))
                .containsExactly(a31early, aOther31, a31late);
        assertThat(ids(list(tokenB, Map.of()))).containsExactly(b31);
        assertThat(ids(list(parentToken(newParent()), Map.of()))).isEmpty();
    }

    @Test
    void pagesFollowOneAnotherThroughTheirCursors() {
        assertThat(readAll(tokenA, Map.of(), 2)).containsExactly(a30, a31early, aOther31, a31late, a33);
        assertThat(readAll(coachToken(coach), Map.of(), 2)).containsExactly(a30, a31early, b31, a31late, a33);
        assertThat(readAll(coachToken(coach), Map.of("from", day(31), "to", day(31)), 1))
                .containsExactly(a31early, b31, a31late);
    }

    @Test
    void aCursorOfAnotherListIsRefused() {
        String parentCursor = list(tokenA, Map.of("limit", "1")).jsonPath().getString("nextCursor");
        String coachCursor =
                list(coachToken(coach), Map.of("limit", "1")).jsonPath().getString("nextCursor");
        assertThat(parentCursor).isNotNull();
        assertThat(coachCursor).isNotNull();
        assertField(list(coachToken(coach), Map.of("cursor", parentCursor)), "cursor");
        assertField(list(tokenA, Map.of("cursor", coachCursor)), "cursor");
        assertField(list(coachToken(otherCoach), Map.of("cursor", coachCursor)), "cursor");
        assertField(list(coachToken(coach), Map.of("cursor", coachCursor, "from", day(34))), "cursor");
    }

    @Test
    void adminsReadOneCoachsScheduleOrOneParentsAppointments() {
        String admin = adminToken();
        assertThat(ids(list(admin, Map.of("coachId", coach, "from", day(31), "to", day(31)))))
                .containsExactly(a31early, b31, a31late);
        assertThat(ids(list(admin, Map.of("parentEmail", parentB)))).containsExactly(b31);
        assertThat(ids(list(admin, Map.of("parentEmail", parentA.toUpperCase(), "to", day(30)))))
                .containsExactly(a30);
        assertField(list(admin, Map.of()), "coachId");
        assertField(list(admin, Map.of("coachId", coach, "parentEmail", parentA)), "parentEmail");
    }

    @Test
    void theAdminFiltersAreForAdminsOnly() {
        assertField(list(coachToken(coach), Map.of("coachId", otherCoach)), "coachId");
        assertField(list(tokenA, Map.of("parentEmail", parentB)), "parentEmail");
        assertField(list(tokenA, Map.of("coachId", coach)), "coachId");
    }

    @Test
    void badDatesAndRangesAreRefusedNamingTheParameter() {
        String coachToken = coachToken(coach);
        assertField(list(coachToken, Map.of("from", "tomorrow")), "from");
        assertField(list(coachToken, Map.of("to", "2030-02-30")), "to");
        assertField(list(tokenA, Map.of("from", "2030-1-1")), "from");
        assertField(list(coachToken, Map.of("from", day(32), "to", day(31))), "to");
        assertField(list(adminToken(), Map.of("parentEmail", "not-an-email")), "parentEmail");
        assertProblem(list(coachToken, Map.of("limit", "0")), 400);
    }

    private static List<String> readAll(String token, Map<String, String> query, int limit) {
        List<String> all = new ArrayList<>();
        String cursor = null;
        for (int pages = 0; pages < 20; pages++) {
            Map<String, String> q = new HashMap<>(query);
            q.put("limit", Integer.toString(limit));
            if (cursor != null) {
                q.put("cursor", cursor);
            }
            Response page = list(token, q);
            List<String> items = ids(page);
            assertThat(items.size()).isLessThanOrEqualTo(limit);
            all.addAll(items);
            cursor = page.jsonPath().getString("nextCursor");
            if (cursor == null) {
                return all;
            }
        }
        throw new AssertionError("more than 20 pages");
    }
}
