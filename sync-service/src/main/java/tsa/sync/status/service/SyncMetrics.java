package tsa.sync.status.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * sync-service's Micrometer meters (seed, "Monitoring &amp; Metrics": sync success rates and consistency):
 * {@code tsa_sync_attempts_total}, {@code tsa_sync_successes_total}, {@code tsa_sync_failures_total} (by sync type
 * and reason, and whether the row is now {@code failed} for good), the pending backlog and the age of the oldest
 * pending change (refreshed by the worker's poll), the latest reconciliation's drift counts by kind, and the parts
 * it could not check.
 */
@ApplicationScoped
public class SyncMetrics {

    private final MeterRegistry registry;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong lagMillis = new AtomicLong();
    private static final long UNKNOWN = -1;

    private final Map<String, AtomicLong> drift = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> unchecked = new ConcurrentHashMap<>();

    @Inject
    public SyncMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("tsa.sync.pending.backlog", backlog, AtomicLong::get)
                .description("profile_sync_log rows pending or processing")
                .register(registry);
        Gauge.builder("tsa.sync.lag.seconds", lagMillis, l -> l.get() / 1000.0)
                .description("age of the oldest pending profile change")
                .register(registry);
    }

    public void attempted(String syncType) {
        Counter.builder("tsa.sync.attempts")
                .tag("sync_type", syncType)
                .description("profile sync attempts")
                .register(registry)
                .increment();
    }

    public void succeeded(String syncType, String outcome) {
        Counter.builder("tsa.sync.successes")
                .tag("sync_type", syncType)
                .tag("outcome", outcome)
                .description("profile sync attempts that completed")
                .register(registry)
                .increment();
    }

    public void failed(String syncType, String reason, boolean final_) {
        Counter.builder("tsa.sync.failures")
                .tag("sync_type", syncType)
                .tag("reason", reason)
                .tag("final", Boolean.toString(final_))
                .description("profile sync attempts that failed")
                .register(registry)
                .increment();
    }

    public void backlog(long rows, long oldestAgeMillis) {
        backlog.set(rows);
        lagMillis.set(oldestAgeMillis);
    }

    /** The latest reconciliation's discrepancy count of one kind. */
    public void drift(String kind, long count) {
        driftOf(kind).set(count);
    }

    /** The latest reconciliation could not check for this kind: its drift reads NaN rather than a reassuring 0. */
    public void driftUnknown(String kind) {
        driftOf(kind).set(UNKNOWN);
    }

    /**
     * Whether the latest reconciliation had to leave a part unchecked ({@code tsa_sync_reconciliation_unchecked}, 1
     * or 0, by part): a consistency check that silently shrinks would otherwise look like a clean one.
     */
    public void unchecked(String part, boolean unchecked) {
        this.unchecked
                .computeIfAbsent(part, p -> {
                    AtomicLong value = new AtomicLong();
                    Gauge.builder("tsa.sync.reconciliation.unchecked", value, AtomicLong::get)
                            .tag("part", p)
                            .description("1 when the latest reconciliation could not check this part")
                            .register(registry);
                    return value;
                })
                .set(unchecked ? 1 : 0);
    }

    private AtomicLong driftOf(String kind) {
        return drift.computeIfAbsent(kind, k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("tsa.sync.reconciliation.drift", value, v -> v.get() == UNKNOWN ? Double.NaN : v.get())
                    .tag("kind", k)
                    .description("discrepancies of this kind found by the latest reconciliation")
                    .register(registry);
            return value;
        });
    }
}
