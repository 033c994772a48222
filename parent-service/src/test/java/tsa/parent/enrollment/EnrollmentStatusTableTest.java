package tsa.parent.enrollment;

import static org.assertj.core.api.Assertions.assertThat;
import static tsa.parent.enrollment.service.EnrollmentStatus.ACTIVE;
import static tsa.parent.enrollment.service.EnrollmentStatus.CANCELLED;
import static tsa.parent.enrollment.service.EnrollmentStatus.COMPLETED;
import static tsa.parent.enrollment.service.EnrollmentStatus.PENDING;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tsa.parent.enrollment.service.EnrollmentStatus;
import tsa.parent.enrollment.service.SchoolYear;
import tsa.runtime.problem.ProblemException;

/** The enrollment status table, every pair, and the school year an activation day falls in. */
class EnrollmentStatusTableTest {

    /** from -> the statuses it may become (itself included: a change that keeps the status). */
    static final Map<EnrollmentStatus, Set<EnrollmentStatus>> ALLOWED = Map.of(
            PENDING, Set.of(PENDING, ACTIVE, CANCELLED),
            ACTIVE, Set.of(ACTIVE, COMPLETED, CANCELLED),
            COMPLETED, Set.of(COMPLETED),
            CANCELLED, Set.of(CANCELLED));

    @Test
    void everyPairIsAllowedOrRefusedAsTheTableSays() {
        for (EnrollmentStatus from : EnrollmentStatus.values()) {
            for (EnrollmentStatus to : EnrollmentStatus.values()) {
                boolean allowed = ALLOWED.get(from).contains(to);
                assertThat(from.canBecome(to)).as(from + " -> " + to).isEqualTo(allowed);
                if (allowed) {
                    assertThat(from.moveTo(to, "enrollment")).isEqualTo(to);
                } else {
                    try {
                        from.moveTo(to, "enrollment");
                        throw new AssertionError(from + " -> " + to + " was allowed");
                    } catch (ProblemException refused) {
                        assertThat(refused.toProblem().status()).isEqualTo(409);
                    }
                }
            }
        }
    }

    @Test
    void statusesReadAsTheSeedWritesThem() {
        assertThat(EnrollmentStatus.of("pending")).contains(PENDING);
        assertThat(EnrollmentStatus.of("active")).contains(ACTIVE);
        assertThat(EnrollmentStatus.of("completed")).contains(COMPLETED);
        assertThat(EnrollmentStatus.of("cancelled")).contains(CANCELLED);
        assertThat(EnrollmentStatus.of("ACTIVE")).isEmpty();
    }

    @Test
    void theSchoolYearStartsOnAugustFirstAndIsNamedForTheYearItEnds() {
        assertThat(SchoolYear.of(LocalDate.of(2026, 7, 31))).isEqualTo(2026);
        assertThat(SchoolYear.of(LocalDate.of(2026, 8, 1))).isEqualTo(2027);
        assertThat(SchoolYear.of(LocalDate.of(2026, 12, 3))).isEqualTo(2027);
        assertThat(SchoolYear.of(LocalDate.of(2027, 1, 1))).isEqualTo(2027);
    }
}
