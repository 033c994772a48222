package tsa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tsa.testsupport.DataStores;
import tsa.testsupport.PostgresServer;

/**
 * Least privilege for data (issue 26), on a real PostgreSQL server: the migrations run as {@code tsa_migration}, the
 * owner of the schema, and each service's role ({@code V4__service_roles.sql}) holds exactly the DML its code runs,
 * table by table. A grant added or lost fails {@link #eachServiceRoleHoldsExactlyItsPrivileges}; the other tests
 * prove that PostgreSQL refuses what a role lacks (writes on other tables, DDL, another writer's {@code users} rows)
 * and allows what the services do.
 */
class ServiceRolesTest {

    private static final String DATABASE = "service_roles_test";
    private static final String ADMIN = "tsa_admin_service";
    private static final String COACH = "tsa_coach_service";
    private static final String PARENT = "tsa_parent_service";
    private static final String SYNC = "tsa_sync_service";
    private static final List<String> SERVICE_ROLES = List.of(ADMIN, COACH, PARENT, SYNC);
    /** PostgreSQL's SQLSTATE for a refused privilege or a row-level security violation. */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private static PostgresServer postgres;

    /**
     * What each role may do, per table (S, I, U, D); every other table of the schema, TRUNCATE, REFERENCES and
     * TRIGGER: nothing. A table added by a later migration gets its line here with its grants.
     */
    private static final Map<String, Map<String, String>> EXPECTED = Map.of(
            ADMIN, Map.of("users", "SIU", "schools", "S"),
            COACH, Map.of("schools", "S"),
            PARENT, Map.of("students", "SI", "student_school_associations", "SI", "schools", "S"),
            SYNC,
                    Map.of(
                            "users", "SIU",
                            "organizations", "SIU",
                            "profile_sync_log", "SIU",
                            "api_clients", "SIU",
                            "api_client_tokens", "SID",
                            "reconciliation_reports", "SIUD",
                            "schools", "SIUD",
                            "students", "SIUD",
                            "student_school_associations", "SIUD"));

    @BeforeAll
    static void migrateAsTheMigrationRole() throws SQLException {
        postgres = DataStores.shared().postgres();
        String url = postgres.freshDatabase(DATABASE, PostgresServer.MIGRATION_ROLE);
        Flyway.configure()
                .dataSource(url, PostgresServer.MIGRATION_ROLE, postgres.passwordOf(PostgresServer.MIGRATION_ROLE))
                .locations("classpath:db/migration")
                .load()
                .migrate();
        // One row of each kind, written by the owner (which row-level security does not bind).
        try (Connection c = postgres.connectAs(PostgresServer.MIGRATION_ROLE, DATABASE);
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO schools (school_id, state_organization_id, name_of_institution,"
                    + " local_education_agency_id) VALUES (101, 'TX-101', 'School', 9)");
            s.execute("INSERT INTO students (student_unique_id, student_usi, first_name, last_name)"
                    + " VALUES ('S-1', 1, 'Ann', 'Lee')");
            s.execute("INSERT INTO student_school_associations (student_unique_id, school_id, entry_date, school_year)"
                    + " VALUES ('S-1', 101, '2025-08-20', 2026)");
            s.execute("INSERT INTO organizations (sourced_id, name, type) VALUES ('9', 'LEA 9', 'district')");
            s.execute("INSERT INTO users (sourced_id, role, email) VALUES"
                    + " ('coach-1', 'teacher', 'coach@example.org'), ('admin-1', 'administrator', 'admin@example.org'),"
                    + " ('parent-1', 'parent', 'parent@example.org'), ('student-1', 'student', 'student@example.org')");
            s.execute("INSERT INTO profile_sync_log (profile_id, sync_type) VALUES ('coach-1', 'create')");
            s.execute("INSERT INTO api_clients (client_id, name, secret_hash, allowed_scopes)"
                    + " VALUES ('or-1', 'Client', 'hash', 'roster')");
            s.execute("INSERT INTO api_client_tokens (token_hash, client_id, scopes, expires_at)"
                    + " VALUES ('t-1', 'or-1', 'roster', now() + interval '1 hour')");
        }
    }

