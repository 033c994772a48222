package tsa.sync.status.service;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The contract's {@code SyncHealth}. {@code successRate} is null (and present) when nothing was attempted. */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record SyncHealth(
        String generatedAt,
        @JsonInclude(JsonInclude.Include.ALWAYS) Double successRate,
        int attemptsLastHour,
        int completedLastHour,
        int failuresLastHour,
        int pendingBacklog,
        long lagMillis,
        String lastReconciliationAt,
        Integer lastReconciliationDiscrepancies) {}
