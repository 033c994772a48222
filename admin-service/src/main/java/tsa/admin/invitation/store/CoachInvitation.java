package tsa.admin.invitation.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import tsa.admin.config.AdminTables;
import tsa.runtime.dynamo.SchemaVersion;
import tsa.runtime.dynamo.VersionedItem;

/**
 * An admin's invitation to a coach, one item of {@code coach-invitationsdev} (seed) keyed by {@code invitation_id}.
 * {@code magic_link_token} holds only the hex SHA-256 of the link's secret, never the secret. Beyond the seed:
 * {@code coach_id} (minted with the invitation, the coach's id from then on), {@code school_id}, {@code mail_status}
 * ({@code sent|failed}), the optional {@code message} and {@code version}. {@code sent_at} sorts
 * {@code status-index}, so it is ISO-8601 UTC text of fixed width.
 */
public record CoachInvitation(
        String invitationId,
        String adminEmail,
        String coachEmail,
        String firstName,
        String lastName,
        String schoolName,
        String sport,
        String invitationStatus,
        String magicLinkToken,
        List<String> permissions,
        String expiresAt,
        String sentAt,
        String acceptedAt,
        String coachId,
        String schoolId,
        String mailStatus,
        String message,
        Long version,
        String schemaVersion)
        implements VersionedItem<CoachInvitation> {

    public static final String INVITATION_ID = "invitation_id";
    public static final String ADMIN_EMAIL = "admin_email";
    public static final String COACH_EMAIL = "coach_email";
    public static final String FIRST_NAME = "first_name";
    public static final String LAST_NAME = "last_name";
    public static final String SCHOOL_NAME = "school_name";
    public static final String SPORT = "sport";
    public static final String INVITATION_STATUS = "invitation_status";
    public static final String MAGIC_LINK_TOKEN = "magic_link_token";
    public static final String PERMISSIONS = "permissions";
    public static final String EXPIRES_AT = "expires_at";
    public static final String SENT_AT = "sent_at";
    public static final String ACCEPTED_AT = "accepted_at";
    public static final String COACH_ID = "coach_id";
    public static final String SCHOOL_ID = "school_id";
    public static final String MAIL_STATUS = "mail_status";
    public static final String MESSAGE = "message";
    public static final String VERSION = "version";

    public static final TableSchema<CoachInvitation> SCHEMA = StaticImmutableTableSchema.builder(
                    CoachInvitation.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(
                    String.class,
                    a -> a.name(INVITATION_ID)
                            .getter(CoachInvitation::invitationId)
                            .setter(Builder::invitationId)
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name(ADMIN_EMAIL).getter(CoachInvitation::adminEmail).setter(Builder::adminEmail))
            .addAttribute(
                    String.class,
                    a -> a.name(COACH_EMAIL)
                            .getter(CoachInvitation::coachEmail)
                            .setter(Builder::coachEmail)
                            .tags(secondaryPartitionKey(AdminTables.COACH_EMAIL_INDEX)))
            .addAttribute(
                    String.class,
                    a -> a.name(FIRST_NAME).getter(CoachInvitation::firstName).setter(Builder::firstName))
            .addAttribute(
                    String.class,
                    a -> a.name(LAST_NAME).getter(CoachInvitation::lastName).setter(Builder::lastName))
            .addAttribute(
                    String.class,
                    a -> a.name(SCHOOL_NAME).getter(CoachInvitation::schoolName).setter(Builder::schoolName))
            .addAttribute(
                    String.class,
                    a -> a.name(SPORT).getter(CoachInvitation::sport).setter(Builder::sport))
            .addAttribute(
                    String.class,
                    a -> a.name(INVITATION_STATUS)
                            .getter(CoachInvitation::invitationStatus)
                            .setter(Builder::invitationStatus)
                            .tags(secondaryPartitionKey(AdminTables.STATUS_INDEX)))
            .addAttribute(
                    String.class,
                    a -> a.name(MAGIC_LINK_TOKEN)
                            .getter(CoachInvitation::magicLinkToken)
                            .setter(Builder::magicLinkToken))
            .addAttribute(
                    EnhancedType.listOf(String.class),
                    a -> a.name(PERMISSIONS)
                            .getter(CoachInvitation::permissions)
                            .setter(Builder::permissions))
            .addAttribute(
                    String.class,
                    a -> a.name(EXPIRES_AT).getter(CoachInvitation::expiresAt).setter(Builder::expiresAt))
            .addAttribute(
                    String.class,
                    a -> a.name(SENT_AT)
                            .getter(CoachInvitation::sentAt)
                            .setter(Builder::sentAt)
                            .tags(secondarySortKey(AdminTables.STATUS_INDEX)))
            .addAttribute(
                    String.class,
                    a -> a.name(ACCEPTED_AT).getter(CoachInvitation::acceptedAt).setter(Builder::acceptedAt))
            .addAttribute(
                    String.class,
                    a -> a.name(COACH_ID).getter(CoachInvitation::coachId).setter(Builder::coachId))
            .addAttribute(
                    String.class,
                    a -> a.name(SCHOOL_ID).getter(CoachInvitation::schoolId).setter(Builder::schoolId))
            .addAttribute(
                    String.class,
                    a -> a.name(MAIL_STATUS).getter(CoachInvitation::mailStatus).setter(Builder::mailStatus))
            .addAttribute(
                    String.class,
                    a -> a.name(MESSAGE).getter(CoachInvitation::message).setter(Builder::message))
            .addAttribute(
                    Long.class,
                    a -> a.name(VERSION).getter(CoachInvitation::version).setter(Builder::version))
            .addAttribute(SchemaVersion.attribute(
                    CoachInvitation.class, Builder.class, CoachInvitation::schemaVersion, Builder::schemaVersion))
            .build();

    public CoachInvitation {
        permissions = permissions == null ? null : Collections.unmodifiableList(new ArrayList<>(permissions));
    }

    /** A new item, at the current schema version. */
    public static Builder builder() {
        return new Builder().schemaVersion(SchemaVersion.CURRENT);
    }

    @Override
    public CoachInvitation withVersion(long version) {
        return toBuilder().version(version).build();
    }

    public Builder toBuilder() {
        return new Builder()
                .invitationId(invitationId)
                .adminEmail(adminEmail)
                .coachEmail(coachEmail)
                .firstName(firstName)
                .lastName(lastName)
                .schoolName(schoolName)
                .sport(sport)
                .invitationStatus(invitationStatus)
                .magicLinkToken(magicLinkToken)
                .permissions(permissions)
                .expiresAt(expiresAt)
                .sentAt(sentAt)
                .acceptedAt(acceptedAt)
                .coachId(coachId)
                .schoolId(schoolId)
                .mailStatus(mailStatus)
                .message(message)
                .version(version)
                .schemaVersion(schemaVersion);
    }

    public static final class Builder {
        private String invitationId;
        private String adminEmail;
        private String coachEmail;
        private String firstName;
        private String lastName;
        private String schoolName;
        private String sport;
        private String invitationStatus;
        private String magicLinkToken;
        private List<String> permissions;
        private String expiresAt;
        private String sentAt;
        private String acceptedAt;
        private String coachId;
        private String schoolId;
        private String mailStatus;
        private String message;
        private Long version;
        private String schemaVersion;

        private Builder() {}

        public Builder invitationId(String invitationId) {
            this.invitationId = invitationId;
            return this;
        }

        public Builder adminEmail(String adminEmail) {
            this.adminEmail = adminEmail;
            return this;
        }

        public Builder coachEmail(String coachEmail) {
            this.coachEmail = coachEmail;
            return this;
        }

        public Builder firstName(String firstName) {
            this.firstName = firstName;
            return this;
        }

        public Builder lastName(String lastName) {
            this.lastName = lastName;
            return this;
        }

        public Builder schoolName(String schoolName) {
            this.schoolName = schoolName;
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

        public Builder permissions(List<String> permissions) {
            this.permissions = permissions;
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

        public Builder acceptedAt(String acceptedAt) {
            this.acceptedAt = acceptedAt;
            return this;
        }

        public Builder coachId(String coachId) {
            this.coachId = coachId;
            return this;
        }

        public Builder schoolId(String schoolId) {
            this.schoolId = schoolId;
            return this;
        }

        public Builder mailStatus(String mailStatus) {
            this.mailStatus = mailStatus;
            return this;
        }

        public Builder message(String message) {
            this.message = message;
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

        public CoachInvitation build() {
            return new CoachInvitation(
                    invitationId,
                    adminEmail,
                    coachEmail,
                    firstName,
                    lastName,
                    schoolName,
                    sport,
                    invitationStatus,
                    magicLinkToken,
                    permissions,
                    expiresAt,
                    sentAt,
                    acceptedAt,
                    coachId,
                    schoolId,
                    mailStatus,
                    message,
                    version,
                    schemaVersion);
        }
    }
}
