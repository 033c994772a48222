package tsa.sync.reconciliation.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tsa.sync.log.service.ProfileSnapshot;

/**
 * The coach ids of the profiles a run has read, kept in a temporary table of the run's own database session (the
 * lock's connection) instead of in memory, so that the users without a profile are found by a keyset query over
 * {@code users} however many coaches there are. The table disappears with the session; it is emptied at the start of
 * each run and dropped at its end (the connection goes back to the pool).
 */
final class SeenProfiles implements AutoCloseable {

    private static final String TABLE = "pg_temp.reconciliation_seen_profiles";

    private final Connection connection;

    SeenProfiles(Connection connection) throws SQLException {
        this.connection = connection;
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE TEMP TABLE IF NOT EXISTS reconciliation_seen_profiles"
                    + " (coach_id VARCHAR(255) PRIMARY KEY, version BIGINT NOT NULL)");
            s.execute("TRUNCATE " + TABLE);
        }
    }

    /**
     * Records a page of profiles; returns the ids met for the first time or at a newer version than before (a profile
     * whose status changed while the lists were read is met twice), the ones to compare.
     */
    Set<String> record(Collection<ProfileSnapshot> profiles) throws SQLException {
        Set<String> fresh = new HashSet<>();
        if (profiles.isEmpty()) {
            return fresh;
        }
        StringBuilder sql = new StringBuilder("INSERT INTO " + TABLE + " (coach_id, version) VALUES ");
        List<ProfileSnapshot> rows = new ArrayList<>(profiles);
        for (int i = 0; i < rows.size(); i++) {
            sql.append(i == 0 ? "(?, ?)" : ", (?, ?)");
        }
        sql.append(" ON CONFLICT (coach_id) DO UPDATE SET version = EXCLUDED.version"
                + " WHERE reconciliation_seen_profiles.version < EXCLUDED.version RETURNING coach_id");
        try (PreparedStatement s = connection.prepareStatement(sql.toString())) {
            int p = 1;
            for (ProfileSnapshot profile : rows) {
                s.setString(p++, profile.coachId());
                s.setLong(p++, profile.version());
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    fresh.add(r.getString(1));
                }
            }
        }
        return fresh;
    }

    /** How many distinct profiles have been read. */
    int count() throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM " + TABLE)) {
            r.next();
            return r.getInt(1);
        }
    }

    /**
     * The next page of coach rows in {@code users}, by {@code sourced_id} after {@code after}, whose profile was not
     * read and which are not already marked deleted: the candidates for {@code user_without_profile}.
     */
    List<String> unseenCoachRows(String role, String deletedStatus, String after, int limit) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT u.sourced_id FROM users u"
                + " WHERE u.role = ? AND u.sourced_id > ? AND (u.status IS NULL OR u.status <> ?)"
                + " AND NOT EXISTS (SELECT 1 FROM " + TABLE + " p"
                + " WHERE p.coach_id = COALESCE(u.profile_id, u.sourced_id))"
                + " ORDER BY u.sourced_id LIMIT ?")) {
            s.setString(1, role);
            s.setString(2, after);
            s.setString(3, deletedStatus);
            s.setInt(4, limit);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
        }
        return ids;
    }

    @Override
    public void close() throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
        }
    }
}