    @Test
    void eachServiceRoleHoldsExactlyItsPrivileges() throws SQLException {
        List<String> tables = tables();
        assertThat(tables)
                .as("every table a role is expected to use exists")
                .containsAll(EXPECTED.values().stream()
                        .flatMap(m -> m.keySet().stream())
                        .toList());
        Map<String, String> privileges =
                new LinkedHashMap<>(Map.of("S", "SELECT", "I", "INSERT", "U", "UPDATE", "D", "DELETE"));
        SoftAssertions soft = new SoftAssertions();
        try (Connection c = postgres.connect(DATABASE)) {
            for (String role : SERVICE_ROLES) {
                for (String table : tables) {
                    String expected = EXPECTED.get(role).getOrDefault(table, "");
                    for (Map.Entry<String, String> privilege : privileges.entrySet()) {
                        soft.assertThat(has(c, role, table, privilege.getValue()))
                                .as(role + " " + privilege.getValue() + " on " + table)
                                .isEqualTo(expected.contains(privilege.getKey()));
                    }
                    for (String never : List.of("TRUNCATE", "REFERENCES", "TRIGGER")) {
                        soft.assertThat(has(c, role, table, never))
                                .as(role + " " + never + " on " + table)
                                .isFalse();
                    }
                }
                soft.assertThat(has(c, role, "flyway_schema_history", "SELECT"))
                        .as(role + " reads Flyway's history")
                        .isFalse();
                soft.assertThat(query(c, "SELECT has_schema_privilege('" + role + "', 'public', 'CREATE')"))
                        .as(role + " creates objects in the schema")
                        .isEqualTo("f");
            }
            soft.assertThat(query(
                            c,
                            "SELECT string_agg(DISTINCT tableowner, ',') FROM pg_tables WHERE schemaname = 'public'"))
                    .as("the migration role owns every table")
                    .isEqualTo(PostgresServer.MIGRATION_ROLE);
        }
        soft.assertAll();
    }

    @Test
    void noServiceRoleRunsDdl() {
        for (String role : SERVICE_ROLES) {
            for (String ddl : List.of(
                    "CREATE TABLE intruder (id int)",
                    "ALTER TABLE schools ADD COLUMN intruder int",
                    "DROP TABLE profile_sync_log",
                    "CREATE INDEX intruder ON users (phone)",
                    "TRUNCATE student_school_associations",
                    "DROP TRIGGER trg_schools_etag ON schools",
                    "ALTER TABLE users DISABLE ROW LEVEL SECURITY",
                    "CREATE SCHEMA intruder")) {
                assertDenied(role, ddl);
            }
        }
    }

    @Test
    void writesOnTablesAServiceNeverWritesAreRefused() {
        Map<String, List<String>> forbidden = new TreeMap<>();
        forbidden.put(
                ADMIN,
                List.of(
                        "UPDATE schools SET name_of_institution = 'x'",
                        "INSERT INTO organizations (sourced_id, name, type) VALUES ('x', 'x', 'school')",
                        "DELETE FROM users WHERE sourced_id = 'parent-1'",
                        "SELECT * FROM students",
                        "UPDATE profile_sync_log SET sync_status = 'failed'",
                        "SELECT * FROM api_clients"));
        forbidden.put(
                COACH,
                List.of(
                        "INSERT INTO schools (school_id, state_organization_id, name_of_institution)"
                                + " VALUES (9, 'x', 'x')",
                        "UPDATE schools SET name_of_institution = 'x'",
                        "SELECT * FROM users",
                        "INSERT INTO students (student_unique_id, student_usi, first_name, last_name)"
                                + " VALUES ('x', 9, 'x', 'x')"));
        forbidden.put(
                PARENT,
                List.of(
                        "UPDATE students SET first_name = 'x'",
                        "DELETE FROM students",
                        "DELETE FROM student_school_associations",
                        "UPDATE student_school_associations SET exit_withdraw_date = '2026-05-29'",
                        "UPDATE schools SET name_of_institution = 'x'",
                        "SELECT * FROM users",
                        "INSERT INTO users (sourced_id, role) VALUES ('x', 'parent')",
                        // The mode the activation once took: it blocks inserts, so it needs UPDATE or DELETE.
                        "LOCK TABLE students IN SHARE ROW EXCLUSIVE MODE"));
        forbidden.put(
                SYNC,
                List.of(
                        "DELETE FROM users WHERE sourced_id = 'coach-1'",
                        "DELETE FROM organizations WHERE sourced_id = '9'",
                        "DELETE FROM profile_sync_log",
                        "DELETE FROM api_clients",
                        "UPDATE api_client_tokens SET scopes = 'all'",
                        "SELECT * FROM flyway_schema_history"));
        forbidden.forEach((role, statements) -> statements.forEach(sql -> assertDenied(role, sql)));
    }

