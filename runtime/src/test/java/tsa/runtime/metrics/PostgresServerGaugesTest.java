package tsa.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import tsa.testsupport.DataStores;
import tsa.testsupport.FreePorts;
import tsa.testsupport.PostgresServer;

/** The server read behind the PostgreSQL gauges, against a real (embedded) PostgreSQL server and a dead address. */
class PostgresServerGaugesTest {

    private static PGSimpleDataSource dataSource(String url, String user, String password) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        dataSource.setConnectTimeout(2);
        return dataSource;
    }

    @Test
    void readsTheServersMaxConnectionsOpenConnectionsDatabaseSizeAndNoReplicationLagWithoutAReplica()
            throws SQLException {
        PostgresServer server = DataStores.shared().postgres();
        long maxConnections;
        try (Connection c = server.connect(PostgresServer.DATABASE);
                ResultSet r = c.createStatement().executeQuery("SHOW max_connections")) {
            r.next();
            maxConnections = Long.parseLong(r.getString(1));

            PostgresServerGauges.Reading reading =
                    PostgresServerGauges.read(dataSource(server.jdbcUrl(), server.username(), server.password()), 2);

            assertThat(reading.maxConnections()).isEqualTo(maxConnections);
            assertThat(reading.connections())
                    .as("this test's own connection and the read's")
                    .isGreaterThanOrEqualTo(2)
                    .isLessThanOrEqualTo(maxConnections);
            assertThat(reading.databaseSizeBytes()).isGreaterThan(1_000_000);
            assertThat(reading.replicas()).isZero();
            assertThat(reading.replicationLagSeconds()).isZero();
        }
    }

    @Test
    void aReadThatFailsGivesNaNInsteadOfAnError() {
        int nothingListens = FreePorts.next();
        PostgresServerGauges.Reading reading = PostgresServerGauges.read(
                dataSource("jdbc:postgresql://127.0.0.1:" + nothingListens + "/coach_portal", "tsa", "tsa"), 1);

        assertThat(reading).isSameAs(PostgresServerGauges.Reading.UNKNOWN);
        assertThat(reading.maxConnections()).isNaN();
        assertThat(reading.replicationLagSeconds()).isNaN();
    }
}
