package tsa.sync.log.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import tsa.model.ProfileSyncLog;
import tsa.model.SyncStatus;
import tsa.model.SyncType;
import tsa.runtime.time.Timestamps;
import tsa.sync.config.SyncSettings;
import tsa.sync.log.repository.SyncLogRepository;
import tsa.sync.log.repository.SyncLogRepository.Claim;
import tsa.sync.organization.service.SchoolNotFoundException;
import tsa.sync.status.service.SyncMetrics;

/**
 * Processes {@code profile_sync_log} rows off the request thread: a scheduled poll, plus a kick right after each
 * intake or retry. Rows are claimed ({@code pending -> processing}) with {@code FOR UPDATE SKIP LOCKED}, applied
 * one per transaction, and end {@code completed} or, after a failed attempt, {@code pending} again with a backed-off
 * next attempt time, or {@code failed} once the round's attempts are used up.
 */
@ApplicationScoped
public class SyncWorker {

    private static final Logger LOG = Logger.getLogger(SyncWorker.class);
    /** Batches one drain takes before it yields to the next poll. */
    private static final int MAX_BATCHES_PER_DRAIN = 50;

    @Inject
    SyncLogRepository rows;

    @Inject
    CoachUserSync users;

    @Inject
    SyncMetrics metrics;

    @Inject
    SyncSettings settings;

    @Inject
    Clock clock;

    private final AtomicBoolean kicked = new AtomicBoolean();
    /** Notified after each attempt at a row, for {@link #awaitAnAttempt}. */
    private final Object processedRows = new Object();

    private final AtomicBoolean draining = new AtomicBoolean();
    private ExecutorService kicks;

