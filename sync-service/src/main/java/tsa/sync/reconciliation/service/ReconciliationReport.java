package tsa.sync.reconciliation.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** The contract's {@code ReconciliationReport}: what one reconciliation found and, with repair, fixed. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReconciliationReport(
        String reconciliationId,
        String trigger,
        String requestedBy,
        boolean repair,
        String status,
        String errorMessage,
        String startedAt,
        String completedAt,
        int profilesChecked,
        int usersChecked,
        int schoolsChecked,
        Summary summary,
        List<Discrepancy> discrepancies,
        boolean discrepanciesTruncated) {

    public static final String SCHEDULED = "scheduled";
    public static final String MANUAL = "manual";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    public ReconciliationReport {
        discrepancies = List.copyOf(discrepancies);
    }

    /** Counts of every discrepancy found (listed or not). */
    public record Summary(int profilesWithoutUser, int usersDifferingFromProfile, int usersWithoutProfile,
            int schoolsWithoutOrganization, int operationalCopiesMissing, int operationalCopiesDiffering,
            int repaired) {

        public int total() {
            return profilesWithoutUser + usersDifferingFromProfile + usersWithoutProfile + schoolsWithoutOrganization
                    + operationalCopiesMissing + operationalCopiesDiffering;
        }
    }

    /** One discrepancy; {@code syncId} names the sync log row of its repair, where one was made. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Discrepancy(String kind, String resourceId, List<String> fields, boolean repaired, String syncId) {

        public Discrepancy {
            fields = fields == null || fields.isEmpty() ? null : List.copyOf(fields);
        }
    }
}
