package tsa.parent.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tsa.parent.appointment.service.AppointmentTime;
import tsa.runtime.problem.ProblemException;

/** The units of a coach's day an appointment holds: its times rounded outward to the unit. */
class AppointmentTimeTest {

    @Test
    void alignedTimesHoldTheirUnitsAndAdjacentTimesShareNone() {
        assertThat(AppointmentTime.parse("2030-01-10", "10:00", "11:00").slots(15))
                .containsExactly("10:00", "10:15", "10:30", "10:45");
        assertThat(AppointmentTime.parse("2030-01-10", "11:00", "11:15").slots(15))
                .containsExactly("11:00");
    }

    @Test
    void unalignedTimesAreRoundedOutward() {
        assertThat(AppointmentTime.parse("2030-01-10", "10:05", "10:20").slots(15))
                .containsExactly("10:00", "10:15");
        assertThat(AppointmentTime.parse("2030-01-10", "23:50", "23:59").slots(15))
                .containsExactly("23:45");
        assertThat(AppointmentTime.parse("2030-01-10", "09:10", "09:50").slots(60))
                .containsExactly("09:00");
    }

    @Test
    void badTimesAreRefusedNamingTheField() {
        assertRefused(() -> AppointmentTime.parse("2030-01-10", "11:00", "10:00"), "endTime");
        assertRefused(() -> AppointmentTime.parse("2030-01-10", "10:00", "10:00"), "endTime");
        assertRefused(() -> AppointmentTime.parse("2030-02-30", "10:00", "11:00"), "scheduledDate");
        assertRefused(() -> AppointmentTime.parse("2030-01-10", "24:00", "11:00"), "startTime");
        assertRefused(() -> AppointmentTime.parse(null, "10:00", "11:00"), "scheduledDate");
        assertRefused(() -> AppointmentTime.parse("2030-01-10", "10:00", null), "endTime");
    }

    private static void assertRefused(Runnable parse, String field) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.toProblem().errors()).extracting(f -> f.field()).containsExactly(field);
        });
    }
}
