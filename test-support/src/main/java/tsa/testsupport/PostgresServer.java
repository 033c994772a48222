package tsa.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeSet;

/**
 * A real PostgreSQL 17 server (zonky's embedded binaries) with the database {@code coach_portal} and the roles of
 * production (model's V4__service_roles.sql): {@code tsa_migration}, which owns the database and runs the migrations,
 * and one login role per service ({@code tsa_admin_service}, ...), whose privileges the migrations grant. Each login
 * role's password is its name (throwaway, loopback only). {@code tsa} (password {@code tsa}) is a superuser for people
 * and for test fixtures that write what no service may.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String DATABASE = "coach_portal";
    public static final String USER = "tsa";
    public static final String PASSWORD = "tsa";
    /** Owns the schema objects: the migrations run as this role. */
    public static final String MIGRATION_ROLE = "tsa_migration";
    /** The role each service connects as, by service name (quarkus.application.name). */
    public static final Map<String, String> SERVICE_ROLES = Map.of(
            "admin-service", "tsa_admin_service",
            "coach-service", "tsa_coach_service",
            "parent-service", "tsa_parent_service",
            "sync-service", "tsa_sync_service");

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts a server on {@code port} (0 for a free one) with its files under {@code dir}. */
    public static PostgresServer start(int port, Path dir) {
        try {
            Files.createDirectories(dir);
            Path data = Files.createTempDirectory(dir, "data-");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setPort(port == 0 ? FreePorts.next() : port)
                    .setOverrideWorkingDirectory(dir.resolve("binaries").toFile())
                    .setDataDirectory(data)
                    .setCleanDataDirectory(true)
                    .start();
            PostgresServer server = new PostgresServer(postgres);
            server.createOwnerAndDatabase();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    private void createOwnerAndDatabase() {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + USER + " LOGIN SUPERUSER PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE ROLE " + MIGRATION_ROLE + " LOGIN PASSWORD '" + passwordOf(MIGRATION_ROLE) + "'");
            for (String role : new TreeSet<>(SERVICE_ROLES.values())) {
                s.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + passwordOf(role) + "'");
            }
            // The database's owner owns its public schema (PostgreSQL 15+), so the migrations may create objects there.
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + MIGRATION_ROLE);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the " + DATABASE + " database", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** The throwaway password of one of this server's login roles. */
    public String passwordOf(String role) {
        return USER.equals(role) ? PASSWORD : role;
    }

    /** The login role of a service ({@code admin-service}, ...). */
    public static String serviceRole(String service) {
        String role = SERVICE_ROLES.get(service);
        if (role == null) {
            throw new IllegalArgumentException(
                    "no database role for " + service + "; known: " + SERVICE_ROLES.keySet());
        }
        return role;
    }

    /** Creates an empty database of that name (owned by {@code tsa}) and returns its JDBC URL. */
    public String freshDatabase(String name) {
        return freshDatabase(name, USER);
    }

    /** Creates an empty database of that name owned by {@code owner} and returns its JDBC URL. */
    public String freshDatabase(String name, String owner) {
        try (Connection c = connect("postgres");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name + " OWNER " + owner);
            return jdbcUrl(name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    /** A connection as the superuser {@code tsa}. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, PASSWORD);
    }

    /** A connection as one of this server's login roles. */
    public Connection connectAs(String role, String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), role, passwordOf(role));
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
