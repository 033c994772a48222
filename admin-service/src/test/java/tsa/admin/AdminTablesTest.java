package tsa.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import tsa.admin.audit.store.AuditRecord;
import tsa.admin.auth.store.SignInLink;
import tsa.admin.config.AdminTables;
import tsa.admin.config.TableNames;
import tsa.admin.invitation.store.CoachInvitation;
import tsa.runtime.dynamo.IndexSpec;
import tsa.runtime.dynamo.KeyAttribute;
import tsa.runtime.dynamo.TableSpec;
import tsa.testsupport.ItemSchemaRoundTrip;

/** admin-service's tables and items match the seed's "Admin Portal Tables" and architecture.md's additions. */
class AdminTablesTest {

    private static final TableNames SEED_NAMES = new TableNames() {
        @Override
        public String invitations() {
            return "coach-invitationsdev";
        }

        @Override
        public String auditLogs() {
            return "admin-audit-logsdev";
        }

        @Override
        public String signIn() {
            return "auth-sign-in-linksdev";
        }
    };

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AdminTables tables = new AdminTables(SEED_NAMES);

    @Test
    void tableNamesDefaultToTheSeedsEnvironmentVariables() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        assertThat(properties)
                .containsEntry("tsa.tables.invitations", "${INVITATIONS_TABLE:coach-invitationsdev}")
                .containsEntry("tsa.tables.audit-logs", "${AUDIT_LOGS_TABLE:admin-audit-logsdev}")
                .containsEntry("tsa.tables.sign-in", "${SIGN_IN_TABLE:auth-sign-in-linksdev}");
    }

    @Test
    void ownsExactlyItsThreeTables() {
        assertThat(tables.tables())
                .extracting(TableSpec::name)
                .containsExactlyInAnyOrder("coach-invitationsdev", "admin-audit-logsdev", "auth-sign-in-linksdev");
    }

    @Test
    void coachInvitationsTableHasTheSeedsKeyAndIndexPlusStatusIndex() {
        TableSpec spec = tables.coachInvitations();
        assertThat(spec.name()).isEqualTo("coach-invitationsdev");
        assertThat(spec.hashKey()).isEqualTo(KeyAttribute.string("invitation_id"));
        assertThat(spec.indexes())
                .containsExactlyInAnyOrder(
                        new IndexSpec("coach-email-index", KeyAttribute.string("coach_email"), null),
                        new IndexSpec(
                                "status-index",
                                KeyAttribute.string("invitation_status"),
                                KeyAttribute.string("sent_at")));
        assertThat(spec.ttlAttribute()).isEmpty();
        assertSchemaAgreesWith(CoachInvitation.SCHEMA, spec);
    }

    @Test
    void auditLogsTableHasTheSeedsKeyAndIndexesSortedByTimestamp() {
        TableSpec spec = tables.auditLogs();
        assertThat(spec.name()).isEqualTo("admin-audit-logsdev");
        assertThat(spec.hashKey()).isEqualTo(KeyAttribute.string("log_id"));
        assertThat(spec.indexes())
                .containsExactlyInAnyOrder(
                        new IndexSpec(
                                "admin-actions-index",
                                KeyAttribute.string("admin_email"),
                                KeyAttribute.string("timestamp")),
                        new IndexSpec(
                                "action-type-index",
                                KeyAttribute.string("action_type"),
                                KeyAttribute.string("timestamp")));
        assertThat(spec.ttlAttribute()).isEmpty();
        assertSchemaAgreesWith(AuditRecord.SCHEMA, spec);
    }

    @Test
    void signInTableIsKeyedByLinkIdWithTtl() {
        TableSpec spec = tables.signInLinks();
        assertThat(spec.name()).isEqualTo("auth-sign-in-linksdev");
        assertThat(spec.hashKey()).isEqualTo(KeyAttribute.string("link_id"));
        assertThat(spec.indexes()).isEmpty();
        assertThat(spec.ttlAttribute()).contains("expiration_time");
        assertSchemaAgreesWith(SignInLink.SCHEMA, spec);
    }

    @Test
    void coachInvitationRoundTripsWithTheSeedsAttributeNames() {
        CoachInvitation invitation = CoachInvitation.builder()
                .invitationId("cinv-1")
                .adminEmail("admin@tsa.example")
                .coachEmail("ana@tsa.example")
                .firstName("Ana")
                .lastName("Lopez")
                .schoolName("Texas Sports Academy North")
                .sport("soccer")
                .invitationStatus("sent")
                .magicLinkToken("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")
                .permissions(List.of("manage_profile", "invite_parents"))
                .expiresAt("2024-12-08T10:00:00.000Z")
                .sentAt("2024-12-01T10:00:00.000Z")
                .acceptedAt("2024-12-02T10:00:00.000Z")
                .coachId("coach-1")
                .schoolId("255901001")
                .mailStatus("sent")
                .message("Welcome aboard")
                .version(2L)
                .build();

        Map<String, AttributeValue> item = ItemSchemaRoundTrip.attributesOf(CoachInvitation.SCHEMA, invitation);

        assertThat(item)
                .containsOnlyKeys(
                        "invitation_id",
                        "admin_email",
                        "coach_email",
                        "first_name",
                        "last_name",
                        "school_name",
                        "sport",
                        "invitation_status",
                        "magic_link_token",
                        "permissions",
                        "expires_at",
                        "sent_at",
                        "accepted_at",
                        "coach_id",
                        "school_id",
                        "mail_status",
                        "message",
                        "version",
                        "schema_version");
        assertThat(item.get("permissions").l())
                .extracting(AttributeValue::s)
                .containsExactly("manage_profile", "invite_parents");
    }

    @Test
    void auditRecordRoundTripsWithTheSeedsAttributeNamesAndNestedStates() throws IOException {
        ObjectNode before = (ObjectNode) JSON.readTree("""
                {"profile_status": "active", "sport_specialties": ["soccer", "track"], "version": 3,
                 "rating": 4.5, "big": 12345678901234, "huge": 123456789012345678901234567890,
                 "address": {"city": "Austin", "zip": null, "tags": []}, "verified": true, "note": ""}
                """);
        ObjectNode after = before.deepCopy().put("profile_status", "inactive").put("version", 4);
        AuditRecord record = AuditRecord.builder()
                .logId("log-1")
                .adminEmail("admin@tsa.example")
                .actionType("update")
                .resourceType("coach")
                .resourceId("coach-1")
                .actionDescription("Deactivated coach coach-1")
                .beforeState(before)
                .afterState(after)
                .ipAddress("203.0.113.7")
                .userAgent("Mozilla/5.0")
                .sessionId("jti-1")
                .timestamp("2024-12-01T10:00:00.000Z")
                .outcome("failed")
                .relatedLogId("log-0")
                .build();

        Map<String, AttributeValue> item = ItemSchemaRoundTrip.attributesOf(AuditRecord.SCHEMA, record);

        assertThat(item)
                .containsOnlyKeys(
                        "log_id",
                        "admin_email",
                        "action_type",
                        "resource_type",
                        "resource_id",
                        "action_description",
                        "before_state",
                        "after_state",
                        "ip_address",
                        "user_agent",
                        "session_id",
                        "timestamp",
                        "outcome",
                        "related_log_id",
                        "schema_version");
        Map<String, AttributeValue> state = item.get("before_state").m();
        assertThat(state.get("profile_status")).isEqualTo(AttributeValue.fromS("active"));
        assertThat(state.get("sport_specialties").l())
                .extracting(AttributeValue::s)
                .containsExactly("soccer", "track");
        assertThat(state.get("version")).isEqualTo(AttributeValue.fromN("3"));
        assertThat(state.get("rating")).isEqualTo(AttributeValue.fromN("4.5"));
        assertThat(state.get("huge")).isEqualTo(AttributeValue.fromN("123456789012345678901234567890"));
        assertThat(state.get("address").m())
                .containsEntry("city", AttributeValue.fromS("Austin"))
                .containsEntry("zip", AttributeValue.fromNul(true))
                .containsEntry("tags", AttributeValue.fromL(List.of()));
        assertThat(state.get("verified")).isEqualTo(AttributeValue.fromBool(true));
        assertThat(item.get("after_state").m().get("profile_status")).isEqualTo(AttributeValue.fromS("inactive"));
        assertThat(JSON.writeValueAsString(AuditRecord.SCHEMA.mapToItem(item).beforeState()))
                .isEqualTo(JSON.writeValueAsString(before));
    }

    @Test
    void anAuditRecordWithoutBeforeStateOmitsIt() {
        AuditRecord created = AuditRecord.builder()
                .logId("log-2")
                .adminEmail("admin@tsa.example")
                .actionType("create")
                .timestamp("2024-12-01T10:00:00.000Z")
                .afterState(JSON.createObjectNode().put("invitation_status", "sent"))
                .build();

        assertThat(AuditRecord.SCHEMA.itemToMap(created, true)).doesNotContainKey("before_state");
        assertThat(AuditRecord.SCHEMA.mapToItem(AuditRecord.SCHEMA.itemToMap(created, false)))
                .isEqualTo(created);
    }

    @Test
    void aSignInLinkRoundTripsWithItsAttributeNames() {
        SignInLink link = SignInLink.builder()
                .linkId("link-1")
                .kind("link")
                .email("admin@tsa.example")
                .portal("admin")
                .tokenHash("2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae")
                .expirationTime(1_733_047_200L)
                .createdAt("2024-12-01T10:00:00.000Z")
                .usedAt("2024-12-01T10:05:00.000Z")
                .mailStatus("sent")
                .build();

        Map<String, AttributeValue> linkItem = ItemSchemaRoundTrip.attributesOf(SignInLink.SCHEMA, link);

        assertThat(linkItem)
                .containsOnlyKeys(
                        "link_id",
                        "kind",
                        "email",
                        "portal",
                        "token_hash",
                        "expiration_time",
                        "created_at",
                        "used_at",
                        "mail_status",
                        "schema_version");
        assertThat(linkItem.get("expiration_time").n()).isEqualTo("1733047200");
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
        ItemSchemaRoundTrip.assertLossless(CoachInvitation.SCHEMA);
        ItemSchemaRoundTrip.assertLossless(AuditRecord.SCHEMA);
        ItemSchemaRoundTrip.assertLossless(SignInLink.SCHEMA);
    }
}
