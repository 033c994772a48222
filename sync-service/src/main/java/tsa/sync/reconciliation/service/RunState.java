package tsa.sync.reconciliation.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import tsa.sync.reconciliation.service.ReconciliationReport.Content;
import tsa.sync.reconciliation.service.ReconciliationReport.UncheckedPart;

/**
 * One run while it works: what it has counted and found so far, and its heartbeat. {@link #beat()} is called after
 * every step (a page read, a discrepancy handled) and records the progress at most every {@code heartbeatEvery}; when
 * the run's row is no longer {@code running} (it was declared abandoned meanwhile) the run stops with
 * {@link Abandoned}. Used by the run's own thread only.
 */
final class RunState {

    final String id;
    final boolean repair;
    final Findings findings;

    int profiles;
    int users;
    int schools;
    /** Null until the enrollment part has begun. */
    Integer enrollments;

    final List<UncheckedPart> unchecked = new ArrayList<>();

    private final Clock clock;
    private final Duration heartbeatEvery;
    private final Predicate<Content> heartbeat;
    private Instant lastBeat;

    RunState(
            String id,
            boolean repair,
            int maxListedPerKind,
            Clock clock,
            Duration heartbeatEvery,
            Predicate<Content> heartbeat) {
        this.id = id;
        this.repair = repair;
        this.findings = new Findings(maxListedPerKind);
        this.clock = clock;
        this.heartbeatEvery = heartbeatEvery;
        this.heartbeat = heartbeat;
        this.lastBeat = clock.instant();
    }

    /** Records the heartbeat and progress if it is due; throws {@link Abandoned} when the run is no longer running. */
    void beat() {
        Instant now = clock.instant();
        if (Duration.between(lastBeat, now).compareTo(heartbeatEvery) < 0) {
            return;
        }
        if (!heartbeat.test(content())) {
            throw new Abandoned(id);
        }
        lastBeat = now;
    }

    Content content() {
        return new Content(
                profiles,
                users,
                schools,
                enrollments,
                unchecked.isEmpty() ? null : List.copyOf(unchecked),
                findings.summary(),
                findings.listed(),
                findings.truncated());
    }

    /** The run's row was declared abandoned (its heartbeat was late): another run may have started; stop. */
    static final class Abandoned extends RuntimeException {
        Abandoned(String id) {
            super("reconciliation " + id + " was declared abandoned while it ran; it stopped", null, false, false);
        }
    }
}
