package tsa.sync.reconciliation.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The contract's {@code ReconciliationReport}: what one reconciliation found and, with repair, fixed; while it runs,
 * what it has found so far ({@code completedAt} absent, {@code lastHeartbeatAt} its latest sign of life).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReconciliationReport(
        String reconciliationId,
        String trigger,
        String requestedBy,
        boolean repair,
        String status,
        String errorMessage,
        String startedAt,
        String lastHeartbeatAt,
        String completedAt,
        int profilesChecked,
        int usersChecked,
        int schoolsChecked,
        Integer enrollmentsChecked,
        List<UncheckedPart> unchecked,
        Summary summary,
        List<Discrepancy> discrepancies,
        boolean discrepanciesTruncated) {

    public static final String SCHEDULED = "scheduled";
    public static final String MANUAL = "manual";
    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    /** The part of the check that stays unmade when parent-service can't be read. */
    public static final String ENROLLMENTS = "enrollments";

    public ReconciliationReport {
        discrepancies = discrepancies == null ? List.of() : List.copyOf(discrepancies);
        unchecked = unchecked == null || unchecked.isEmpty() ? null : List.copyOf(unchecked);
    }

    /** The report's body as {@code reconciliation_reports.report} keeps it (the rest are the row's columns). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Content(
            int profilesChecked,
            int usersChecked,
            int schoolsChecked,
            Integer enrollmentsChecked,
            List<UncheckedPart> unchecked,
            Summary summary,
            List<Discrepancy> discrepancies,
            boolean discrepanciesTruncated) {}

    /** A part of the check that could not be made, and why (the rest of the run is complete). */
    public record UncheckedPart(String part, String reason) {}

    /** Counts of every discrepancy found (listed or not). */
    public record Summary(
            int profilesWithoutUser,
            int usersDifferingFromProfile,
            int usersWithoutProfile,
            int schoolsWithoutOrganization,
            int operationalCopiesMissing,
            int operationalCopiesDiffering,
            int enrollmentsWithoutEdFiRecords,
            int repaired) {

        public int total() {
            return profilesWithoutUser
                    + usersDifferingFromProfile
                    + usersWithoutProfile
                    + schoolsWithoutOrganization
                    + operationalCopiesMissing
                    + operationalCopiesDiffering
                    + enrollmentsWithoutEdFiRecords;
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
