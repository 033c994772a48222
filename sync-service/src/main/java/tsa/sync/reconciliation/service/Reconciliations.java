package tsa.sync.reconciliation.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import tsa.runtime.audit.AdminAction;
import tsa.runtime.audit.AdminAuditTrail;
import tsa.runtime.client.RemoteFailure;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Caller;
import tsa.runtime.time.Timestamps;
import tsa.sync.config.SyncSettings;
import tsa.sync.reconciliation.service.ReconciliationReport.Content;
import tsa.sync.reconciliation.service.ReconciliationReport.Summary;
import tsa.sync.reconciliation.service.ReconciliationReport.UncheckedPart;
import tsa.sync.reconciliation.store.ReconciliationRecord;
import tsa.sync.reconciliation.store.ReconciliationRecords;
import tsa.sync.status.service.SyncMetrics;

/**
 * The automated consistency check between the two stores (seed, "Data Flow Patterns", {@link ConsistencyCheck}) as a
 * background job: hourly and on an admin's demand, one at a time across every replica. A run is a row of
 * {@code reconciliation_reports} from its start ({@code running}, at most one: the table's partial unique index), which
 * its worker thread heartbeats with its progress and finishes with its report, so every replica, also after a
 * restart, reads the same reports. A replica killed mid-run leaves its row {@code running}; once the heartbeat is older
 * than {@code stale-after} the next reader reports it failed (abandoned) and a new run may start. The PostgreSQL
 * advisory lock ({@link ReconciliationLock}) keeps two runs from ever working at once, even when a run that was only
 * slow was declared abandoned.
 * <p>
 * An admin's request while a run is running starts nothing: it answers with the running run (its id), recorded in
 * the audit trail as a request answered by that run.
 */
@ApplicationScoped
public class Reconciliations {

    private static final Logger LOG = Logger.getLogger(Reconciliations.class);
    private static final Set<DiscrepancyKind> ENROLLMENT_KINDS =
            Set.of(DiscrepancyKind.ENROLLMENT_WITHOUT_STUDENT, DiscrepancyKind.ENROLLMENT_WITHOUT_SCHOOL_ASSOCIATION);
    private static final String RESOURCE = "reconciliation";

    @Inject
    ConsistencyCheck check;

    @Inject
    ReconciliationRecords records;

    @Inject
    AdminAuditTrail audit;

    @Inject
    Caller caller;

    @Inject
    SyncMetrics metrics;

    @Inject
    SyncSettings settings;

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    private volatile ObjectMapper lenientJson;

    /** This replica's worker: one run at a time (the database allows one across replicas anyway). */
    private ExecutorService worker;

    @PostConstruct
    void startWorker() {
        worker = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "tsa-reconciliation");
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stopWorker() {
        // A run cut short here is reported abandoned once its heartbeat is stale.
        worker.shutdownNow();
    }

    /**
     * An admin's request: starts a run in the background (recorded in the audit trail first) and answers with its
     * report as it stands ({@code running}); when a run is already running, answers with that one and starts nothing.
     */
    public ReconciliationReport runRequested(boolean repair) {
        String admin = caller.email();
        Optional<ReconciliationRecord> running = currentlyRunning();
        if (running.isPresent()) {
            String runningId = running.get().reconciliationId;
            audit.recordBefore(new AdminAction(
                    AdminAction.CREATE,
                    RESOURCE,
                    runningId,
                    "asked for a reconciliation while " + runningId + " was running: answered with that one",
                    Map.of(),
                    Map.of("repair", repair, "alreadyRunning", true)));
            return report(running.get());
        }
        String id = UUID.randomUUID().toString();
        AdminAction action = new AdminAction(
                AdminAction.CREATE,
                RESOURCE,
                id,
                repair ? "run a reconciliation and repair what it finds" : "run a reconciliation (report only)",
                Map.of(),
                Map.of("repair", repair));
        try {
            return audit.audited(action, () -> {
                if (!begin(id, ReconciliationReport.MANUAL, repair, admin)) {
                    // Another replica started one between the look and the insert: this one was not made (the trail
                    // says so with a failure record), and the admin is answered with the one that runs.
                    ReconciliationRecord other = currentlyRunning()
                            .orElseThrow(() -> ProblemException.conflict(
                                    "a reconciliation started at the same moment; read the latest one"));
                    throw new AnsweredByRunning(report(other));
                }
                return find(id).orElseThrow();
            });
        } catch (AnsweredByRunning e) {
            return e.running;
        }
    }

