package tsa.parent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tsa.parent.appointment.store.Appointment;
import tsa.parent.config.ParentTables;
import tsa.parent.config.TableNames;
import tsa.parent.document.store.ParentDocument;
import tsa.parent.enrollment.store.Enrollment;
import tsa.runtime.dynamo.IndexSpec;
import tsa.runtime.dynamo.KeyAttribute;
import tsa.runtime.dynamo.TableSpec;
import tsa.testsupport.ItemSchemaRoundTrip;

/** parent-service's tables and items match the seed's "Parent Portal Tables". */
class ParentTablesTest {

    private static final TableNames SEED_NAMES = new TableNames() {
        @Override
        public String enrollments() {
            return "tsa-parent-enrollmentsdev";
        }

        @Override
        public String documents() {
            return "tsa-parent-documentsdev";
        }

        @Override
        public String scheduling() {
            return "tsa-parent-schedulingdev";
        }
    };

    private final ParentTables tables = new ParentTables(SEED_NAMES);

    @Test
    void tableNamesDefaultToTheSeedsEnvironmentVariables() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        assertThat(properties)
                .containsEntry("tsa.tables.enrollments", "${ENROLLMENTS_TABLE:tsa-parent-enrollmentsdev}")
                .containsEntry("tsa.tables.documents", "${DOCUMENTS_TABLE:tsa-parent-documentsdev}")
                .containsEntry("tsa.tables.scheduling", "${SCHEDULING_TABLE:tsa-parent-schedulingdev}");
    }

    @Test
    void ownsExactlyItsThreeTables() {
        assertThat(tables.tables())
                .extracting(TableSpec::name)
                .containsExactlyInAnyOrder(
                        "tsa-parent-enrollmentsdev", "tsa-parent-documentsdev", "tsa-parent-schedulingdev");
    }

    @Test
    void enrollmentsTableHasTheSeedsKeyAndIndexes() {
        TableSpec spec = tables.enrollments();
        assertThat(spec.name()).isEqualTo("tsa-parent-enrollmentsdev");
        assertThat(spec.hashKey()).isEqualTo(KeyAttribute.string("enrollment_id"));
        assertThat(spec.indexes())
                .containsExactlyInAnyOrder(
                        new IndexSpec("parent-enrollments-index", KeyAttribute.string("parent_email"), null),
                        new IndexSpec("coach-enrollments-index", KeyAttribute.string("coach_id"), null),
                        new IndexSpec(
                                "status-index",
                                KeyAttribute.string("enrollment_status"),
                                KeyAttribute.string("created_at")));
        assertThat(spec.ttlAttribute()).isEmpty();
        assertSchemaAgreesWith(Enrollment.SCHEMA, spec);
    }

    @Test
    void documentsTableHasTheSeedsKeyAndIndexes() {
        TableSpec spec = tables.documents();
        assertThat(spec.name()).isEqualTo("tsa-parent-documentsdev");
        assertThat(spec.hashKey()).isEqualTo(KeyAttribute.string("document_id"));
        assertThat(spec.indexes())
                .containsExactlyInAnyOrder(
                        new IndexSpec("enrollment-documents-index", KeyAttribute.string("enrollment_id"), null),
                        new IndexSpec("parent-documents-index", KeyAttribute.string("parent_email"), null));
        assertThat(spec.ttlAttribute()).isEmpty();
        assertSchemaAgreesWith(ParentDocument.SCHEMA, spec);
    }

    @Test
    void schedulingTableHasTheSeedsKeyAndIndexesWithTheScheduleSortKey() {
        TableSpec spec = tables.scheduling();
        assertThat(spec.name()).isEqualTo("tsa-parent-schedulingdev");
        assertThat(spec.hashKey()).isEqualTo(KeyAttribute.string("appointment_id"));
        assertThat(spec.indexes())
                .containsExactlyInAnyOrder(
                        new IndexSpec(
                                "coach-schedule-index",
                                KeyAttribute.string("coach_id"),
                                KeyAttribute.string("scheduled_date")),
                        new IndexSpec("parent-appointments-index", KeyAttribute.string("parent_email"), null));
        assertThat(spec.ttlAttribute()).isEmpty();
        assertSchemaAgreesWith(Appointment.SCHEMA, spec);
    }

    @Test
    void enrollmentRoundTripsWithTheSeedsAttributeNames() {
        Enrollment enrollment = Enrollment.builder()
                .enrollmentId("enr-1")
                .parentEmail("parent@tsa.example")
                .studentName("Sam Lopez")
                .studentAge(11)
                .sport("soccer")
                .coachId("coach-1")
                .enrollmentStatus("pending")
                .progressMilestones(List.of("documents", "consultation"))
                .paymentStatus("pending")
                .startDate("2025-01-06")
                .createdAt("2024-12-01T10:00:00.000Z")
                .invitationId("pinv-1")
                .schoolId("255901001")
                .dateOfBirth("2014-03-02")
                .gradeLevel("Fifth grade")
                .milestoneCompletedAt(
                        Map.of("documents", "2024-12-02T10:00:00.000Z", "consultation", "2024-12-03T10:00:00.000Z"))
                .activatedAt("2024-12-04T10:00:00.000Z")
                .studentUniqueId("TSA0123456789ABCDEF0123")
                .version(1L)
                .build();

        Map<String, AttributeValue> item = roundTrip(Enrollment.SCHEMA, enrollment);

        assertThat(item)
                .containsOnlyKeys(
                        "enrollment_id",
                        "parent_email",
                        "student_name",
                        "student_age",
                        "sport",
                        "coach_id",
                        "enrollment_status",
                        "progress_milestones",
                        "payment_status",
                        "start_date",
                        "created_at",
                        "invitation_id",
                        "school_id",
                        "date_of_birth",
                        "grade_level",
                        "milestone_completed_at",
                        "activated_at",
                        "student_unique_id",
                        "version",
                        "schema_version");
        assertThat(item.get("milestone_completed_at").m()).containsOnlyKeys("documents", "consultation");
        assertThat(item.get("student_age").n()).isEqualTo("11");
        assertThat(item.get("progress_milestones").l())
                .extracting(AttributeValue::s)
                .containsExactly("documents", "consultation");
    }

    @Test
    void parentDocumentRoundTripsWithTheSeedsAttributeNames() {
        ParentDocument document = ParentDocument.builder()
                .documentId("doc-1")
                .enrollmentId("enr-1")
                .parentEmail("parent@tsa.example")
                .documentType("medical")
                .fileName("physical.pdf")
                .s3Key("enrollments/enr-1/doc-1")
                .fileSize(5_000_000_000L)
                .uploadStatus("verified")
                .verificationStatus("approved")
                .verifiedBy("coach-1")
                .uploadedAt("2024-12-01T10:00:00.000Z")
                .verifiedAt("2024-12-02T10:00:00.000Z")
                .contentType("application/pdf")
                .verificationNote("legible")
                .createdAt("2024-12-01T09:59:00.000Z")
                .version(3L)
                .build();

        Map<String, AttributeValue> item = roundTrip(ParentDocument.SCHEMA, document);

        assertThat(item)
                .containsOnlyKeys(
                        "document_id",
                        "enrollment_id",
                        "parent_email",
                        "document_type",
                        "file_name",
                        "s3_key",
                        "file_size",
                        "upload_status",
                        "verification_status",
                        "verified_by",
                        "uploaded_at",
                        "verified_at",
                        "content_type",
                        "verification_note",
                        "created_at",
                        "version",
                        "schema_version");
        assertThat(item.get("file_size").n()).isEqualTo("5000000000");
    }

    @Test
    void appointmentRoundTripsWithTheSeedsAttributeNames() {
        Appointment appointment = Appointment.builder()
                .appointmentId("apt-1")
                .coachId("coach-1")
                .parentEmail("parent@tsa.example")
                .studentName("Sam Lopez")
                .appointmentType("shadow_day")
                .scheduledDate("2025-01-10")
                .startTime("09:00")
                .endTime("12:00")
                .status("scheduled")
                .location("Campus gym")
                .notes("Bring running shoes")
                .confirmationSent(true)
                .createdAt("2024-12-01T10:00:00.000Z")
                .version(1L)
                .build();

        Map<String, AttributeValue> item = roundTrip(Appointment.SCHEMA, appointment);

        assertThat(item)
                .containsOnlyKeys(
                        "appointment_id",
                        "coach_id",
                        "parent_email",
                        "student_name",
                        "appointment_type",
                        "scheduled_date",
                        "start_time",
                        "end_time",
                        "status",
                        "location",
                        "notes",
                        "confirmation_sent",
                        "created_at",
                        "version",
                        "reschedule_date",
                        "reschedule_start_time",
                        "reschedule_end_time",
                        "reschedule_started_at",
                        "schema_version");
        assertThat(item.get("confirmation_sent").bool()).isTrue();
    }

    /** Maps the item to attributes and back, expecting the same item and {@code schema_version = "v1"}. */
    private static <T> Map<String, AttributeValue> roundTrip(TableSchema<T> schema, T item) {
        Map<String, AttributeValue> attributes = schema.itemToMap(item, false);
        assertThat(attributes.get("schema_version")).isEqualTo(AttributeValue.fromS("v1"));
        assertThat(schema.mapToItem(attributes)).isEqualTo(item);
        return attributes;
    }

    /** The item schema tags the same keys as the table spec, so enhanced-client index queries find them. */
    private static void assertSchemaAgreesWith(TableSchema<?> schema, TableSpec spec) {
        assertThat(schema).isInstanceOf(StaticImmutableTableSchema.class);
        TableMetadata metadata = schema.tableMetadata();
        assertThat(metadata.primaryPartitionKey()).isEqualTo(spec.hashKey().name());
        assertThat(metadata.primarySortKey()).isEmpty();
        assertThat(metadata.indices().stream()
                        .map(index -> index.name())
                        .filter(name -> !name.equals(TableMetadata.primaryIndexName()))
                        .collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(
                        spec.indexes().stream().map(IndexSpec::name).toList());
        for (IndexSpec index : spec.indexes()) {
            assertThat(metadata.indexPartitionKey(index.name()))
                    .isEqualTo(index.hashKey().name());
            assertThat(metadata.indexSortKey(index.name()))
                    .isEqualTo(Optional.ofNullable(index.rangeKey()).map(KeyAttribute::name));
        }
    }

    @Test
    void everyItemRecordKeepsEveryFieldThroughItsBuilderAndItsSchema() {
        ItemSchemaRoundTrip.assertLossless(Enrollment.SCHEMA);
        ItemSchemaRoundTrip.assertLossless(ParentDocument.SCHEMA);
        ItemSchemaRoundTrip.assertLossless(Appointment.SCHEMA);
    }
}
