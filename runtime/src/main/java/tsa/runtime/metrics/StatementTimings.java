package tsa.runtime.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.concurrent.TimeUnit;
import org.hibernate.SessionEventListener;

/**
 * PostgreSQL statement timings (seed, "Monitoring &amp; Metrics": query performance): every JDBC statement and batch
 * that Hibernate executes, HQL and native alike, is timed into {@code tsa.db.statements} (Prometheus
 * {@code tsa_db_statements_seconds_count}, {@code _sum}, {@code _max}, by {@code kind=statement|batch}). Hibernate
 * makes one instance per session (named by {@code hibernate.session.events.auto}); the meters are bound by
 * {@link PostgresServerGauges} at start-up, and nothing is timed before that.
 */
@RegisterForReflection
public class StatementTimings implements SessionEventListener {

    private static volatile Timer statements;
    private static volatile Timer batches;

    private long statementStart;
    private long batchStart;

    static void bind(MeterRegistry registry) {
        statements = timer(registry, "statement");
        batches = timer(registry, "batch");
    }

    private static Timer timer(MeterRegistry registry, String kind) {
        return Timer.builder("tsa.db.statements")
                .tag("kind", kind)
                .description("PostgreSQL statements executed through Hibernate, and how long each took")
                .register(registry);
    }

    @Override
    public void jdbcExecuteStatementStart() {
        statementStart = System.nanoTime();
    }

    @Override
    public void jdbcExecuteStatementEnd() {
        record(statements, statementStart);
    }

    @Override
    public void jdbcExecuteBatchStart() {
        batchStart = System.nanoTime();
    }

    @Override
    public void jdbcExecuteBatchEnd() {
        record(batches, batchStart);
    }

    private static void record(Timer timer, long start) {
        if (timer != null && start != 0) {
            timer.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }
}
