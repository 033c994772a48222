package tsa.sync.reconciliation.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * One reconciliation at work at a time across every replica: a PostgreSQL session advisory lock, held on a connection
 * of its own for the run and released with it (also when the replica dies, since the session ends). The
 * {@code running} row of {@code reconciliation_reports} says which run that is; the lock also keeps a run that was
 * declared abandoned while its replica still worked on it from overlapping the next one. The run's session-scoped
 * working tables ({@link SeenProfiles}) live on the same connection.
 */
final class ReconciliationLock implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReconciliationLock.class);
    private static final String KEY = "tsa-sync:reconciliation";

    private final Connection connection;

    private ReconciliationLock(Connection connection) {
        this.connection = connection;
    }

    /** The lock's own connection (autocommit), for the run's session-scoped tables. */
    Connection connection() {
        return connection;
    }

    /** The lock, or null when another reconciliation holds it. */
    static ReconciliationLock tryAcquire(DataSource dataSource) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
            s.setString(1, KEY);
            try (ResultSet r = s.executeQuery()) {
                if (r.next() && r.getBoolean(1)) {
                    return new ReconciliationLock(connection);
                }
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        connection.close();
        return null;
    }

    @Override
    public void close() {
        try (connection;
                PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(hashtext(?))")) {
            s.setString(1, KEY);
            s.execute();
        } catch (SQLException e) {
            LOG.warnf("could not release the reconciliation lock: %s", e.toString());
        }
    }
}