    @Scheduled(
            identity = "sync-reconciliation",
            every = "${tsa.sync.reconciliation.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        String id = UUID.randomUUID().toString();
        try {
            // A run abandoned by a dead replica must not keep the hourly one from starting.
            abandonStale();
            if (!begin(
                    id,
                    ReconciliationReport.SCHEDULED,
                    settings.reconciliation().scheduledRepair(),
                    null)) {
                LOG.infof("scheduled reconciliation skipped: one is running");
            }
        } catch (RuntimeException e) {
            LOG.warnf("scheduled reconciliation did not start: %s", e.toString());
        }
    }

    /** The report of the run that started last (running, completed or failed). */
    public Optional<ReconciliationReport> latest() {
        abandonStale();
        return records.latest().map(this::report);
    }

    /** The report of the run that finished last, for sync health. */
    public Optional<ReconciliationReport> latestFinished() {
        abandonStale();
        return records.latestFinished().map(this::report);
    }

    public Optional<ReconciliationReport> find(String id) {
        abandonStale();
        return records.find(id).map(this::report);
    }

    /** Inserts the run as {@code running} and hands it to this replica's worker; false when another one runs. */
    private boolean begin(String id, String trigger, boolean repair, String requestedBy) {
        Instant now = clock.instant();
        if (!records.insertRunning(id, trigger, requestedBy, repair, now, body(empty()))) {
            return false;
        }
        try {
            worker.execute(() -> execute(id, trigger, repair));
        } catch (RejectedExecutionException e) {
            records.finish(id, ReconciliationReport.FAILED, "sync-service is stopping", clock.instant(), body(empty()));
            throw ProblemException.unavailable("sync-service is stopping; try again");
        }
        return true;
    }

    /** The running run, after declaring abandoned any whose heartbeat is stale. */
    private Optional<ReconciliationRecord> currentlyRunning() {
        abandonStale();
        return records.running();
    }

    private void abandonStale() {
        int abandoned =
                records.abandonStale(clock.instant(), settings.reconciliation().staleAfter());
        if (abandoned > 0) {
            LOG.warnf(
                    "%d reconciliation(s) reported failed: no heartbeat for %s",
                    abandoned, settings.reconciliation().staleAfter());
        }
    }

    /** The run, on the worker thread: under the lock, the check, then its report. */
    private void execute(String id, String trigger, boolean repair) {
        ManagedContext requestContext = Arc.container().requestContext();
        requestContext.activate();
        RunState run = new RunState(
                id,
                repair,
                settings.reconciliation().maxListedPerKind(),
                clock,
                settings.reconciliation().heartbeatEvery(),
                content -> records.heartbeat(id, clock.instant(), body(content)));
        try (ReconciliationLock lock = ReconciliationLock.tryAcquire(dataSource)) {
            if (lock == null) {
                finish(
                        run,
                        ReconciliationReport.FAILED,
                        "another reconciliation holds the reconciliation lock (still working on another replica)");
                return;
            }
            check.run(run, lock);
            finish(run, ReconciliationReport.COMPLETED, null);
            LOG.infof(
                    "%s reconciliation %s: %d discrepancies, %d repaired%s",
                    trigger,
                    id,
                    run.findings.summary().total(),
                    run.findings.summary().repaired(),
                    run.unchecked.isEmpty()
                            ? ""
                            : "; not checked: "
                                    + run.unchecked.stream()
                                            .map(UncheckedPart::part)
                                            .toList());
        } catch (RunState.Abandoned e) {
            LOG.warn(e.getMessage());
        } catch (RemoteFailure e) {
            LOG.warnf("reconciliation %s failed: %s", id, e.getMessage());
            finish(run, ReconciliationReport.FAILED, e.getMessage());
        } catch (SQLException | RuntimeException e) {
            LOG.errorf(e, "reconciliation %s failed", id);
            finish(run, ReconciliationReport.FAILED, "the reconciliation stopped: " + e.getMessage());
        } finally {
            try {
                records.prune(clock.instant().minus(settings.reconciliation().keepReportsFor()));
            } catch (RuntimeException e) {
                LOG.warnf("old reconciliation reports not pruned: %s", e.toString());
            }
            requestContext.terminate();
        }
    }

