package tsa.sync.reconciliation.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tsa.sync.reconciliation.service.ReconciliationReport.Discrepancy;

/** A report's size is bounded whatever the size of the tables: every discrepancy counted, a few of each kind listed. */
class FindingsTest {

    @Test
    void everyDiscrepancyIsCountedButOnlyTheFirstOfEachKindAreListed() {
        Findings findings = new Findings(3);
        for (int i = 0; i < 10_000; i++) {
            findings.add(DiscrepancyKind.PROFILE_WITHOUT_USER, "coach-" + i, null, i % 2 == 0, null);
        }
        findings.add(DiscrepancyKind.STUDENT_COPY_MISSING, "S-1", null, false, null);

        assertThat(findings.count(DiscrepancyKind.PROFILE_WITHOUT_USER)).isEqualTo(10_000);
        assertThat(findings.summary().profilesWithoutUser()).isEqualTo(10_000);
        assertThat(findings.summary().operationalCopiesMissing()).isEqualTo(1);
        assertThat(findings.summary().repaired()).isEqualTo(5_000);
        assertThat(findings.listed())
                .extracting(Discrepancy::resourceId)
                .containsExactly("coach-0", "coach-1", "coach-2", "S-1");
        assertThat(findings.truncated()).isTrue();
    }

    @Test
    void aReportWithinTheBoundIsNotTruncated() {
        Findings findings = new Findings(3);
        findings.add(DiscrepancyKind.USER_DIFFERS_FROM_PROFILE, "coach-1", List.of("phone"), false, null);

        assertThat(findings.listed()).hasSize(1);
        assertThat(findings.truncated()).isFalse();
    }
}
