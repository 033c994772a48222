package tsa.coach.invitation.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import tsa.coach.config.CoachTables;
import tsa.runtime.dynamo.SchemaVersion;
import tsa.runtime.dynamo.VersionedItem;

/**
 * A coach's invitation to a parent, one item of {@code parent-invitationsdev} (seed) keyed by {@code invitation_id}.
 * {@code magic_link_token} holds only the hex SHA-256 of the link's secret, never the secret. Beyond the seed:
 * {@code mail_status} ({@code sent|failed}) and {@code version}.
 */
public record ParentInvitation(
        String invitationId,
        String coachId,
        String parentEmail,
        String studentName,
        String sport,
        String invitationStatus,
        String magicLinkToken,
        String expiresAt,
        String sentAt,
        String respondedAt,
        String mailStatus,
        Long version,
        String schemaVersion)
        implements VersionedItem<ParentInvitation> {

    public static final String INVITATION_ID = "invitation_id";
    public static final String COACH_ID = "coach_id";
    public static final String PARENT_EMAIL = "parent_email";
    public static final String STUDENT_NAME = "student_name";
    public static final String SPORT = "sport";
    public static final String INVITATION_STATUS = "invitation_status";
    public static final String MAGIC_LINK_TOKEN = "magic_link_token";
    public static final String EXPIRES_AT = "expires_at";
    public static final String SENT_AT = "sent_at";
    public static final String RESPONDED_AT = "responded_at";
    public static final String MAIL_STATUS = "mail_status";
    public static final String VERSION = "version";

    public static final TableSchema<ParentInvitation> SCHEMA = StaticImmutableTableSchema.builder(
                    ParentInvitation.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(
                    String.class,
                    a -> a.name(INVITATION_ID)
                            .getter(ParentInvitation::invitationId)
                            .setter(Builder::invitationId)
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name(COACH_ID)
                            .getter(ParentInvitation::coachId)
                            .setter(Builder::coachId)
                            .tags(secondaryPartitionKey(CoachTables.COACH_INVITATIONS_INDEX)))
            .addAttribute(
                    String.class,
                    a -> a.name(PARENT_EMAIL)
                            .getter(ParentInvitation::parentEmail)
                            .setter(Builder::parentEmail)
                            .tags(secondaryPartitionKey(CoachTables.PARENT_EMAIL_INDEX)))
            .addAttribute(
                    String.class,
                    a -> a.name(STUDENT_NAME)
                            .getter(ParentInvitation::studentName)
                            .setter(Builder::studentName))
            .addAttribute(
                    String.class,
                    a -> a.name(SPORT).getter(ParentInvitation::sport).setter(Builder::sport))
            .addAttribute(
                    String.class,
                    a -> a.name(INVITATION_STATUS)
                            .getter(ParentInvitation::invitationStatus)
                            .setter(Builder::invitationStatus))
            .addAttribute(
                    String.class,
                    a -> a.name(MAGIC_LINK_TOKEN)
                            .getter(ParentInvitation::magicLinkToken)
                            .setter(Builder::magicLinkToken))
            .addAttribute(
                    String.class,
                    a -> a.name(EXPIRES_AT).getter(ParentInvitation::expiresAt).setter(Builder::expiresAt))
            .addAttribute(
                    String.class,
                    a -> a.name(SENT_AT).getter(ParentInvitation::sentAt).setter(Builder::sentAt))
            .addAttribute(
                    String.class,
                    a -> a.name(RESPONDED_AT)
                            .getter(ParentInvitation::respondedAt)
                            .setter(Builder::respondedAt))
            .addAttribute(
                    String.class,
                    a -> a.name(MAIL_STATUS)
                            .getter(ParentInvitation::mailStatus)
                            .setter(Builder::mailStatus))
            .addAttribute(
                    Long.class,
                    a -> a.name(VERSION).getter(ParentInvitation::version).setter(Builder::version))
            .addAttribute(SchemaVersion.attribute(
                    ParentInvitation.class, Builder.class, ParentInvitation::schemaVersion, Builder::schemaVersion))
            .build();

    /** A new item, at the current schema version. */
    public static Builder builder() {
        return new Builder().schemaVersion(SchemaVersion.CURRENT);
    }

    @Override
    public ParentInvitation withVersion(long version) {
        return toBuilder().version(version).build();
    }

    public Builder toBuilder() {
        return new Builder()
                .invitationId(invitationId)
                .coachId(coachId)
                .parentEmail(parentEmail)
                .studentName(studentName)
                .sport(sport)
                .invitationStatus(invitationStatus)
                .magicLinkToken(magicLinkToken)
                .expiresAt(expiresAt)
                .sentAt(sentAt)
                .respondedAt(respondedAt)
                .mailStatus(mailStatus)
                .version(version)
                .schemaVersion(schemaVersion);
    }

    public static final class Builder {
        private String invitationId;
        private String coachId;
        private String parentEmail;
        private String studentName;
        private String sport;
        private String invitationStatus;
        private String magicLinkToken;
        private String expiresAt;
        private String sentAt;
        private String respondedAt;
        private String mailStatus;
        private Long version;
        private String schemaVersion;

        private Builder() {}

        public Builder invitationId(String invitationId) {
            this.invitationId = invitationId;
            return this;
        }

        public Builder coachId(String coachId) {
            this.coachId = coachId;
            return this;
        }

        public Builder parentEmail(String parentEmail) {
            this.parentEmail = parentEmail;
            return this;
        }

        public Builder studentName(String studentName) {
            this.studentName = studentName;
            return this;
        }

        public Builder sport(String sport) {
            this.sport = sport;
            return this;
        }

        public Builder invitationStatus(String invitationStatus) {
            this.invitationStatus = invitationStatus;
            return this;
        }

        public Builder magicLinkToken(String magicLinkToken) {
            this.magicLinkToken = magicLinkToken;
            return this;
        }

        public Builder expiresAt(String expiresAt) {
            this.expiresAt = expiresAt;
            return this;
        }

        public Builder sentAt(String sentAt) {
            this.sentAt = sentAt;
            return this;
        }

        public Builder respondedAt(String respondedAt) {
            this.respondedAt = respondedAt;
            return this;
        }

        public Builder mailStatus(String mailStatus) {
            this.mailStatus = mailStatus;
            return this;
        }

        public Builder version(Long version) {
            this.version = version;
            return this;
        }

        public Builder schemaVersion(String schemaVersion) {
            this.schemaVersion = schemaVersion;
            return this;
        }

        public ParentInvitation build() {
            return new ParentInvitation(
                    invitationId,
                    coachId,
                    parentEmail,
                    studentName,
                    sport,
                    invitationStatus,
                    magicLinkToken,
                    expiresAt,
                    sentAt,
                    respondedAt,
                    mailStatus,
                    version,
                    schemaVersion);
        }
    }
}
