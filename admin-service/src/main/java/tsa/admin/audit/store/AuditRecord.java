package tsa.admin.audit.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import tsa.admin.config.AdminTables;
import tsa.runtime.dynamo.SchemaVersion;

/**
 * One admin action, one item of {@code admin-audit-logsdev} (seed) keyed by {@code log_id}; records are append-only.
 * {@code before_state} and {@code after_state} are the seed's Maps: JSON objects stored as DynamoDB maps, nested
 * values included ({@link JsonObjectConverter}). {@code timestamp} sorts both indexes, so it is ISO-8601 UTC text of
 * fixed width. Beyond the seed: {@code outcome} and {@code related_log_id}, set on the record that reports a write
 * failing after its first record ({@code outcome = "failed"}, pointing at that record).
 */
public record AuditRecord(
        String logId,
        String adminEmail,
        String actionType,
        String resourceType,
        String resourceId,
        String actionDescription,
        ObjectNode beforeState,
        ObjectNode afterState,
        String ipAddress,
        String userAgent,
        String sessionId,
        String timestamp,
        String outcome,
        String relatedLogId,
        String schemaVersion) {

    public static final String LOG_ID = "log_id";
    public static final String ADMIN_EMAIL = "admin_email";
    public static final String ACTION_TYPE = "action_type";
    public static final String RESOURCE_TYPE = "resource_type";
    public static final String RESOURCE_ID = "resource_id";
    public static final String ACTION_DESCRIPTION = "action_description";
    public static final String BEFORE_STATE = "before_state";
    public static final String AFTER_STATE = "after_state";
    public static final String IP_ADDRESS = "ip_address";
    public static final String USER_AGENT = "user_agent";
    public static final String SESSION_ID = "session_id";
    public static final String TIMESTAMP = "timestamp";
    public static final String OUTCOME = "outcome";
    public static final String RELATED_LOG_ID = "related_log_id";

    public static final TableSchema<AuditRecord> SCHEMA = StaticImmutableTableSchema.builder(
                    AuditRecord.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(
                    String.class,
                    a -> a.name(LOG_ID)
                            .getter(AuditRecord::logId)
                            .setter(Builder::logId)
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name(ADMIN_EMAIL)
                            .getter(AuditRecord::adminEmail)
                            .setter(Builder::adminEmail)
                            .tags(secondaryPartitionKey(AdminTables.ADMIN_ACTIONS_INDEX)))
            .addAttribute(
                    String.class,
                    a -> a.name(ACTION_TYPE)
                            .getter(AuditRecord::actionType)
                            .setter(Builder::actionType)
                            .tags(secondaryPartitionKey(AdminTables.ACTION_TYPE_INDEX)))
            .addAttribute(
                    String.class,
                    a -> a.name(RESOURCE_TYPE).getter(AuditRecord::resourceType).setter(Builder::resourceType))
            .addAttribute(
                    String.class,
                    a -> a.name(RESOURCE_ID).getter(AuditRecord::resourceId).setter(Builder::resourceId))
            .addAttribute(
                    String.class,
                    a -> a.name(ACTION_DESCRIPTION)
                            .getter(AuditRecord::actionDescription)
                            .setter(Builder::actionDescription))
            .addAttribute(
                    EnhancedType.of(ObjectNode.class),
                    a -> a.name(BEFORE_STATE)
                            .getter(AuditRecord::beforeState)
                            .setter(Builder::beforeState)
                            .attributeConverter(JsonObjectConverter.INSTANCE))
            .addAttribute(
                    EnhancedType.of(ObjectNode.class),
                    a -> a.name(AFTER_STATE)
                            .getter(AuditRecord::afterState)
                            .setter(Builder::afterState)
                            .attributeConverter(JsonObjectConverter.INSTANCE))
            .addAttribute(
                    String.class,
                    a -> a.name(IP_ADDRESS).getter(AuditRecord::ipAddress).setter(Builder::ipAddress))
            .addAttribute(
                    String.class,
                    a -> a.name(USER_AGENT).getter(AuditRecord::userAgent).setter(Builder::userAgent))
            .addAttribute(
                    String.class,
                    a -> a.name(SESSION_ID).getter(AuditRecord::sessionId).setter(Builder::sessionId))
            .addAttribute(
                    String.class,
                    a -> a.name(TIMESTAMP)
                            .getter(AuditRecord::timestamp)
                            .setter(Builder::timestamp)
                            .tags(secondarySortKey(
                                    List.of(AdminTables.ADMIN_ACTIONS_INDEX, AdminTables.ACTION_TYPE_INDEX))))
            .addAttribute(
                    String.class,
                    a -> a.name(OUTCOME).getter(AuditRecord::outcome).setter(Builder::outcome))
            .addAttribute(
                    String.class,
                    a -> a.name(RELATED_LOG_ID)
                            .getter(AuditRecord::relatedLogId)
                            .setter(Builder::relatedLogId))
            .addAttribute(SchemaVersion.attribute(
                    AuditRecord.class, Builder.class, AuditRecord::schemaVersion, Builder::schemaVersion))
            .build();

    /** A new item, at the current schema version. */
    public static Builder builder() {
        return new Builder().schemaVersion(SchemaVersion.CURRENT);
    }

    public Builder toBuilder() {
        return new Builder()
                .logId(logId)
                .adminEmail(adminEmail)
                .actionType(actionType)
                .resourceType(resourceType)
                .resourceId(resourceId)
                .actionDescription(actionDescription)
                .beforeState(beforeState)
                .afterState(afterState)
                .ipAddress(ipAddress)
                .userAgent(userAgent)
                .sessionId(sessionId)
                .timestamp(timestamp)
                .outcome(outcome)
                .relatedLogId(relatedLogId)
                .schemaVersion(schemaVersion);
    }

    public static final class Builder {
        private String logId;
        private String adminEmail;
        private String actionType;
        private String resourceType;
        private String resourceId;
        private String actionDescription;
        private ObjectNode beforeState;
        private ObjectNode afterState;
        private String ipAddress;
        private String userAgent;
        private String sessionId;
        private String timestamp;
        private String outcome;
        private String relatedLogId;
        private String schemaVersion;

        private Builder() {}

        public Builder logId(String logId) {
            this.logId = logId;
            return this;
        }

        public Builder adminEmail(String adminEmail) {
            this.adminEmail = adminEmail;
            return this;
        }

        public Builder actionType(String actionType) {
            this.actionType = actionType;
            return this;
        }

        public Builder resourceType(String resourceType) {
            this.resourceType = resourceType;
            return this;
        }

        public Builder resourceId(String resourceId) {
            this.resourceId = resourceId;
            return this;
        }

        public Builder actionDescription(String actionDescription) {
            this.actionDescription = actionDescription;
            return this;
        }

        public Builder beforeState(ObjectNode beforeState) {
            this.beforeState = beforeState;
            return this;
        }

        public Builder afterState(ObjectNode afterState) {
            this.afterState = afterState;
            return this;
        }

        public Builder ipAddress(String ipAddress) {
            this.ipAddress = ipAddress;
            return this;
        }

        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        public Builder timestamp(String timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Builder outcome(String outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder relatedLogId(String relatedLogId) {
            this.relatedLogId = relatedLogId;
            return this;
        }

        public Builder schemaVersion(String schemaVersion) {
            this.schemaVersion = schemaVersion;
            return this;
        }

        public AuditRecord build() {
            return new AuditRecord(
                    logId,
                    adminEmail,
                    actionType,
                    resourceType,
                    resourceId,
                    actionDescription,
                    beforeState,
                    afterState,
                    ipAddress,
                    userAgent,
                    sessionId,
                    timestamp,
                    outcome,
                    relatedLogId,
                    schemaVersion);
        }
    }
}
