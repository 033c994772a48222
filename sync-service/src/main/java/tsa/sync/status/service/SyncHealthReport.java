package tsa.sync.status.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import tsa.runtime.time.Timestamps;
import tsa.sync.log.repository.SyncLogRepository;
import tsa.sync.reconciliation.service.ReconciliationReport;
import tsa.sync.reconciliation.service.Reconciliations;

/**
 * Sync health for admins, from the log itself (so every replica tells the same): attempts in the last hour (rows
 * completed then, and failed attempts recorded then), the pending backlog and the age of its oldest change, and the
 * latest reconciliation's drift.
 */
@ApplicationScoped
public class SyncHealthReport {

    private static final Duration WINDOW = Duration.ofHours(1);

    @Inject
    SyncLogRepository rows;

    @Inject
    Reconciliations reconciliations;

    @Inject
    SyncMetrics metrics;

    @Inject
    Clock clock;

    public SyncHealth now() {
        Instant now = clock.instant();
        Instant since = now.minus(WINDOW);
        SyncLogRepository.RecentOutcomes recent =
                rows.outcomesSince(LocalDateTime.ofInstant(since, ZoneOffset.UTC), Timestamps.format(since));
        SyncLogRepository.Backlog backlog = rows.backlog();
        long lag = backlog.oldestCreatedAt() == null
                ? 0
                : Math.max(
                        0,
                        Duration.between(backlog.oldestCreatedAt(), backlog.databaseNow())
                                .toMillis());
        metrics.backlog(backlog.rows(), lag);
        long attempts = recent.completed() + recent.failedAttempts();
        Double successRate = attempts == 0 ? null : (double) recent.completed() / attempts;
        ReconciliationReport latest = reconciliations.latestFinished().orElse(null);
        return new SyncHealth(
                Timestamps.format(now),
                successRate,
                (int) attempts,
                (int) recent.completed(),
                (int) recent.failedAttempts(),
                (int) backlog.rows(),
                lag,
                latest == null ? null : latest.completedAt(),
                latest == null ? null : latest.summary().total());
    }
}
