package tsa.runtime.metrics;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The PostgreSQL server's own figures beside the pool's (seed, "Monitoring &amp; Metrics": connection pool, query
 * performance, disk usage; alerts "PostgreSQL connections &gt; 80% of max" and "database lag &gt; 500 ms"):
 * {@code tsa_postgres_connections_max} ({@code max_connections}), {@code tsa_postgres_connections} (client
 * connections open on the whole server: the backends of every database in {@code pg_stat_database}, which a service
 * role may read whole, where {@code pg_stat_activity} hides other roles' sessions), {@code tsa_postgres_database_size_bytes}
 * ({@code pg_database_size} of the service's database), {@code tsa_postgres_replicas} and
 * {@code tsa_postgres_replication_lag_seconds} (on a primary, the largest {@code replay_lag} in
 * {@code pg_stat_replication}, 0 without a streaming replica; on a replica, the age of the last replayed
 * transaction). One statement reads them all, at start-up and then every {@code tsa.postgres.metrics.refresh-interval}
 * on the scheduler, never during a scrape; a read that fails or outlasts {@code query-timeout} leaves every gauge NaN
 * (Prometheus compares NaN with nothing, so no alert fires on a stale figure) and counts
 * {@code tsa_postgres_metrics_read_failures_total}.
 */
@ApplicationScoped
public class PostgresServerGauges {

    private static final Logger LOG = Logger.getLogger(PostgresServerGauges.class);

    static final String READ = """
        SELECT current_setting('max_connections')::bigint,
               (SELECT COALESCE(sum(numbackends), 0) FROM pg_stat_database),
               pg_database_size(current_database()),
               (SELECT count(*) FROM pg_stat_replication),
               CASE WHEN pg_is_in_recovery()
                    THEN COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
                    ELSE COALESCE((SELECT EXTRACT(EPOCH FROM max(replay_lag)) FROM pg_stat_replication), 0)
               END\
        """;

    /** One read of the server's figures; NaN where unknown. */
    public record Reading(
            double maxConnections,
            double connections,
            double databaseSizeBytes,
            double replicas,
            double replicationLagSeconds) {

        static final Reading UNKNOWN = new Reading(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    @Inject
    PostgresMetricsSettings settings;

    private volatile Reading last = Reading.UNKNOWN;
    private Counter failures;

    void onStart(@Observes StartupEvent event) {
        StatementTimings.bind(registry);
        gauge("tsa.postgres.connections.max", Reading::maxConnections, "PostgreSQL server's max_connections");
        gauge(
                "tsa.postgres.connections",
                Reading::connections,
                "connections open on the PostgreSQL server (pg_stat_database backends), all databases and clients");
        gauge(
                "tsa.postgres.database.size.bytes",
                Reading::databaseSizeBytes,
                "size of the service's PostgreSQL database on disk (pg_database_size)");
        gauge("tsa.postgres.replicas", Reading::replicas, "streaming replicas connected to this PostgreSQL server");
        gauge(
                "tsa.postgres.replication.lag.seconds",
                Reading::replicationLagSeconds,
                "largest replay lag of a streaming replica (0 without one); on a replica, age of the last replayed"
                        + " transaction");
        failures = Counter.builder("tsa.postgres.metrics.read.failures")
                .description("reads of the PostgreSQL server's figures that failed or timed out")
                .register(registry);
        refresh();
    }

    @Scheduled(
            every = "${tsa.postgres.metrics.refresh-interval:PT15S}",
            delayed = "${tsa.postgres.metrics.refresh-interval:PT15S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRefresh() {
        refresh();
    }

    /** Reads the server's figures now (the scheduler does this every refresh interval). */
    public Reading refresh() {
        Reading reading =
                read(dataSource, (int) Math.max(1, settings.queryTimeout().toSeconds()));
        if (reading == Reading.UNKNOWN && failures != null) {
            failures.increment();
        }
        last = reading;
        return reading;
    }

    /** The latest read. */
    public Reading last() {
        return last;
    }

    static Reading read(DataSource dataSource, int timeoutSeconds) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            try (ResultSet row = statement.executeQuery(READ)) {
                row.next();
                return new Reading(
                        row.getDouble(1), row.getDouble(2), row.getDouble(3), row.getDouble(4), row.getDouble(5));
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("could not read the PostgreSQL server's figures for the metrics: %s", e.toString());
            return Reading.UNKNOWN;
        }
    }

    private void gauge(String name, ToDoubleFunction<Reading> value, String description) {
        Gauge.builder(name, this, g -> value.applyAsDouble(g.last))
                .description(description)
                .register(registry);
    }
}