    @Test
    void eachServiceCanRunTheStatementsItsCodeRuns() throws SQLException {
        allowed(
                ADMIN,
                "SELECT count(*) FROM users WHERE email = 'parent@example.org'",
                "INSERT INTO users (sourced_id, status, username, enabled_user, role, email) VALUES ('admin-2', 'active',"
                        + " 'admin2@example.org', true, 'administrator', 'admin2@example.org') ON CONFLICT DO NOTHING",
                "INSERT INTO users (sourced_id, role, email) SELECT 'parent-2', 'parent', 'p2@example.org'"
                        + " WHERE NOT EXISTS (SELECT 1 FROM users WHERE email = 'p2@example.org')",
                "SELECT * FROM users WHERE sourced_id = 'parent-1' FOR UPDATE",
                "UPDATE users SET enabled_user = false WHERE sourced_id = 'parent-1'",
                "UPDATE users SET status = 'tobedeleted' WHERE sourced_id = 'admin-1'",
                "SELECT 1 FROM pg_advisory_xact_lock(hashtextextended('users.administrator:a', 0))",
                "SELECT * FROM schools WHERE school_id = 101");
        allowed(COACH, "SELECT * FROM schools WHERE school_id = 101");
        allowed(
                PARENT,
                "SELECT 1 FROM pg_advisory_xact_lock(hashtext('" + Student.USI_LOCK + "'))",
                "SELECT coalesce(max(student_usi), 0) FROM students",
                "INSERT INTO students (student_unique_id, student_usi, first_name, last_name) VALUES ('S-2', 2, 'B', 'C')",
                "SELECT * FROM schools WHERE school_id = 101",
                "INSERT INTO student_school_associations (student_unique_id, school_id, entry_date, school_year)"
                        + " VALUES ('S-2', 101, '2025-08-20', 2026)",
                "SELECT count(*) FROM student_school_associations WHERE student_unique_id = 'S-2'");
        allowed(
                SYNC,
                "SELECT 1 FROM pg_advisory_xact_lock(hashtext('tsa-sync:profile:coach-2'))",
                "INSERT INTO users (sourced_id, role, email, org_ids) VALUES ('coach-2', 'teacher', 'c2@example.org',"
                        + " '[\"101\"]')",
                "UPDATE users SET given_name = 'Casey', enabled_user = false WHERE sourced_id = 'coach-1'",
                "SELECT * FROM users WHERE role = 'administrator'",
                "INSERT INTO organizations (sourced_id, name, type, parent_id) VALUES ('101', 'School', 'school', '9')",
                "UPDATE organizations SET status = 'tobedeleted' WHERE sourced_id = '101'",
                "INSERT INTO profile_sync_log (profile_id, sync_type) VALUES ('coach-2', 'create')",
                "UPDATE profile_sync_log SET sync_status = 'processing' WHERE sync_id IN (SELECT sync_id FROM"
                        + " profile_sync_log WHERE sync_status = 'pending' FOR UPDATE SKIP LOCKED)",
                "INSERT INTO api_clients (client_id, name, secret_hash, allowed_scopes) VALUES ('or-2', 'C', 'h', 'r')",
                "UPDATE api_clients SET enabled = false WHERE client_id = 'or-1'",
                "INSERT INTO api_client_tokens (token_hash, client_id, scopes, expires_at)"
                        + " VALUES ('t-2', 'or-2', 'r', now())",
                "DELETE FROM api_client_tokens WHERE client_id = 'or-1'",
                "INSERT INTO schools (school_id, state_organization_id, name_of_institution) VALUES (102, '102', 'New')",
                "UPDATE schools SET web_site = 'https://school.example.org' WHERE school_id = 101",
                "INSERT INTO students (student_unique_id, student_usi, first_name, last_name) VALUES ('S-3', 3, 'D', 'E')",
                "UPDATE students SET middle_name = 'M' WHERE student_unique_id = 'S-1'",
                "INSERT INTO student_school_associations (student_unique_id, school_id, entry_date, school_year)"
                        + " VALUES ('S-3', 102, '2025-08-20', 2026)",
                "UPDATE student_school_associations SET exit_withdraw_date = '2026-05-29' WHERE school_id = 102",
                "DELETE FROM student_school_associations WHERE student_unique_id = 'S-3'",
                "DELETE FROM students WHERE student_unique_id = 'S-3'",
                "DELETE FROM schools WHERE school_id = 102");
    }

