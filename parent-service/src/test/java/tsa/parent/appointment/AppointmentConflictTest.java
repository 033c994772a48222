package tsa.parent.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static tsa.parent.appointment.AppointmentBookingTest.assertProblem;
import static tsa.parent.appointment.SchedulingFixtures.book;
import static tsa.parent.appointment.SchedulingFixtures.booked;
import static tsa.parent.appointment.SchedulingFixtures.booking;
import static tsa.parent.appointment.SchedulingFixtures.coachToken;
import static tsa.parent.appointment.SchedulingFixtures.day;
import static tsa.parent.appointment.SchedulingFixtures.enroll;
import static tsa.parent.appointment.SchedulingFixtures.moveTo;
import static tsa.parent.appointment.SchedulingFixtures.newCoach;
import static tsa.parent.appointment.SchedulingFixtures.newParent;
import static tsa.parent.appointment.SchedulingFixtures.parentToken;
import static tsa.parent.appointment.SchedulingFixtures.patch;
import static tsa.parent.appointment.SchedulingFixtures.status;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsa.parent.appointment.store.AppointmentStore;
import tsa.parent.enrollment.store.EnrollmentStore;

/**
 * No coach is double booked: overlapping bookings and reschedules are 409, however they race; adjacent times and
 * other coaches are fine; a cancelled or moved appointment gives its time back and a refused one leaves nothing.
 */
@QuarkusTest
class AppointmentConflictTest {

    private static final int RACERS = 8;

    /** Families booking one coach's time at once (issue 21: 50 concurrent bookings of one slot yield one). */
    private static final int BOOKING_RACERS = 50;

    @Inject
    EnrollmentStore enrollments;

    @Inject
    AppointmentStore store;

    String coach;
    String parentA;
    String parentB;
    String tokenA;
    String tokenB;
    String date;

    @BeforeEach
    void twoFamiliesOfOneCoach() {
        coach = newCoach();
        parentA = newParent();
        parentB = newParent();
        tokenA = parentToken(parentA);
        tokenB = parentToken(parentB);
        enroll(enrollments, parentA, coach, "active");
        enroll(enrollments, parentB, coach, "active");
        date = day(20);
    }

    @Test
    void anOverlapWithTheSameCoachIsAConflictWhoeverBooksIt() {
        booked(tokenA, coach, date, "10:00", "11:00");

        assertProblem(book(tokenB, booking(coach, date, "10:30", "11:30")), 409);
        assertProblem(book(tokenB, booking(coach, date, "09:30", "10:15")), 409);
        assertProblem(book(tokenB, booking(coach, date, "10:15", "10:45")), 409);
        assertProblem(book(tokenB, booking(coach, date, "09:00", "12:00")), 409);
        assertProblem(book(tokenA, booking(coach, date, "10:00", "11:00")), 409);
    }

    @Test
    void adjacentTimesOtherDaysAndOtherCoachesAreFine() {
        booked(tokenA, coach, date, "10:00", "11:00");

        booked(tokenB, coach, date, "11:00", "11:30");
        booked(tokenB, coach, date, "09:00", "10:00");
        booked(tokenB, coach, day(21), "10:00", "11:00");
        String otherCoach = newCoach();
        enroll(enrollments, parentB, otherCoach, "active");
        booked(tokenB, otherCoach, date, "10:00", "11:00");
    }

    @Test
    void timesOffTheUnitAreRoundedOutwardSoTheyClashWithinAUnit() {
        booked(tokenA, coach, date, "10:05", "10:20");
        assertProblem(book(tokenB, booking(coach, date, "10:25", "10:40")), 409);
        booked(tokenB, coach, date, "10:30", "10:45");
    }

    @Test
    void aCancelledAppointmentFreesItsTime() {
        String first = booked(tokenA, coach, date, "10:00", "11:00");
        assertThat(patch(tokenA, first, status("cancelled")).statusCode()).isEqualTo(200);

        booked(tokenB, coach, date, "10:00", "11:00");
        assertThat(store.slotHolder(AppointmentStore.slotKey(coach, date, "10:00")))
                .isNotEqualTo(first);
    }

    @Test
    void aRefusedBookingLeavesNoClaimBehind() {
        booked(tokenA, coach, date, "11:00", "12:00");
        // holds 10:00..10:45 for a moment, then finds 11:00 taken and gives them back
        assertProblem(book(tokenB, booking(coach, date, "10:00", "11:30")), 409);
        for (String slot : List.of("10:00", "10:15", "10:30", "10:45")) {
            assertThat(store.slotHolder(AppointmentStore.slotKey(coach, date, slot)))
                    .as(slot)
                    .isNull();
        }
        booked(tokenB, coach, date, "10:00", "11:00");
    }

