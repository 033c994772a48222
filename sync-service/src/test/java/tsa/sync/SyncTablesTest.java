package tsa.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tsa.runtime.dynamo.KeyAttribute;
import tsa.runtime.dynamo.TableSpec;
import tsa.sync.config.SyncTables;
import tsa.sync.config.TableNames;
import tsa.sync.copy.store.OrganizationCopy;
import tsa.sync.copy.store.StudentCopy;
import tsa.testsupport.ItemSchemaRoundTrip;

/** sync-service's operational copies: the seed's "future" tables, keyed as architecture.md gives them. */
class SyncTablesTest {

    private static final TableNames SEED_NAMES = new TableNames() {
        @Override
        public String organizations() {
            return "organizations-dev";
        }

        @Override
        public String students() {
            return "students-dev";
        }
    };

    private final SyncTables tables = new SyncTables(SEED_NAMES);

    @Test
    void tableNamesDefaultToTheSeedsEnvironmentVariables() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        assertThat(properties)
                .containsEntry("tsa.tables.organizations", "${ORGANIZATIONS_TABLE:organizations-dev}")
                .containsEntry("tsa.tables.students", "${STUDENTS_TABLE:students-dev}");
    }

    @Test
    void ownsExactlyItsTwoTables() {
        assertThat(tables.tables())
                .extracting(TableSpec::name)
                .containsExactlyInAnyOrder("organizations-dev", "students-dev");
    }

    @Test
    void organizationsTableIsKeyedBySourcedId() {
        TableSpec spec = tables.organizations();
        assertThat(spec.name()).isEqualTo("organizations-dev");
        assertThat(spec.hashKey()).isEqualTo(KeyAttribute.string("sourced_id"));
        assertThat(spec.indexes()).isEmpty();
        assertThat(spec.ttlAttribute()).isEmpty();
        assertSchemaAgreesWith(OrganizationCopy.SCHEMA, spec);
    }

    @Test
    void studentsTableIsKeyedByStudentUniqueId() {
        TableSpec spec = tables.students();
        assertThat(spec.name()).isEqualTo("students-dev");
        assertThat(spec.hashKey()).isEqualTo(KeyAttribute.string("student_unique_id"));
        assertThat(spec.indexes()).isEmpty();
        assertThat(spec.ttlAttribute()).isEmpty();
        assertSchemaAgreesWith(StudentCopy.SCHEMA, spec);
    }

    @Test
    void organizationCopyRoundTripsWithTheOneRosterColumnNames() {
        OrganizationCopy school = OrganizationCopy.builder()
                .sourcedId("255901001")
                .status("active")
                .dateLastModified("2024-12-01T10:00:00.123456")
                .name("Texas Sports Academy North")
                .type("school")
                .identifier("255901001")
                .parentId("255901")
                .build();

        Map<String, AttributeValue> item = roundTrip(OrganizationCopy.SCHEMA, school);

        assertThat(item)
                .containsOnlyKeys(
                        "sourced_id",
                        "status",
                        "date_last_modified",
                        "name",
                        "type",
                        "identifier",
                        "parent_id",
                        "schema_version");
    }

    @Test
    void studentCopyRoundTripsWithTheEdFiColumnNames() {
        StudentCopy student = StudentCopy.builder()
                .studentUniqueId("S-1001")
                .studentUsi(1001)
                .firstName("Sam")
                .lastName("Lopez")
                .middleName("R")
                .generationCodeSuffix("Jr")
                .birthDate("2013-04-05")
                .birthCity("Austin")
                .birthStateAbbreviationDescriptor("uri://ed-fi.org/StateAbbreviationDescriptor#TX")
                .hispanicLatinoEthnicity(true)
                .races(List.of(Map.of("raceDescriptor", "uri://ed-fi.org/RaceDescriptor#White")))
                .etag("5250168731208835753")
                .lastModifiedDate("2024-12-01T10:00:00.123456")
                .createdAt("2024-12-01T10:00:00.123456")
                .updatedAt("2024-12-01T10:00:00.123456")
                .build();

        Map<String, AttributeValue> item = roundTrip(StudentCopy.SCHEMA, student);

        assertThat(item)
                .containsOnlyKeys(
                        "student_unique_id",
                        "student_usi",
                        "first_name",
                        "last_name",
                        "middle_name",
                        "generation_code_suffix",
                        "birth_date",
                        "birth_city",
                        "birth_state_abbreviation_descriptor",
                        "hispanic_latino_ethnicity",
                        "races",
                        "_etag",
                        "_last_modified_date",
                        "created_at",
                        "updated_at",
                        "schema_version");
        assertThat(item.get("student_usi").n()).isEqualTo("1001");
        assertThat(item.get("hispanic_latino_ethnicity").bool()).isTrue();
        assertThat(item.get("races").l())
                .singleElement()
                .satisfies(race -> assertThat(race.m())
                        .containsExactly(Map.entry(
                                "raceDescriptor", AttributeValue.fromS("uri://ed-fi.org/RaceDescriptor#White"))));
    }

    /** Maps the item to attributes and back, expecting the same item and {@code schema_version = "v1"}. */
    private static <T> Map<String, AttributeValue> roundTrip(TableSchema<T> schema, T item) {
        Map<String, AttributeValue> attributes = schema.itemToMap(item, false);
        assertThat(attributes.get("schema_version")).isEqualTo(AttributeValue.fromS("v1"));
        assertThat(schema.mapToItem(attributes)).isEqualTo(item);
        return attributes;
    }

    private static void assertSchemaAgreesWith(TableSchema<?> schema, TableSpec spec) {
        assertThat(schema).isInstanceOf(StaticImmutableTableSchema.class);
        TableMetadata metadata = schema.tableMetadata();
        assertThat(metadata.primaryPartitionKey()).isEqualTo(spec.hashKey().name());
        assertThat(metadata.primarySortKey()).isEmpty();
        assertThat(metadata.indices())
                .extracting(index -> index.name())
                .containsExactly(TableMetadata.primaryIndexName());
    }

    @Test
    void everyItemRecordKeepsEveryFieldThroughItsBuilderAndItsSchema() {
        ItemSchemaRoundTrip.assertLossless(OrganizationCopy.SCHEMA);
        ItemSchemaRoundTrip.assertLossless(StudentCopy.SCHEMA);
    }
}