    @Test
    void onlySyncServiceWritesCoachRowsAndOnlyAdminServiceWritesAdministratorAndParentRows() throws SQLException {
        // Inserts that break the policy are refused outright.
        assertDenied(
                ADMIN, "INSERT INTO users (sourced_id, role, email) VALUES ('coach-9', 'teacher', 'c9@example.org')");
        assertDenied(ADMIN, "INSERT INTO users (sourced_id, role) VALUES ('student-9', 'student')");
        assertDenied(ADMIN, "UPDATE users SET role = 'teacher' WHERE sourced_id = 'parent-1'");
        assertDenied(SYNC, "INSERT INTO users (sourced_id, role) VALUES ('admin-9', 'administrator')");
        assertDenied(SYNC, "INSERT INTO users (sourced_id, role) VALUES ('parent-9', 'parent')");
        assertDenied(SYNC, "UPDATE users SET role = 'administrator' WHERE sourced_id = 'coach-1'");
        // Updates of another writer's rows find nothing to change, and the rows stay as they were.
        assertThat(updated(ADMIN, "UPDATE users SET enabled_user = false WHERE sourced_id = 'coach-1'"))
                .isZero();
        assertThat(updated(ADMIN, "UPDATE users SET enabled_user = false WHERE role = 'student'"))
                .isZero();
        assertThat(updated(SYNC, "UPDATE users SET enabled_user = false WHERE sourced_id IN ('admin-1', 'parent-1')"))
                .isZero();
        try (Connection c = postgres.connect(DATABASE)) {
            assertThat(query(c, "SELECT string_agg(sourced_id, ',' ORDER BY sourced_id) FROM users WHERE enabled_user"))
                    .isEqualTo("admin-1,coach-1,parent-1,student-1");
        }
        // Both still read every row (sign-in checks coach rows; the OneRoster API serves all of them).
        for (String role : List.of(ADMIN, SYNC)) {
            try (Connection c = postgres.connectAs(role, DATABASE)) {
                assertThat(query(c, "SELECT count(*) FROM users")).as(role).isEqualTo("4");
            }
        }
    }

    /** In production each service logs in as a user of its own that is a member of the role: the same rules hold. */
    @Test
    void aLoginUserThatIsAMemberOfAServiceRoleHasExactlyThatRolesPrivileges() throws SQLException {
        String login = "coach_service_login_test";
        try (Connection c = postgres.connect(DATABASE);
                Statement s = c.createStatement()) {
            s.execute("DROP ROLE IF EXISTS " + login);
            s.execute("CREATE ROLE " + login + " LOGIN PASSWORD '" + login + "' IN ROLE " + COACH);
        }
        try (Connection c = postgres.connectAs(login, DATABASE)) {
            assertThat(query(c, "SELECT name_of_institution FROM schools WHERE school_id = 101"))
                    .isEqualTo("School");
            assertThatThrownBy(() -> query(c, "SELECT count(*) FROM users"))
                    .isInstanceOfSatisfying(
                            SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
        }
    }

    private static void assertDenied(String role, String sql) {
        assertThatThrownBy(() -> {
                    try (Connection c = postgres.connectAs(role, DATABASE);
                            Statement s = c.createStatement()) {
                        c.setAutoCommit(false);
                        try {
                            s.execute(sql);
                        } finally {
                            c.rollback();
                        }
                    }
                })
                .as(role + ": " + sql)
                .isInstanceOfSatisfying(
                        SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo(INSUFFICIENT_PRIVILEGE));
    }

    /** Runs the statements as {@code role} in one transaction, which is rolled back; any refusal fails the test. */
    private static void allowed(String role, String... statements) throws SQLException {
        try (Connection c = postgres.connectAs(role, DATABASE);
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                for (String sql : statements) {
                    try {
                        s.execute(sql);
                    } catch (SQLException e) {
                        throw new AssertionError(role + " may run: " + sql + " (" + e.getMessage() + ")", e);
                    }
                }
            } finally {
                c.rollback();
            }
        }
    }

    private static int updated(String role, String sql) throws SQLException {
        try (Connection c = postgres.connectAs(role, DATABASE);
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            try {
                return s.executeUpdate(sql);
            } finally {
                c.rollback();
            }
        }
    }

    private static List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = postgres.connect(DATABASE);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                        + " AND tablename <> 'flyway_schema_history' ORDER BY tablename")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        assertThat(Set.copyOf(tables)).hasSizeGreaterThanOrEqualTo(8);
        return tables;
    }

    private static boolean has(Connection c, String role, String table, String privilege) throws SQLException {
        return "t".equals(query(c, "SELECT has_table_privilege('" + role + "', '" + table + "', '" + privilege + "')"));
    }

    private static String query(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getString(1);
        }
    }
}