    private void finish(RunState run, String status, String error) {
        Content content = run.content();
        // The gauges first, so that whoever sees the finished report also sees its drift in the metrics.
        keepMetrics(content, run.findings);
        try {
            if (!records.finish(run.id, status, error, clock.instant(), body(content))) {
                LOG.warnf(
                        "reconciliation %s was declared abandoned before it finished; its report is not kept", run.id);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "the report of reconciliation %s could not be stored", run.id);
        }
    }

    private void keepMetrics(Content content, Findings findings) {
        boolean enrollmentsUnchecked = content.enrollmentsChecked() == null
                || content.unchecked() != null
                        && content.unchecked().stream()
                                .anyMatch(u -> u.part().equals(ReconciliationReport.ENROLLMENTS));
        for (DiscrepancyKind kind : DiscrepancyKind.values()) {
            if (enrollmentsUnchecked && ENROLLMENT_KINDS.contains(kind)) {
                // Not counted is not the same as none: the drift of an unchecked part is unknown.
                metrics.driftUnknown(kind.value());
            } else {
                metrics.drift(kind.value(), findings.count(kind));
            }
        }
        metrics.unchecked(ReconciliationReport.ENROLLMENTS, enrollmentsUnchecked);
    }

    /** Reads stored report bodies leniently: a count missing from an older or partial body reads as 0. */
    private ObjectMapper reportReader() {
        ObjectMapper reader = lenientJson;
        if (reader == null) {
            reader = json.copy().configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false);
            lenientJson = reader;
        }
        return reader;
    }

    private static Content empty() {
        return new Content(0, 0, 0, null, null, new Summary(0, 0, 0, 0, 0, 0, 0, 0), java.util.List.of(), false);
    }

    private Map<String, Object> body(Content content) {
        return json.convertValue(content, new TypeReference<Map<String, Object>>() {});
    }

    private ReconciliationReport report(ReconciliationRecord row) {
        Content content;
        try {
            content = reportReader().convertValue(row.report, Content.class);
        } catch (IllegalArgumentException unreadable) {
            // A report body this version can't read still has its row: show the run, without its counts.
            LOG.warnf("reconciliation %s: report body not readable: %s", row.reconciliationId, unreadable.getMessage());
            content = empty();
        }
        return new ReconciliationReport(
                row.reconciliationId,
                row.trigger,
                row.requestedBy,
                row.repair,
                row.status,
                row.errorMessage,
                Timestamps.format(row.startedAt.toInstant(ZoneOffset.UTC)),
                Timestamps.format(row.heartbeatAt.toInstant(ZoneOffset.UTC)),
                row.completedAt == null ? null : Timestamps.format(row.completedAt.toInstant(ZoneOffset.UTC)),
                content.profilesChecked(),
                content.usersChecked(),
                content.schoolsChecked(),
                content.enrollmentsChecked(),
                content.unchecked(),
                content.summary(),
                content.discrepancies(),
                content.discrepanciesTruncated());
    }

    /** A request answered by a run another replica started at the same moment. */
    private static final class AnsweredByRunning extends RuntimeException {
        private final transient ReconciliationReport running;

        AnsweredByRunning(ReconciliationReport running) {
            super("another reconciliation started first: " + running.reconciliationId(), null, false, false);
            this.running = running;
        }
    }
}