    @PostConstruct
    void start() {
        kicks = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "sync-worker");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        kicks.shutdownNow();
    }

    /** Asks for a drain soon, on the worker's own thread; kicks that arrive meanwhile are folded into one. */
    public void kick() {
        kicked.set(true);
        if (draining.compareAndSet(false, true)) {
            kicks.execute(this::drainWhileKicked);
        }
    }

    private void drainWhileKicked() {
        try {
            while (kicked.getAndSet(false)) {
                drainQuietly();
            }
        } finally {
            draining.set(false);
            if (kicked.get() && draining.compareAndSet(false, true)) {
                kicks.execute(this::drainWhileKicked);
            }
        }
    }

    @Scheduled(
            identity = "sync-worker-poll",
            every = "${tsa.sync.worker.poll-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        try {
            Instant now = clock.instant();
            int released = rows.releaseAbandoned(
                    Timestamps.format(now.minus(settings.worker().processingLease())));
            if (released > 0) {
                LOG.warnf(
                        "%d profile sync rows were left processing by a worker that stopped; pending again", released);
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not release abandoned sync rows: %s", e.toString());
        }
        drainQuietly();
        refreshBacklog();
    }

    /**
     * Claims and processes due rows until none is left (or a bounded number of batches is done); returns how many
     * rows this call processed. Safe to call from several threads or replicas at once.
     */
    public int drain() {
        int processed = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_DRAIN; batch++) {
            List<Claim> claims = rows.claim(settings.worker().batchSize(), Timestamps.format(clock.instant()));
            if (claims.isEmpty()) {
                break;
            }
            for (Claim claim : claims) {
                process(claim);
                processed++;
            }
        }
        return processed;
    }

    /**
     * Processes one row now if it is pending (the reconciliation's repairs) and returns its status afterwards;
     * empty when another worker holds it.
     */
    public Optional<SyncStatus> processNow(UUID syncId) {
        List<Claim> claims = rows.claimNow(syncId, Timestamps.format(clock.instant()));
        if (claims.isEmpty()) {
            return Optional.empty();
        }
        process(claims.get(0));
        return Optional.ofNullable(QuarkusTransaction.requiringNew().call(() -> {
            ProfileSyncLog row = ProfileSyncLog.findById(syncId);
            return row == null ? null : SyncStatus.fromValue(row.syncStatus);
        }));
    }

    private void drainQuietly() {
        try {
            drain();
        } catch (RuntimeException e) {
            LOG.warnf("the sync worker could not claim rows: %s", e.toString());
        }
    }

    private void refreshBacklog() {
        try {
            SyncLogRepository.Backlog backlog = rows.backlog();
            long lag = backlog.oldestCreatedAt() == null
                    ? 0
                    : Math.max(
                            0,
                            Duration.between(backlog.oldestCreatedAt(), backlog.databaseNow())
                                    .toMillis());
            metrics.backlog(backlog.rows(), lag);
        } catch (RuntimeException e) {
            LOG.debugf("could not read the sync backlog: %s", e.toString());
        }
    }

    private void process(Claim claim) {
        try {
            QuarkusTransaction.requiringNew().call(() -> apply(claim));
        } catch (RuntimeException e) {
            recordFailure(claim, e);
        } finally {
            synchronized (processedRows) {
                processedRows.notifyAll();
            }
        }
    }

    /**
     * Waits until this worker has finished an attempt at any row, or {@code atMost} has passed, whichever comes
     * first: for a caller waiting for a row's outcome, which then reads the row again.
     */
    public void awaitAnAttempt(Duration atMost) throws InterruptedException {
        synchronized (processedRows) {
            processedRows.wait(Math.max(1, atMost.toMillis()));
        }
    }

    /** One attempt, in its own transaction: the change applied and the row completed, or nothing at all. */
    private String apply(Claim claim) {
        ProfileSyncLog row = owned(claim);
        if (row == null) {
            return "skipped";
        }
        SyncType type = SyncType.fromValue(row.syncType);
        metrics.attempted(row.syncType);
        ProfileSnapshot profile = ProfileSnapshot.fromSyncData(row.syncData);
        CoachUserSync.Outcome outcome = users.apply(type, profile, row.syncId.toString());
        Instant now = clock.instant();
        Map<String, Object> delivery = Delivery.of(row.syncData);
        delivery.put(Delivery.ATTEMPTS, Delivery.number(delivery, Delivery.ATTEMPTS) + 1);
        delivery.remove(Delivery.NEXT_ATTEMPT_AT);
        delivery.put(Delivery.OUTCOME, outcome.value());
        row.syncData = Delivery.with(row.syncData, delivery);
        row.syncStatus = SyncStatus.COMPLETED.value();
        row.completedAt = LocalDateTime.ofInstant(now, ZoneOffset.UTC);
        row.userSourcedId = profile.coachId();
        row.errorMessage = null;
        metrics.succeeded(row.syncType, outcome.value());
        return row.syncType;
    }

    /** A failed attempt, in a transaction of its own: back to pending with a backed-off next time, or failed. */
    private void recordFailure(Claim claim, RuntimeException cause) {
        String message = describe(cause);
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                ProfileSyncLog row = owned(claim);
                if (row == null) {
                    return;
                }
                Instant now = clock.instant();
                Map<String, Object> delivery = Delivery.of(row.syncData);
                int attempts = Delivery.number(delivery, Delivery.ATTEMPTS) + 1;
                List<String> failedAt = new java.util.ArrayList<>(Delivery.failedAt(delivery));
                failedAt.add(Timestamps.format(now));
                delivery.put(Delivery.ATTEMPTS, attempts);
                delivery.put(Delivery.FAILED_AT, failedAt);
                delivery.put(Delivery.LAST_ERROR, message);
                delivery.remove(Delivery.OUTCOME);
                boolean final_ = attempts >= settings.worker().maxAttempts();
                if (final_) {
                    delivery.remove(Delivery.NEXT_ATTEMPT_AT);
                    row.syncStatus = SyncStatus.FAILED.value();
                } else {
                    delivery.put(Delivery.NEXT_ATTEMPT_AT, Timestamps.format(now.plus(backoff(attempts))));
                    row.syncStatus = SyncStatus.PENDING.value();
                }
                row.syncData = Delivery.with(row.syncData, delivery);
                row.errorMessage = message;
                metrics.failed(row.syncType, reason(cause), final_);
                LOG.infof(
                        "sync %s of profile %s failed (attempt %d of %d): %s",
                        row.syncId, row.profileId, attempts, settings.worker().maxAttempts(), message);
            });
        } catch (RuntimeException e) {
            // The row stays processing; the lease puts it back to pending later.
            LOG.errorf("could not record the failure of sync %s: %s", claim.syncId(), e.toString());
        }
    }

    /** The row, locked, if this worker's claim still holds it. */
    private ProfileSyncLog owned(Claim claim) {
        ProfileSyncLog row = rows.lock(claim.syncId());
        if (row == null
                || !SyncStatus.PROCESSING.value().equals(row.syncStatus)
                || Delivery.number(Delivery.of(row.syncData), Delivery.CLAIMS) != claim.claim()) {
            return null;
        }
        return row;
    }

    Duration backoff(int failedAttempts) {
        Duration initial = settings.worker().initialBackoff();
        Duration max = settings.worker().maxBackoff();
        Duration wait = initial.multipliedBy(1L << Math.min(20, Math.max(0, failedAttempts - 1)));
        return wait.compareTo(max) > 0 ? max : wait;
    }

    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SchoolNotFoundException) {
                return "school_not_found";
            }
            if (t instanceof SyncRejectedException rejected) {
                return rejected.reason();
            }
            if (t instanceof PersistenceException) {
                return "database";
            }
        }
        return "error";
    }

    /** What an admin reads in {@code error_message}: the root cause's own words, no stack trace. */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SchoolNotFoundException || t instanceof SyncRejectedException) {
                return t.getMessage();
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.length() > 2000 ? message.substring(0, 2000) : message;
    }
}
