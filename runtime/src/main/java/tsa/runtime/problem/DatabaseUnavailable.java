package tsa.runtime.problem;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Tells PostgreSQL being away (restarted, failed over, unreachable, or no pooled connection within the acquisition
 * timeout) from any other database error, by the SQL states of the exception's causes: class {@code 08} (connection
 * exception), {@code 57P01}-{@code 57P03} (the server is shutting down, crashed or not yet accepting connections), and
 * the pool's acquisition timeout. Such a request is a 503 with {@code Retry-After}; any other is a fault (500).
 */
public final class DatabaseUnavailable {

    private DatabaseUnavailable() {}

    public static boolean causes(Throwable e) {
        return first(e) != null;
    }

    /** The SQL state and class of the cause, never its message (it may quote the statement's values). */
    public static String describe(Throwable e) {
        SQLException cause = first(e);
        return cause == null ? "none" : cause.getClass().getSimpleName() + ", SQL state " + cause.getSQLState();
    }

    private static SQLException first(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof SQLException sql && unavailable(sql)) {
                return sql;
            }
            if (t instanceof SQLException sql
                    && sql.getNextException() != null
                    && unavailable(sql.getNextException())) {
                return sql.getNextException();
            }
        }
        return null;
    }

    private static boolean unavailable(SQLException e) {
        if (e instanceof SQLTransientConnectionException || e instanceof SQLNonTransientConnectionException) {
            return true;
        }
        String state = e.getSQLState();
        if (state != null
                && (state.startsWith("08")
                        || state.equals("57P01")
                        || state.equals("57P02")
                        || state.equals("57P03"))) {
            return true;
        }
        // Agroal's answer when no connection could be had within quarkus.datasource.jdbc.acquisition-timeout.
        String message = e.getMessage();
        return state == null && message != null && message.contains("acquisition timeout");
    }
}
