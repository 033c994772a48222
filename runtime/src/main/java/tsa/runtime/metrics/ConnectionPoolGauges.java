package tsa.runtime.metrics;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * The PostgreSQL pool's configured maximum as a gauge ({@code tsa_datasource_connections_max}), beside Agroal's own
 * {@code agroal_active_count}: how full this pod's pool is. The seed's alert "PostgreSQL connections > 80% of max"
 * is about the server's limit instead ({@link PostgresServerGauges}).
 */
@ApplicationScoped
public class ConnectionPoolGauges {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    void onStart(@Observes StartupEvent event) {
        Gauge.builder(
                        "tsa.datasource.connections.max",
                        dataSource,
                        ds -> ds.getConfiguration()
                                .connectionPoolConfiguration()
                                .maxSize())
                .description("Configured maximum size of the PostgreSQL connection pool")
                .register(registry);
    }
}