    @Test
    void ofRacingOverlappingBookingsExactlyOneIsBooked() throws Exception {
        List<Integer> statuses = race(
                BOOKING_RACERS,
                i -> book(i % 2 == 0 ? tokenA : tokenB, booking(coach, date, i % 3 == 0 ? "14:00" : "14:15", "15:00")));

        assertThat(statuses).as(statuses.toString()).containsOnly(201, 409);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        List<String> schedule = SchedulingFixtures.ids(
                SchedulingFixtures.list(coachToken(coach), java.util.Map.of("from", date, "to", date)));
        assertThat(schedule).hasSize(1);
    }

    @Test
    void ofRacingIdenticalBookingsExactlyOneIsBooked() throws Exception {
        List<Integer> statuses =
                race(BOOKING_RACERS, i -> book(i % 2 == 0 ? tokenA : tokenB, booking(coach, date, "16:00", "17:00")));

        assertThat(statuses).as(statuses.toString()).containsOnly(201, 409);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
    }

    @Test
    void aRescheduleIntoAnotherAppointmentsTimeIsAConflictAndChangesNothing() {
        String mine = booked(tokenA, coach, date, "09:00", "10:00");
        booked(tokenB, coach, date, "11:00", "12:00");

        assertProblem(patch(tokenA, mine, moveTo(date, "10:30", "11:30")), 409);
        assertProblem(patch(coachToken(coach), mine, moveTo(date, "11:45", "12:15")), 409);

        var after = store.find(mine).orElseThrow();
        assertThat(after.startTime()).isEqualTo("09:00");
        assertThat(after.endTime()).isEqualTo("10:00");
        assertThat(after.rescheduleDate()).isNull();
        // the free part it tried (10:30, 10:45) was given back, its own time is still its own
        assertThat(store.slotHolder(AppointmentStore.slotKey(coach, date, "10:30")))
                .isNull();
        assertThat(store.slotHolder(AppointmentStore.slotKey(coach, date, "10:45")))
                .isNull();
        assertThat(store.slotHolder(AppointmentStore.slotKey(coach, date, "09:00")))
                .isEqualTo(mine);
        assertProblem(book(tokenB, booking(coach, date, "09:30", "10:00")), 409);
    }

    @Test
    void aRescheduleMovesTheClaimAndFreesTheOldTime() {
        String mine = booked(tokenA, coach, date, "09:00", "10:00");

        Response moved = patch(tokenA, mine, moveTo(date, "09:30", "10:30"));
        assertThat(moved.statusCode()).as(moved.asString()).isEqualTo(200);
        assertThat(moved.jsonPath().getString("startTime")).isEqualTo("09:30");
        assertThat(moved.jsonPath().getString("endTime")).isEqualTo("10:30");

        booked(tokenB, coach, date, "09:00", "09:30");
        assertProblem(book(tokenB, booking(coach, date, "10:15", "10:45")), 409);

        Response otherDay = patch(coachToken(coach), mine, moveTo(day(22), "09:30", "10:30"));
        assertThat(otherDay.statusCode()).as(otherDay.asString()).isEqualTo(200);
        booked(tokenB, coach, date, "09:30", "10:30");
    }

    @Test
    void ofTwoAppointmentsRacingIntoTheSameFreeTimeExactlyOneMoves() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            ids.add(booked(
                    i % 2 == 0 ? tokenA : tokenB,
                    coach,
                    date,
                    String.format("%02d:00", 8 + i),
                    String.format("%02d:30", 8 + i)));
        }
        List<Integer> statuses =
                race(i -> patch(i % 2 == 0 ? tokenA : tokenB, ids.get(i), moveTo(day(23), "12:00", "13:00")));

        assertThat(statuses).as(statuses.toString()).containsOnly(200, 409);
        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(1);
    }

    @Test
    void racingReschedulesOfOneAppointmentNeverLeaveItsTimeUnguarded() throws Exception {
        String mine = booked(tokenA, coach, date, "08:00", "09:00");
        List<Integer> statuses = race(i -> patch(
                tokenA,
                mine,
                moveTo(date, String.format("%02d:00", 12 + i % 3), String.format("%02d:00", 13 + i % 3))));

        assertThat(statuses).as(statuses.toString()).containsOnly(200, 409).contains(200);
        var now = store.find(mine).orElseThrow();
        for (String slot : List.of("00", "15", "30", "45")) {
            String key = AppointmentStore.slotKey(coach, date, now.startTime().substring(0, 3) + slot);
            assertThat(store.slotHolder(key)).as(key).isEqualTo(mine);
        }
        assertProblem(book(tokenB, booking(coach, date, now.startTime(), now.endTime())), 409);
        booked(tokenB, coach, date, "08:00", "09:00");
    }

    /** Runs the request {@link #RACERS} times at once (released together) and collects the statuses. */
    private static List<Integer> race(java.util.function.IntFunction<Response> request) throws Exception {
        return race(RACERS, request);
    }

    private static List<Integer> race(int racers, java.util.function.IntFunction<Response> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            CountDownLatch ready = new CountDownLatch(racers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                int n = i;
                Callable<Integer> call = () -> {
                    ready.countDown();
                    go.await();
                    return request.apply(n).statusCode();
                };
                results.add(pool.submit(call));
            }
            ready.await(10, TimeUnit.SECONDS);
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
