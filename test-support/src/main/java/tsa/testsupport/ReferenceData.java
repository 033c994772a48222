package tsa.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The reference data of the local run (architecture.md, "Running it"): schools 255901001 and 255901044 of district
 * 255901. Tests load it too. Idempotent; needs the migrations applied (a service has started).
 */
public final class ReferenceData {

    public static final String DISTRICT = "255901";
    public static final String SCHOOL_AUSTIN = "255901001";
    public static final String SCHOOL_ROUND_ROCK = "255901044";

    private static final String SCHOOLS = """
            INSERT INTO schools (school_id, state_organization_id, name_of_institution, short_name_of_institution,
                                 operational_status_descriptor, type_descriptor, local_education_agency_id)
            VALUES (255901001, 'TX-255901001', 'TSA Austin Sports Academy', 'TSA Austin', 'Active', 'Regular', 255901),
                   (255901044, 'TX-255901044', 'TSA Round Rock Sports Academy', 'TSA Round Rock', 'Active', 'Regular', 255901)
            ON CONFLICT (school_id) DO NOTHING
            """;

    private ReferenceData() {}

    public static void loadSchools(PostgresServer postgres) {
        try (Connection c = postgres.connect(PostgresServer.DATABASE);
                Statement s = c.createStatement()) {
            s.execute(SCHOOLS);
        } catch (SQLException e) {
            throw new IllegalStateException("could not load the reference schools", e);
        }
    }
}
