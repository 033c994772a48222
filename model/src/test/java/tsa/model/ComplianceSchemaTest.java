package tsa.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tsa.testsupport.DataStores;

/**
 * The Flyway migrations build the seed's PostgreSQL compliance schema exactly ("PostgreSQL Tables"), on a real
 * PostgreSQL server: tables, keys, indexes, the timestamp and _etag triggers, and entities that Hibernate validates
 * against it.
 */
class ComplianceSchemaTest {

    private static final LocalDateTime LONG_AGO = LocalDateTime.of(2000, 1, 1, 0, 0);

    private static String url;
    private static String username;
    private static String password;

    @BeforeAll
    static void migrate() {
        var postgres = DataStores.shared().postgres();
        url = postgres.freshDatabase("compliance_schema_test");
        username = postgres.username();
        password = postgres.password();
        MigrateResult result = Flyway.configure()
                .dataSource(url, username, password)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        assertThat(result.migrationsExecuted).isEqualTo(5);
    }

    @Test
    void everyIndexHasExactlyItsSpecifiedDefinition() throws SQLException {
        Map<String, String> expected = new LinkedHashMap<>();
        // Indexes the seed names.
        expected.put(
                "idx_schools_lea",
                "CREATE INDEX idx_schools_lea ON public.schools USING btree (local_education_agency_id)");
        expected.put(
                "idx_schools_state_org",
                "CREATE INDEX idx_schools_state_org ON public.schools USING btree (state_organization_id)");
        expected.put(
                "idx_schools_operational_status",
                "CREATE INDEX idx_schools_operational_status"
                        + " ON public.schools USING btree (operational_status_descriptor)");
        expected.put(
                "idx_students_birth_date",
                "CREATE INDEX idx_students_birth_date ON public.students USING btree (birth_date)");
        expected.put(
                "idx_students_ethnicity",
                "CREATE INDEX idx_students_ethnicity ON public.students USING btree (hispanic_latino_ethnicity)");
        expected.put(
                "idx_student_school_student",
                "CREATE INDEX idx_student_school_student"
                        + " ON public.student_school_associations USING btree (student_unique_id)");
        expected.put(
                "idx_student_school_year",
                "CREATE INDEX idx_student_school_year"
                        + " ON public.student_school_associations USING btree (school_year)");
        expected.put(
                "idx_student_school_active",
                "CREATE INDEX idx_student_school_active"
                        + " ON public.student_school_associations USING btree (school_id, school_year)"
                        + " WHERE (exit_withdraw_date IS NULL)");
        expected.put(
                "idx_organizations_type",
                "CREATE INDEX idx_organizations_type ON public.organizations USING btree (type)");
        expected.put(
                "idx_organizations_parent",
                "CREATE INDEX idx_organizations_parent ON public.organizations USING btree (parent_id)");
        expected.put(
                "idx_users_role_org",
                "CREATE INDEX idx_users_role_org ON public.users USING btree (role, ((org_ids ->> 0)))");
        expected.put("idx_users_email", "CREATE INDEX idx_users_email ON public.users USING btree (email)");
        expected.put(
                "idx_users_profile_id", "CREATE INDEX idx_users_profile_id ON public.users USING btree (profile_id)");
        // The two architecture.md allows on profile_sync_log.
        expected.put(
                "idx_profile_sync_log_status_created",
                "CREATE INDEX idx_profile_sync_log_status_created"
                        + " ON public.profile_sync_log USING btree (sync_status, created_at)");
        expected.put(
                "idx_profile_sync_log_profile",
                "CREATE INDEX idx_profile_sync_log_profile ON public.profile_sync_log USING btree (profile_id)");
        // Those behind the seed's PRIMARY KEY and UNIQUE constraints.
        expected.put("schools_pkey", "CREATE UNIQUE INDEX schools_pkey ON public.schools USING btree (school_id)");
        expected.put(
                "students_pkey",
                "CREATE UNIQUE INDEX students_pkey ON public.students USING btree (student_unique_id)");
        expected.put(
                "students_student_usi_key",
                "CREATE UNIQUE INDEX students_student_usi_key ON public.students USING btree (student_usi)");
        expected.put(
                "student_school_associations_pkey",
                "CREATE UNIQUE INDEX student_school_associations_pkey"
                        + " ON public.student_school_associations USING btree (student_unique_id, school_id, entry_date)");
        expected.put(
                "organizations_pkey",
                "CREATE UNIQUE INDEX organizations_pkey ON public.organizations USING btree (sourced_id)");
        expected.put("users_pkey", "CREATE UNIQUE INDEX users_pkey ON public.users USING btree (sourced_id)");
        expected.put(
                "users_username_key", "CREATE UNIQUE INDEX users_username_key ON public.users USING btree (username)");
        expected.put(
                "profile_sync_log_pkey",
                "CREATE UNIQUE INDEX profile_sync_log_pkey ON public.profile_sync_log USING btree (sync_id)");
        // Issue 23: the standards APIs' OAuth clients and their tokens.
        expected.put(
                "api_clients_pkey",
                "CREATE UNIQUE INDEX api_clients_pkey ON public.api_clients USING btree (client_id)");
        expected.put(
                "api_client_tokens_pkey",
                "CREATE UNIQUE INDEX api_client_tokens_pkey ON public.api_client_tokens USING btree (token_hash)");
        expected.put(
                "idx_api_client_tokens_client",
                "CREATE INDEX idx_api_client_tokens_client ON public.api_client_tokens USING btree (client_id)");
        // Issue 26: the reconciliation's reports, at most one of them running.
        expected.put(
                "reconciliation_reports_pkey",
                "CREATE UNIQUE INDEX reconciliation_reports_pkey"
                        + " ON public.reconciliation_reports USING btree (reconciliation_id)");
        expected.put(
                "idx_reconciliation_reports_run_number",
                "CREATE UNIQUE INDEX idx_reconciliation_reports_run_number"
                        + " ON public.reconciliation_reports USING btree (run_number)");
        expected.put(
                "idx_reconciliation_reports_one_running",
                "CREATE UNIQUE INDEX idx_reconciliation_reports_one_running"
                        + " ON public.reconciliation_reports USING btree (status)"
                        + " WHERE ((status)::text = 'running'::text)");

        Map<String, String> actual = new LinkedHashMap<>();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT indexname, indexdef FROM pg_indexes"
                        + " WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history'")) {
            while (rs.next()) {
                actual.put(rs.getString(1), rs.getString(2));
            }
        }

        assertThat(actual).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void tablesHaveTheSeedsColumnsTypesDefaultsAndNotNulls() throws SQLException {
        String ts = "timestamp without time zone";
        String now = " DEFAULT CURRENT_TIMESTAMP";
        String emptyArray = " DEFAULT '[]'::jsonb";
        String active = " DEFAULT 'active'::character varying";
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put(
                "schools",
                List.of(
                        "school_id integer NOT NULL",
                        "state_organization_id character varying(60) NOT NULL",
                        "name_of_institution character varying(255) NOT NULL",
                        "short_name_of_institution character varying(100)",
                        "web_site character varying(255)",
                        "operational_status_descriptor character varying(50)",
                        "type_descriptor character varying(50)",
                        "charter_status_descriptor character varying(50)",
                        "local_education_agency_id integer",
                        "addresses jsonb" + emptyArray,
                        "telephones jsonb" + emptyArray,
                        "school_categories jsonb" + emptyArray,
                        "grade_levels jsonb" + emptyArray,
                        "_etag character varying(50)",
                        "_last_modified_date " + ts + now,
                        "created_at " + ts + now,
                        "updated_at " + ts + now));
        expected.put(
                "students",
                List.of(
                        "student_unique_id character varying(50) NOT NULL",
                        "student_usi integer NOT NULL",
                        "first_name character varying(100) NOT NULL",
                        "last_name character varying(100) NOT NULL",
                        "middle_name character varying(100)",
                        "generation_code_suffix character varying(10)",
                        "birth_date date",
                        "birth_city character varying(100)",
                        "birth_state_abbreviation_descriptor character varying(50)",
                        "hispanic_latino_ethnicity boolean",
                        "races jsonb" + emptyArray,
                        "_etag character varying(50)",
                        "_last_modified_date " + ts + now,
                        "created_at " + ts + now,
                        "updated_at " + ts + now));
        expected.put(
                "student_school_associations",
                List.of(
                        "student_unique_id character varying(50) NOT NULL",
                        "school_id integer NOT NULL",
                        "entry_date date NOT NULL",
                        "entry_grade_level_descriptor character varying(50)",
                        "entry_type_descriptor character varying(50)",
                        "repeat_grade_indicator boolean",
                        "exit_withdraw_date date",
                        "exit_withdraw_type_descriptor character varying(50)",
                        "class_of_school_year integer",
                        "school_year integer NOT NULL",
                        "_etag character varying(50)",
                        "_last_modified_date " + ts + now,
                        "created_at " + ts + now,
                        "updated_at " + ts + now));
        expected.put(
                "organizations",
                List.of(
                        "sourced_id character varying(255) NOT NULL",
                        "status character varying(20)" + active,
                        "date_last_modified " + ts + now,
                        "metadata jsonb",
                        "name character varying(255) NOT NULL",
                        "type character varying(50) NOT NULL",
                        "identifier character varying(255)",
                        "parent_id character varying(255)"));
        expected.put(
                "users",
                List.of(
                        "sourced_id character varying(255) NOT NULL",
                        "status character varying(20)" + active,
                        "date_last_modified " + ts + now,
                        "metadata jsonb",
                        "username character varying(255)",
                        "enabled_user boolean DEFAULT true",
                        "given_name character varying(255)",
                        "family_name character varying(255)",
                        "middle_name character varying(255)",
                        "role character varying(50) NOT NULL",
                        "email character varying(255)",
                        "phone character varying(20)",
                        "org_ids jsonb",
                        "grades jsonb",
                        "profile_id character varying(255)",
                        "created_at " + ts + now,
                        "updated_at " + ts + now));
        expected.put(
                "profile_sync_log",
                List.of(
                        "sync_id uuid NOT NULL DEFAULT uuid_generate_v4()",
                        "profile_id character varying(255) NOT NULL",
                        "user_sourced_id character varying(255)",
                        "sync_type character varying(50) NOT NULL",
                        "sync_status character varying(20) DEFAULT 'pending'::character varying",
                        "sync_data jsonb",
                        "error_message text",
                        "created_at " + ts + now,
                        "completed_at " + ts));
        expected.put(
                "api_clients",
                List.of(
                        "client_id character varying(64) NOT NULL",
                        "name character varying(255) NOT NULL",
                        "secret_hash character varying(255) NOT NULL",
                        "allowed_scopes text NOT NULL",
                        "enabled boolean NOT NULL DEFAULT true",
                        "created_by character varying(255)",
                        "created_at " + ts + " NOT NULL" + now));
        expected.put(
                "api_client_tokens",
                List.of(
                        "token_hash character varying(64) NOT NULL",
                        "client_id character varying(64) NOT NULL",
                        "scopes text NOT NULL",
                        "expires_at " + ts + " NOT NULL",
                        "created_at " + ts + " NOT NULL" + now));
        expected.put(
                "reconciliation_reports",
                List.of(
                        "reconciliation_id character varying(64) NOT NULL",
                        "run_number bigint NOT NULL",
                        "trigger character varying(20) NOT NULL",
                        "requested_by character varying(255)",
                        "repair boolean NOT NULL",
                        "status character varying(20) NOT NULL",
                        "error_message text",
                        "started_at " + ts + " NOT NULL",
                        "heartbeat_at " + ts + " NOT NULL",
                        "completed_at " + ts,
                        "report jsonb NOT NULL"));

        Map<String, List<String>> actual = new LinkedHashMap<>();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT table_name, column_name, data_type, character_maximum_length,"
                        + " is_nullable, column_default FROM information_schema.columns"
                        + " WHERE table_schema = 'public' AND table_name <> 'flyway_schema_history'"
                        + " ORDER BY table_name, ordinal_position")) {
            while (rs.next()) {
                StringBuilder column = new StringBuilder(rs.getString("column_name"))
                        .append(' ')
                        .append(rs.getString("data_type"));
                if (rs.getObject("character_maximum_length") != null) {
                    column.append('(')
                            .append(rs.getInt("character_maximum_length"))
                            .append(')');
                }
                if ("NO".equals(rs.getString("is_nullable"))) {
                    column.append(" NOT NULL");
                }
                if (rs.getString("column_default") != null) {
                    column.append(" DEFAULT ").append(rs.getString("column_default"));
                }
                actual.computeIfAbsent(rs.getString("table_name"), t -> new ArrayList<>())
                        .add(column.toString());
            }
        }

        assertThat(actual).containsOnlyKeys(expected.keySet());
        expected.forEach(
                (table, columns) -> assertThat(actual.get(table)).as(table).containsExactlyElementsOf(columns));
    }

    @Test
    void primaryForeignAndUniqueKeysAreTheSeeds() throws SQLException {
        List<String> actual = new ArrayList<>();
        try (Connection c = connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT conrelid::regclass || ': ' || pg_get_constraintdef(oid)"
                        + " FROM pg_constraint WHERE connamespace = 'public'::regnamespace"
                        + " AND contype <> 'n' AND conrelid <> 'flyway_schema_history'::regclass")) {
            while (rs.next()) {
                actual.add(rs.getString(1));
            }
        }

        assertThat(actual)
                .containsExactlyInAnyOrder(
                        "schools: PRIMARY KEY (school_id)",
                        "students: PRIMARY KEY (student_unique_id)",
                        "students: UNIQUE (student_usi)",
                        "student_school_associations: PRIMARY KEY (student_unique_id, school_id, entry_date)",
                        "student_school_associations: FOREIGN KEY (student_unique_id) REFERENCES students(student_unique_id)",
                        "student_school_associations: FOREIGN KEY (school_id) REFERENCES schools(school_id)",
                        "organizations: PRIMARY KEY (sourced_id)",
                        "organizations: FOREIGN KEY (parent_id) REFERENCES organizations(sourced_id)",
                        "users: PRIMARY KEY (sourced_id)",
                        "users: UNIQUE (username)",
                        "profile_sync_log: PRIMARY KEY (sync_id)",
                        "api_clients: PRIMARY KEY (client_id)",
                        "api_client_tokens: PRIMARY KEY (token_hash)",
                        "api_client_tokens: FOREIGN KEY (client_id) REFERENCES api_clients(client_id)",
                        "reconciliation_reports: PRIMARY KEY (reconciliation_id)");
    }

    @Test
    void associationWithAnUnknownStudentOrSchoolIsRefused() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO schools (school_id, state_organization_id, name_of_institution)"
                    + " VALUES (101, 'TX-101', 'Known School')");
            s.execute("INSERT INTO students (student_unique_id, student_usi, first_name, last_name)"
                    + " VALUES ('S-101', 101, 'Known', 'Student')");

            assertThatThrownBy(
                            () -> s.execute(
                                    "INSERT INTO student_school_associations"
                                            + " (student_unique_id, school_id, entry_date, school_year) VALUES ('S-101', 999, '2025-08-20', 2026)"))
                    .isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo("23503");
            assertThatThrownBy(
                            () -> s.execute(
                                    "INSERT INTO student_school_associations"
                                            + " (student_unique_id, school_id, entry_date, school_year) VALUES ('S-999', 101, '2025-08-20', 2026)"))
                    .isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo("23503");
            assertThatThrownBy(() -> s.execute("INSERT INTO organizations (sourced_id, name, type, parent_id)"
                            + " VALUES ('101', 'Known School', 'school', 'no-such-district')"))
                    .isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo("23503");

            s.execute("INSERT INTO student_school_associations (student_unique_id, school_id, entry_date, school_year)"
                    + " VALUES ('S-101', 101, '2025-08-20', 2026)");
            assertThat(count(s, "SELECT count(*) FROM student_school_associations WHERE student_unique_id = 'S-101'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void updatingASchoolRefreshesUpdatedAtLastModifiedDateAndEtag() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO schools (school_id, state_organization_id, name_of_institution,"
                    + " _last_modified_date, created_at, updated_at)"
                    + " VALUES (201, 'TX-201', 'Before', '2000-01-01', '2000-01-01', '2000-01-01')");
            Row inserted = edFiRow(s, "schools", "school_id = 201");
            assertThat(inserted.etag()).as("_etag set on insert").matches("[0-9a-f]{32}");
            assertThat(inserted.updatedAt()).isEqualTo(LONG_AGO);

            s.execute("UPDATE schools SET name_of_institution = 'After' WHERE school_id = 201");
            Row updated = edFiRow(s, "schools", "school_id = 201");

            assertThat(updated.updatedAt()).isAfter(LONG_AGO);
            assertThat(updated.lastModifiedDate()).isAfter(LONG_AGO);
            assertThat(updated.createdAt()).isEqualTo(LONG_AGO);
            assertThat(updated.etag()).matches("[0-9a-f]{32}").isNotEqualTo(inserted.etag());
        }
    }

    @Test
    void etagStaysWhenNothingButMetadataChanges() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO schools (school_id, state_organization_id, name_of_institution, updated_at)"
                    + " VALUES (202, 'TX-202', 'Unchanged', '2000-01-01')");
            String etag = edFiRow(s, "schools", "school_id = 202").etag();

            s.execute("UPDATE schools SET updated_at = '1999-01-01', _last_modified_date = '1999-01-01',"
                    + " created_at = '1999-01-01' WHERE school_id = 202");
            Row touched = edFiRow(s, "schools", "school_id = 202");
            assertThat(touched.etag()).isEqualTo(etag);
            assertThat(touched.updatedAt())
                    .as("the trigger still owns updated_at")
                    .isAfter(LONG_AGO);

            s.execute("UPDATE schools SET name_of_institution = 'Unchanged' WHERE school_id = 202");
            assertThat(edFiRow(s, "schools", "school_id = 202").etag()).isEqualTo(etag);

            s.execute("UPDATE schools SET _etag = 'forged' WHERE school_id = 202");
            assertThat(edFiRow(s, "schools", "school_id = 202").etag())
                    .as("_etag is not writable")
                    .isEqualTo(etag);
        }
    }

    @Test
    void updatingAStudentOrAnAssociationRefreshesItsEdFiMetadata() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO schools (school_id, state_organization_id, name_of_institution)"
                    + " VALUES (203, 'TX-203', 'School')");
            s.execute(
                    "INSERT INTO students (student_unique_id, student_usi, first_name, last_name,"
                            + " _last_modified_date, updated_at) VALUES ('S-203', 203, 'Ann', 'Lee', '2000-01-01', '2000-01-01')");
            s.execute(
                    "INSERT INTO student_school_associations (student_unique_id, school_id, entry_date, school_year,"
                            + " _last_modified_date, updated_at) VALUES ('S-203', 203, '2025-08-20', 2026, '2000-01-01', '2000-01-01')");
            String where = "student_unique_id = 'S-203'";
            Row student = edFiRow(s, "students", where);
            Row association = edFiRow(s, "student_school_associations", where);
            assertThat(student.etag()).matches("[0-9a-f]{32}");
            assertThat(association.etag()).matches("[0-9a-f]{32}");

            s.execute("UPDATE students SET races = '[{\"raceDescriptor\": \"uri://ed-fi.org/RaceDescriptor#Asian\"}]'"
                    + " WHERE " + where);
            s.execute("UPDATE student_school_associations SET exit_withdraw_date = '2026-05-29' WHERE " + where);

            for (Row[] beforeAfter : new Row[][] {
                {student, edFiRow(s, "students", where)},
                {association, edFiRow(s, "student_school_associations", where)}
            }) {
                assertThat(beforeAfter[1].updatedAt()).isAfter(LONG_AGO);
                assertThat(beforeAfter[1].lastModifiedDate()).isAfter(LONG_AGO);
                assertThat(beforeAfter[1].etag()).matches("[0-9a-f]{32}").isNotEqualTo(beforeAfter[0].etag());
            }
        }
    }

    @Test
    void updatingUsersAndOrganizationsRefreshesDateLastModified() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO organizations (sourced_id, name, type, date_last_modified)"
                    + " VALUES ('lea-301', 'LEA 301', 'district', '2000-01-01')");
            s.execute(
                    "INSERT INTO users (sourced_id, role, email, org_ids, date_last_modified, updated_at)"
                            + " VALUES ('u-301', 'teacher', 'coach301@example.org', '[\"lea-301\"]', '2000-01-01', '2000-01-01')");

            s.execute("UPDATE organizations SET name = 'Round Rock ISD' WHERE sourced_id = 'lea-301'");
            s.execute("UPDATE users SET enabled_user = false WHERE sourced_id = 'u-301'");

            assertThat(timestamp(s, "SELECT date_last_modified FROM organizations WHERE sourced_id = 'lea-301'"))
                    .isAfter(LONG_AGO);
            assertThat(timestamp(s, "SELECT date_last_modified FROM users WHERE sourced_id = 'u-301'"))
                    .isAfter(LONG_AGO);
            assertThat(timestamp(s, "SELECT updated_at FROM users WHERE sourced_id = 'u-301'"))
                    .isAfter(LONG_AGO);
            assertThat(count(s, "SELECT count(*) FROM users WHERE role = 'teacher' AND org_ids->>0 = 'lea-301'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void syncIdDefaultsToARandomUuidFromUuidOssp() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            List<UUID> ids = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                try (ResultSet rs = s.executeQuery("INSERT INTO profile_sync_log (profile_id, sync_type)"
                        + " VALUES ('coach-401', 'create') RETURNING sync_id, sync_status, created_at")) {
                    assertThat(rs.next()).isTrue();
                    ids.add(rs.getObject("sync_id", UUID.class));
                    assertThat(rs.getString("sync_status")).isEqualTo("pending");
                    assertThat(rs.getObject("created_at", LocalDateTime.class)).isNotNull();
                }
            }

            assertThat(ids)
                    .doesNotHaveDuplicates()
                    .allSatisfy(id -> assertThat(id.version()).isEqualTo(4));
            assertThat(count(s, "SELECT count(*) FROM pg_extension WHERE extname = 'uuid-ossp'"))
                    .isEqualTo(1);
        }
    }

    /** What every service does at boot with {@code schema-management.strategy=validate}, here without Quarkus. */
    @Test
    void entitiesValidateAgainstTheMigratedSchemaAndRoundTrip() {
        Configuration configuration = new Configuration()
                .setProperty("hibernate.connection.url", url)
                .setProperty("hibernate.connection.username", username)
                .setProperty("hibernate.connection.password", password)
                .setProperty("hibernate.hbm2ddl.auto", "validate");
        List.of(
                        School.class,
                        Student.class,
                        StudentSchoolAssociation.class,
                        Organization.class,
                        User.class,
                        ProfileSyncLog.class)
                .forEach(configuration::addAnnotatedClass);

        try (SessionFactory sessions = configuration.buildSessionFactory()) {
            School school = new School();
            school.schoolId = 501;
            school.stateOrganizationId = "TX-501";
            school.nameOfInstitution = "Entity School";
            school.localEducationAgencyId = 5;
            school.gradeLevels.add(Map.of("gradeLevelDescriptor", "uri://ed-fi.org/GradeLevelDescriptor#Ninth grade"));
            Student student = new Student();
            student.studentUniqueId = "S-501";
            student.studentUsi = 501;
            student.firstName = "Ann";
            student.lastName = "Lee";
            student.birthDate = LocalDate.of(2011, 3, 4);
            StudentSchoolAssociation association = new StudentSchoolAssociation();
            association.studentUniqueId = "S-501";
            association.schoolId = 501;
            association.entryDate = LocalDate.of(2025, 8, 20);
            association.schoolYear = 2026;
            Organization district = new Organization();
            district.sourcedId = "5";
            district.name = "LEA 5";
            district.type = OrganizationType.DISTRICT.value();
            User coach = new User();
            coach.sourcedId = "coach-501";
            coach.profileId = "coach-501";
            coach.role = UserRole.TEACHER.value();
            coach.email = "coach501@example.org";
            coach.orgIds = List.of("501", "5");
            coach.metadata = Map.of("source", "profilesdev");
            ProfileSyncLog sync = new ProfileSyncLog();
            sync.profileId = "coach-501";
            sync.syncType = SyncType.CREATE.value();
            sync.syncData = Map.of("coach_id", "coach-501");
            sync.errorMessage = "none yet";

            sessions.inTransaction(session -> {
                session.persist(school);
                session.persist(student);
                session.persist(district);
                session.flush();
                session.persist(association);
                session.persist(coach);
                session.persist(sync);
            });

            assertThat(school.etag).as("read back after insert").matches("[0-9a-f]{32}");
            assertThat(school.createdAt).isNotNull();
            assertThat(association.etag).matches("[0-9a-f]{32}");
            assertThat(sync.syncId).isNotNull();

            sessions.inTransaction(session -> {
                School loaded = session.find(School.class, 501);
                assertThat(loaded.gradeLevels)
                        .containsExactly(
                                Map.of("gradeLevelDescriptor", "uri://ed-fi.org/GradeLevelDescriptor#Ninth grade"));
                assertThat(loaded.addresses).isEmpty();
                loaded.webSite = "https://school501.example.org";
            });
            sessions.inTransaction(session -> {
                School loaded = session.find(School.class, 501);
                assertThat(loaded.webSite).isEqualTo("https://school501.example.org");
                assertThat(loaded.etag).isNotEqualTo(school.etag);
                assertThat(session.find(
                                        StudentSchoolAssociation.class,
                                        new StudentSchoolAssociationId("S-501", 501, LocalDate.of(2025, 8, 20)))
                                .schoolYear)
                        .isEqualTo(2026);
                User loadedCoach = session.find(User.class, "coach-501");
                assertThat(loadedCoach.orgIds).containsExactly("501", "5");
                assertThat(loadedCoach.metadata).containsExactly(entry("source", "profilesdev"));
                assertThat(loadedCoach.status).isEqualTo("active");
                assertThat(loadedCoach.enabledUser).isTrue();
                ProfileSyncLog loadedSync = session.find(ProfileSyncLog.class, sync.syncId);
                assertThat(loadedSync.syncStatus).isEqualTo(SyncStatus.PENDING.value());
                assertThat(loadedSync.syncData).containsExactly(entry("coach_id", "coach-501"));
            });
        }
    }

    private record Row(String etag, LocalDateTime lastModifiedDate, LocalDateTime createdAt, LocalDateTime updatedAt) {}

    private static Row edFiRow(Statement s, String table, String where) throws SQLException {
        try (ResultSet rs = s.executeQuery(
                "SELECT _etag, _last_modified_date, created_at, updated_at FROM " + table + " WHERE " + where)) {
            assertThat(rs.next()).as(table + " row " + where).isTrue();
            return new Row(
                    rs.getString(1),
                    rs.getObject(2, LocalDateTime.class),
                    rs.getObject(3, LocalDateTime.class),
                    rs.getObject(4, LocalDateTime.class));
        }
    }

    private static LocalDateTime timestamp(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.next()).as(sql).isTrue();
            return rs.getObject(1, LocalDateTime.class);
        }
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(url, username, password);
    }
}
