package tsa.runtime.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How often the PostgreSQL server gauges are read ({@link PostgresServerGauges}) and how long one read may take. */
@ConfigMapping(prefix = "tsa.postgres.metrics")
public interface PostgresMetricsSettings {

    /** Between two reads of the server's figures; a scrape in between sees the last read. Also the scheduler's period. */
    @WithDefault("PT15S")
    Duration refreshInterval();

    /** The longest one read may run on the server before it is cancelled (the gauges then read NaN). */
    @WithDefault("PT2S")
    Duration queryTimeout();
}
