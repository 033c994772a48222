package tsa.sync.reconciliation.service;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import tsa.sync.reconciliation.service.ReconciliationReport.Discrepancy;
import tsa.sync.reconciliation.service.ReconciliationReport.Summary;

/**
 * What a reconciliation has found so far: every discrepancy counted, the first {@code maxListedPerKind} of each kind
 * listed, so a report's size is bounded whatever the size of the tables.
 */
final class Findings {

    private final int maxListedPerKind;
    private final List<Discrepancy> listed = new ArrayList<>();
    private final Map<DiscrepancyKind, Integer> counts = new EnumMap<>(DiscrepancyKind.class);
    private int repaired;
    private boolean truncated;

    Findings(int maxListedPerKind) {
        this.maxListedPerKind = maxListedPerKind;
    }

    void add(DiscrepancyKind kind, String resourceId, List<String> fields, boolean wasRepaired, String syncId) {
        int count = counts.merge(kind, 1, Integer::sum);
        if (wasRepaired) {
            repaired++;
        }
        if (count <= maxListedPerKind) {
            listed.add(new Discrepancy(kind.value(), resourceId, fields, wasRepaired, syncId));
        } else {
            truncated = true;
        }
    }

    int count(DiscrepancyKind kind) {
        return counts.getOrDefault(kind, 0);
    }

    List<Discrepancy> listed() {
        return List.copyOf(listed);
    }

    boolean truncated() {
        return truncated;
    }

    Summary summary() {
        return new Summary(
                count(DiscrepancyKind.PROFILE_WITHOUT_USER),
                count(DiscrepancyKind.USER_DIFFERS_FROM_PROFILE),
                count(DiscrepancyKind.USER_WITHOUT_PROFILE),
                count(DiscrepancyKind.SCHOOL_WITHOUT_ORGANIZATION),
                count(DiscrepancyKind.ORGANIZATION_COPY_MISSING) + count(DiscrepancyKind.STUDENT_COPY_MISSING),
                count(DiscrepancyKind.ORGANIZATION_COPY_DIFFERS) + count(DiscrepancyKind.STUDENT_COPY_DIFFERS),
                count(DiscrepancyKind.ENROLLMENT_WITHOUT_STUDENT)
                        + count(DiscrepancyKind.ENROLLMENT_WITHOUT_SCHOOL_ASSOCIATION),
                repaired);
    }
}
