package tsa.sync.reconciliation.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * {@code reconciliation_reports}: the one place every replica reads the runs from. A run is inserted {@code running}
 * only if none is (the table's partial unique index decides between replicas), keeps a heartbeat while it works, and
 * is finished once; a {@code running} row whose heartbeat is older than the staleness is turned {@code failed} by the
 * next reader, so a replica killed mid-run never blocks the next one. Each method is its own transaction.
 */
@ApplicationScoped
public class ReconciliationRecords {

    public static final String RUNNING = "running";
    public static final String FAILED = "failed";

    @Inject
    ObjectMapper json;

    /** Inserts the run as {@code running}; false when another run is running (nothing written). */
    public boolean insertRunning(
            String id, String trigger, String requestedBy, boolean repair, Instant now, Map<String, Object> report) {
        String body = text(report);
        int inserted = QuarkusTransaction.requiringNew()
                .call(() -> ReconciliationRecord.getEntityManager()
                        .createNativeQuery("""
                        INSERT INTO reconciliation_reports (reconciliation_id, trigger, requested_by, repair, status,
                            started_at, heartbeat_at, report)
                        VALUES (?1, ?2, CAST(?3 AS varchar), ?4, 'running', ?5, ?5, CAST(?6 AS jsonb))
                        ON CONFLICT DO NOTHING""")
                        .setParameter(1, id)
                        .setParameter(2, trigger)
                        .setParameter(3, requestedBy)
                        .setParameter(4, repair)
                        .setParameter(5, local(now))
                        .setParameter(6, body)
                        .executeUpdate());
        return inserted == 1;
    }

    /**
     * Turns every {@code running} run whose last heartbeat is older than {@code staleAfter} into a failed one (its
     * replica died or stopped working on it); returns how many.
     */
    public int abandonStale(Instant now, Duration staleAfter) {
        LocalDateTime cutoff = local(now.minus(staleAfter));
        return QuarkusTransaction.requiringNew()
                .call(() -> ReconciliationRecord.update(
                        "status = ?1, errorMessage = ?2, completedAt = heartbeatAt"
                                + " where status = ?3 and heartbeatAt < ?4",
                        FAILED,
                        "abandoned: no heartbeat for longer than " + staleAfter
                                + " (the replica running it stopped or died); a new run may start",
                        RUNNING,
                        cutoff));
    }

    /** The running run, if any (after {@link #abandonStale}). */
    public Optional<ReconciliationRecord> running() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ReconciliationRecord.<ReconciliationRecord>find("status", RUNNING)
                        .firstResultOptional());
    }

    /**
     * A running run's heartbeat with its progress so far; false when the run is no longer {@code running} (declared
     * abandoned meanwhile), so that its worker stops. The row is locked while it is read and written, so a reader
     * abandoning it at the same moment sees the new heartbeat.
     */
    public boolean heartbeat(String id, Instant now, Map<String, Object> report) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ReconciliationRecord row = ReconciliationRecord.findById(id, LockModeType.PESSIMISTIC_WRITE);
            if (row == null || !RUNNING.equals(row.status)) {
                return false;
            }
            row.heartbeatAt = local(now);
            row.report = report;
            return true;
        });
    }

    /** Finishes a running run with its report; false when it was no longer running (nothing written). */
    public boolean finish(String id, String status, String errorMessage, Instant now, Map<String, Object> report) {
        return QuarkusTransaction.requiringNew().call(() -> {
            ReconciliationRecord row = ReconciliationRecord.findById(id, LockModeType.PESSIMISTIC_WRITE);
            if (row == null || !RUNNING.equals(row.status)) {
                return false;
            }
            row.status = status;
            row.errorMessage = errorMessage;
            row.heartbeatAt = local(now);
            row.completedAt = local(now);
            row.report = report;
            return true;
        });
    }

    public Optional<ReconciliationRecord> find(String id) {
        return QuarkusTransaction.requiringNew().call(() -> ReconciliationRecord.findByIdOptional(id));
    }

    /** The run that started last, whatever its status. */
    public Optional<ReconciliationRecord> latest() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ReconciliationRecord.<ReconciliationRecord>find("order by runNumber desc")
                        .firstResultOptional());
    }

    /** The run that started last among those that have finished (completed or failed). */
    public Optional<ReconciliationRecord> latestFinished() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ReconciliationRecord.<ReconciliationRecord>find(
                                "status <> ?1 order by runNumber desc", RUNNING)
                        .firstResultOptional());
    }

    /** Deletes finished runs that started before {@code before}, but never the latest finished one. */
    public long prune(Instant before) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Long keep = ReconciliationRecord.<ReconciliationRecord>find("status <> ?1 order by runNumber desc", RUNNING)
                    .firstResultOptional()
                    .map(r -> r.runNumber)
                    .orElse(Long.MAX_VALUE);
            return ReconciliationRecord.delete(
                    "status <> ?1 and startedAt < ?2 and runNumber < ?3", RUNNING, local(before), keep);
        });
    }

    private String text(Map<String, Object> report) {
        try {
            return json.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a reconciliation report that can't be written as JSON", e);
        }
    }

    private static LocalDateTime local(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
