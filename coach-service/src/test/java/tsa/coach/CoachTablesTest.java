package tsa.coach;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tsa.coach.config.CoachTables;
import tsa.coach.config.TableNames;
import tsa.coach.invitation.store.ParentInvitation;
import tsa.coach.onboarding.store.OnboardingSession;
import tsa.coach.profile.store.CoachProfile;
import tsa.runtime.dynamo.IndexSpec;
import tsa.runtime.dynamo.KeyAttribute;
import tsa.runtime.dynamo.TableSpec;
import tsa.testsupport.ItemSchemaRoundTrip;

/** coach-service's tables and items match the seed's "Coach Portal Tables" and architecture.md's additions. */
class CoachTablesTest {

    private static final TableNames SEED_NAMES = new TableNames() {
        @Override
        public String profiles() {
            return "profilesdev";
        }

        @Override
        public String onboarding() {
            return "coach-onboarding-sessionsdev";
        }

        @Override
        public String parentInvitations() {
            return "parent-invitationsdev";
        }
    };

    private final CoachTables tables = new CoachTables(SEED_NAMES);

    @Test
    void tableNamesDefaultToTheSeedsEnvironmentVariables() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        assertThat(properties)
                .containsEntry("tsa.tables.profiles", "${PROFILES_TABLE:profilesdev}")
                .containsEntry("tsa.tables.onboarding", "${ONBOARDING_TABLE:coach-onboarding-sessionsdev}")
                .containsEntry("tsa.tables.parent-invitations", "${PARENT_INVITATIONS_TABLE:parent-invitationsdev}");
    }

    @Test
    void ownsExactlyItsThreeTables() {
        assertThat(tables.tables())
                .extracting(TableSpec::name)
                .containsExactlyInAnyOrder("profilesdev", "coach-onboarding-sessionsdev", "parent-invitationsdev");
    }

    @Test
    void profilesTableHasTheSeedsKeyAndIndexesPlusStatusAndSparseSyncPending() {
        TableSpec spec = tables.profiles();
        assertThat(spec.name()).isEqualTo("profilesdev");
        assertThat(spec.hashKey()).isEqualTo(KeyAttribute.string("coach_id"));
        assertThat(spec.indexes())
                .containsExactlyInAnyOrder(
                        new IndexSpec("school-index", KeyAttribute.string("school_id"), null),
                        new IndexSpec(
                                "status-index",
                                KeyAttribute.string("profile_status"),
                                KeyAttribute.string("updated_at")),
                        new IndexSpec(
                                "sync-pending-index",
                                KeyAttribute.string("sync_pending"),
                                KeyAttribute.string("updated_at")));
        assertThat(spec.ttlAttribute()).isEmpty();
        assertSchemaAgreesWith(CoachProfile.SCHEMA, spec);
    }

    @Test
    void onboardingSessionsTableHasTheSeedsKeyAndTtl() {
        TableSpec spec = tables.onboardingSessions();
        assertThat(spec.name()).isEqualTo("coach-onboarding-sessionsdev");
        assertThat(spec.hashKey()).isEqualTo(KeyAttribute.string("session_id"));
        assertThat(spec.indexes()).isEmpty();
        assertThat(spec.ttlAttribute()).contains("expiration_time");
        assertSchemaAgreesWith(OnboardingSession.SCHEMA, spec);
    }

    @Test
    void parentInvitationsTableHasTheSeedsKeyAndIndexesAndATtlForTheMailCounters() {
        TableSpec spec = tables.parentInvitations();
        assertThat(spec.name()).isEqualTo("parent-invitationsdev");
        assertThat(spec.hashKey()).isEqualTo(KeyAttribute.string("invitation_id"));
        assertThat(spec.indexes())
                .containsExactlyInAnyOrder(
                        new IndexSpec("coach-invitations-index", KeyAttribute.string("coach_id"), null),
                        new IndexSpec("parent-email-index", KeyAttribute.string("parent_email"), null));
        assertThat(spec.ttlAttribute()).contains("expiration_time");
        assertSchemaAgreesWith(ParentInvitation.SCHEMA, spec);
    }

    @Test
    void coachProfileRoundTripsWithTheSeedsAttributeNames() {
        CoachProfile profile = CoachProfile.builder()
                .coachId("coach-1")
                .firstName("Ana")
                .lastName("Lopez")
                .email("ana@tsa.example")
                .phone("+1 512 555 0100")
                .schoolId("255901001")
                .sportSpecialties(List.of("soccer", "track"))
                .profileStatus("active")
                .createdAt("2024-12-01T10:00:00.000Z")
                .updatedAt("2024-12-02T10:00:00.000Z")
                .version(3L)
                .syncPending("pending")
                .permissions(List.of("invite_parents"))
                .build();

        Map<String, AttributeValue> item = ItemSchemaRoundTrip.attributesOf(CoachProfile.SCHEMA, profile);

        assertThat(item)
                .containsOnlyKeys(
                        "coach_id",
                        "first_name",
                        "last_name",
                        "email",
                        "phone",
                        "school_id",
                        "sport_specialties",
                        "profile_status",
                        "created_at",
                        "updated_at",
                        "version",
                        "sync_pending",
                        "permissions",
                        "schema_version");
        assertThat(item.get("permissions").l()).extracting(AttributeValue::s).containsExactly("invite_parents");
        assertThat(item.get("coach_id").s()).isEqualTo("coach-1");
        assertThat(item.get("sport_specialties").l())
                .extracting(AttributeValue::s)
                .containsExactly("soccer", "track");
        assertThat(item.get("version").n()).isEqualTo("3");
        assertThat(item.get("sync_pending").s()).isEqualTo("pending");
    }

    @Test
    void aProfileWithNothingPendingStaysOutOfTheSparseIndex() {
        CoachProfile profile = CoachProfile.builder()
                .coachId("coach-1")
                .profileStatus("active")
                .updatedAt("2024-12-02T10:00:00.000Z")
                .build();

        assertThat(CoachProfile.SCHEMA.itemToMap(profile, true))
                .doesNotContainKey("sync_pending")
                .containsEntry("schema_version", AttributeValue.fromS("v1"));
    }

    @Test
    void onboardingSessionRoundTripsWithTheSeedsAttributeNames() {
        OnboardingSession session = OnboardingSession.builder()
                .sessionId("session-1")
                .coachId("coach-1")
                .onboardingStep("school")
                .formData(Map.of("first_name", "Ana", "sport_specialties", "soccer,track"))
                .expirationTime(1_733_140_800L)
                .createdAt("2024-12-01T10:00:00.000Z")
                .invitationId("inv-1")
                .updatedAt("2024-12-01T11:00:00.000Z")
                .version(2L)
                .build();

        Map<String, AttributeValue> item = ItemSchemaRoundTrip.attributesOf(OnboardingSession.SCHEMA, session);

        assertThat(item)
                .containsOnlyKeys(
                        "session_id",
                        "coach_id",
                        "onboarding_step",
                        "form_data",
                        "expiration_time",
                        "created_at",
                        "invitation_id",
                        "updated_at",
                        "version",
                        "schema_version");
        assertThat(item.get("form_data").m())
                .containsEntry("first_name", AttributeValue.fromS("Ana"))
                .containsEntry("sport_specialties", AttributeValue.fromS("soccer,track"));
        assertThat(item.get("expiration_time").n()).isEqualTo("1733140800");
    }

    @Test
    void parentInvitationRoundTripsWithTheSeedsAttributeNames() {
        ParentInvitation invitation = ParentInvitation.builder()
                .invitationId("pinv-1")
                .coachId("coach-1")
                .parentEmail("parent@tsa.example")
                .studentName("Sam Lopez")
                .sport("soccer")
                .invitationStatus("sent")
                .magicLinkToken("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                .expiresAt("2024-12-15T10:00:00.000Z")
                .sentAt("2024-12-01T10:00:00.000Z")
                .respondedAt("2024-12-02T10:00:00.000Z")
                .mailStatus("sent")
                .version(1L)
                .build();

        Map<String, AttributeValue> item = ItemSchemaRoundTrip.attributesOf(ParentInvitation.SCHEMA, invitation);

        assertThat(item)
                .containsOnlyKeys(
                        "invitation_id",
                        "coach_id",
                        "parent_email",
                        "student_name",
                        "sport",
                        "invitation_status",
                        "magic_link_token",
                        "expires_at",
                        "sent_at",
                        "responded_at",
                        "mail_status",
                        "version",
                        "schema_version");
    }

    /** The item schema tags the same keys as the table spec, so enhanced-client index queries find them. */
    private static void assertSchemaAgreesWith(TableSchema<?> schema, TableSpec spec) {
        ItemSchemaRoundTrip.assertKeys(
                schema,
                spec.hashKey().name(),
                spec.indexes().stream()
                        .collect(Collectors.toMap(
                                IndexSpec::name,
                                index -> Stream.of(index.hashKey(), index.rangeKey())
                                        .filter(Objects::nonNull)
                                        .map(KeyAttribute::name)
                                        .toList())));
    }

    @Test
    void everyItemRecordKeepsEveryFieldThroughItsBuilderAndItsSchema() {
        ItemSchemaRoundTrip.assertLossless(CoachProfile.SCHEMA);
        ItemSchemaRoundTrip.assertLossless(OnboardingSession.SCHEMA);
        ItemSchemaRoundTrip.assertLossless(ParentInvitation.SCHEMA);
    }
}
