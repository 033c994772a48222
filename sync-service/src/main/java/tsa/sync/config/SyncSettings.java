package tsa.sync.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How sync-service processes profile changes and runs its reconciliation. */
@ConfigMapping(prefix = "tsa.sync")
public interface SyncSettings {

    Worker worker();

    Reconciliation reconciliation();

    /** The worker that processes {@code profile_sync_log} rows off the request thread. */
    interface Worker {

        /** How often the worker looks for claimable rows (the scheduler reads the same property). */
        @WithDefault("PT1S")
        Duration pollInterval();

        /** Rows one worker claims at a time. */
        @WithDefault("20")
        int batchSize();

        /** Attempts per round before a row is {@code failed}; an admin's retry starts a fresh round. */
        @WithDefault("5")
        int maxAttempts();

        /** Wait before the second attempt; doubled for each further one, up to {@link #maxBackoff()}. */
        @WithDefault("PT2S")
        Duration initialBackoff();

        @WithDefault("PT5M")
        Duration maxBackoff();

        /** A row left {@code processing} longer than this (its worker died) is put back to {@code pending}. */
        @WithDefault("PT5M")
        Duration processingLease();
    }

    /**
     * The consistency check between profiles, {@code users}, {@code organizations}, active enrollments and their Ed-Fi
     * rows, and the operational copies.
     */
    interface Reconciliation {

        /** Period of the scheduled run ({@code 1h}); {@code off} switches it off (the scheduler reads it). */
        @WithDefault("1h")
        String every();

        /** Whether the scheduled run repairs what it finds (manual runs say it per request). */
        @WithDefault("true")
        boolean scheduledRepair();

        /** Page size of the lists read from other services: coach-service's profiles, parent-service's enrollments. */
        @WithDefault("100")
        int pageSize();

        /**
         * Rows read at a time from PostgreSQL (keyset pages of {@code users}, {@code organizations}, {@code students})
         * and keys read at a time from DynamoDB (batch reads of their operational copies, at most 100).
         */
        @WithDefault("100")
        int storePageSize();

        /** Discrepancies of each kind listed in one report (all are counted in its summary). */
        @WithDefault("100")
        int maxListedPerKind();

        /** How often a running reconciliation records its heartbeat and progress (at most). */
        @WithDefault("PT10S")
        Duration heartbeatEvery();

        /**
         * A run whose heartbeat is older than this is reported failed (abandoned: its replica died or stalled) and a
         * new run may start. Much longer than {@link #heartbeatEvery()} plus the slowest single step.
         */
        @WithDefault("PT5M")
        Duration staleAfter();

        /** Finished reports older than this are deleted after each run (the latest one is always kept). */
        @WithDefault("P90D")
        Duration keepReportsFor();
    }
}
