package tsa.parent.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static tsa.parent.appointment.service.AppointmentStatus.CANCELLED;
import static tsa.parent.appointment.service.AppointmentStatus.COMPLETED;
import static tsa.parent.appointment.service.AppointmentStatus.CONFIRMED;
import static tsa.parent.appointment.service.AppointmentStatus.SCHEDULED;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tsa.parent.appointment.service.AppointmentStatus;
import tsa.runtime.problem.ProblemException;

/** The appointment's status machine, every pair of statuses enumerated. */
class AppointmentStatusTest {

    /** The whole table: a reschedule is the move to scheduled. */
    private static final Map<AppointmentStatus, Set<AppointmentStatus>> ALLOWED = Map.of(
            SCHEDULED, Set.of(CONFIRMED, CANCELLED, SCHEDULED),
            CONFIRMED, Set.of(COMPLETED, CANCELLED, SCHEDULED),
            COMPLETED, Set.of(),
            CANCELLED, Set.of());

    @Test
    void everyPairIsAllowedExactlyAsTheTableSays() {
        for (AppointmentStatus from : AppointmentStatus.values()) {
            for (AppointmentStatus to : AppointmentStatus.values()) {
                boolean allowed = ALLOWED.get(from).contains(to);
                assertThat(from.canBecome(to)).as(from + " -> " + to).isEqualTo(allowed);
                if (allowed) {
                    assertThat(from.moveTo(to, "appointment")).isEqualTo(to);
                } else {
                    assertThatThrownBy(() -> from.moveTo(to, "appointment"))
                            .as(from + " -> " + to)
                            .isInstanceOfSatisfying(
                                    ProblemException.class,
                                    e -> assertThat(e.status()).isEqualTo(409))
                            .hasMessageContaining(from.value())
                            .hasMessageContaining(to.value());
                }
            }
        }
    }

    @Test
    void valuesAreTheSeedsAndOnlyCancelledGivesTheCoachsTimeBack() {
        assertThat(AppointmentStatus.values())
                .extracting(AppointmentStatus::value)
                .containsExactly("scheduled", "confirmed", "completed", "cancelled");
        assertThat(AppointmentStatus.of("confirmed")).contains(CONFIRMED);
        assertThat(AppointmentStatus.of("Confirmed")).isEmpty();
        assertThat(SCHEDULED.occupiesTime()).isTrue();
        assertThat(CONFIRMED.occupiesTime()).isTrue();
        assertThat(COMPLETED.occupiesTime()).isTrue();
        assertThat(CANCELLED.occupiesTime()).isFalse();
    }
}
