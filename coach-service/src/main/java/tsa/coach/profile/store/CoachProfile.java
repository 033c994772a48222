package tsa.coach.profile.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import tsa.coach.config.CoachTables;
import tsa.runtime.dynamo.SchemaVersion;
import tsa.runtime.dynamo.VersionedItem;

/**
 * A coach profile, one item of {@code profilesdev} (seed) keyed by {@code coach_id}. Beyond the seed: {@code version}
 * for conditional writes; {@code sync_pending}, present only while sync-service has not acknowledged the latest
 * version, so that the sparse {@code sync-pending-index} holds only those profiles; and {@code permissions}, what the
 * coach invitation allowed (absent on profiles written before permissions were carried over: see
 * {@code CoachPermissions}). Timestamps are ISO-8601 UTC
 * strings of fixed width, since {@code updated_at} sorts two indexes.
 */
public record CoachProfile(
        String coachId,
        String firstName,
        String lastName,
        String email,
        String phone,
        String schoolId,
        List<String> sportSpecialties,
        String profileStatus,
        String createdAt,
        String updatedAt,
        Long version,
        String syncPending,
        List<String> permissions,
        String schemaVersion)
        implements VersionedItem<CoachProfile> {

    public static final String COACH_ID = "coach_id";
    public static final String FIRST_NAME = "first_name";
    public static final String LAST_NAME = "last_name";
    public static final String EMAIL = "email";
    public static final String PHONE = "phone";
    public static final String SCHOOL_ID = "school_id";
    public static final String SPORT_SPECIALTIES = "sport_specialties";
    public static final String PROFILE_STATUS = "profile_status";
    public static final String CREATED_AT = "created_at";
    public static final String UPDATED_AT = "updated_at";
    public static final String VERSION = "version";
    public static final String SYNC_PENDING = "sync_pending";
    public static final String PERMISSIONS = "permissions";

    /** The one value {@code sync_pending} takes when present: the hash key the re-send job queries. */
    public static final String SYNC_PENDING_VALUE = "pending";

    public static final TableSchema<CoachProfile> SCHEMA = StaticImmutableTableSchema.builder(
                    CoachProfile.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(
                    String.class,
                    a -> a.name(COACH_ID)
                            .getter(CoachProfile::coachId)
                            .setter(Builder::coachId)
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name(FIRST_NAME).getter(CoachProfile::firstName).setter(Builder::firstName))
            .addAttribute(
                    String.class,
                    a -> a.name(LAST_NAME).getter(CoachProfile::lastName).setter(Builder::lastName))
            .addAttribute(
                    String.class, a -> a.name(EMAIL).getter(CoachProfile::email).setter(Builder::email))
            .addAttribute(
                    String.class, a -> a.name(PHONE).getter(CoachProfile::phone).setter(Builder::phone))
            .addAttribute(
                    String.class,
                    a -> a.name(SCHOOL_ID)
                            .getter(CoachProfile::schoolId)
                            .setter(Builder::schoolId)
                            .tags(secondaryPartitionKey(CoachTables.SCHOOL_INDEX)))
            .addAttribute(
                    EnhancedType.listOf(String.class),
                    a -> a.name(SPORT_SPECIALTIES)
                            .getter(CoachProfile::sportSpecialties)
                            .setter(Builder::sportSpecialties))
            .addAttribute(
                    String.class,
                    a -> a.name(PROFILE_STATUS)
                            .getter(CoachProfile::profileStatus)
                            .setter(Builder::profileStatus)
                            .tags(secondaryPartitionKey(CoachTables.STATUS_INDEX)))
            .addAttribute(
                    String.class,
                    a -> a.name(CREATED_AT).getter(CoachProfile::createdAt).setter(Builder::createdAt))
            .addAttribute(
                    String.class,
                    a -> a.name(UPDATED_AT)
                            .getter(CoachProfile::updatedAt)
                            .setter(Builder::updatedAt)
                            .tags(secondarySortKey(List.of(CoachTables.STATUS_INDEX, CoachTables.SYNC_PENDING_INDEX))))
            .addAttribute(
                    Long.class,
                    a -> a.name(VERSION).getter(CoachProfile::version).setter(Builder::version))
            .addAttribute(
                    String.class,
                    a -> a.name(SYNC_PENDING)
                            .getter(CoachProfile::syncPending)
                            .setter(Builder::syncPending)
                            .tags(secondaryPartitionKey(CoachTables.SYNC_PENDING_INDEX)))
            .addAttribute(
                    EnhancedType.listOf(String.class),
                    a -> a.name(PERMISSIONS).getter(CoachProfile::permissions).setter(Builder::permissions))
            .addAttribute(SchemaVersion.attribute(
                    CoachProfile.class, Builder.class, CoachProfile::schemaVersion, Builder::schemaVersion))
            .build();

    public CoachProfile {
        sportSpecialties =
                sportSpecialties == null ? null : Collections.unmodifiableList(new ArrayList<>(sportSpecialties));
        permissions = permissions == null ? null : Collections.unmodifiableList(new ArrayList<>(permissions));
    }

    /** A new item, at the current schema version. */
    public static Builder builder() {
        return new Builder().schemaVersion(SchemaVersion.CURRENT);
    }

    @Override
    public CoachProfile withVersion(long version) {
        return toBuilder().version(version).build();
    }

    public Builder toBuilder() {
        return new Builder()
                .coachId(coachId)
                .firstName(firstName)
                .lastName(lastName)
                .email(email)
                .phone(phone)
                .schoolId(schoolId)
                .sportSpecialties(sportSpecialties)
                .profileStatus(profileStatus)
                .createdAt(createdAt)
                .updatedAt(updatedAt)
                .version(version)
                .syncPending(syncPending)
                .permissions(permissions)
                .schemaVersion(schemaVersion);
    }

    public static final class Builder {
        private String coachId;
        private String firstName;
        private String lastName;
        private String email;
        private String phone;
        private String schoolId;
        private List<String> sportSpecialties;
        private String profileStatus;
        private String createdAt;
        private String updatedAt;
        private Long version;
        private String syncPending;
        private List<String> permissions;
        private String schemaVersion;

        private Builder() {}

        public Builder coachId(String coachId) {
            this.coachId = coachId;
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

        public Builder email(String email) {
            this.email = email;
            return this;
        }

        public Builder phone(String phone) {
            this.phone = phone;
            return this;
        }

        public Builder schoolId(String schoolId) {
            this.schoolId = schoolId;
            return this;
        }

        public Builder sportSpecialties(List<String> sportSpecialties) {
            this.sportSpecialties = sportSpecialties;
            return this;
        }

        public Builder profileStatus(String profileStatus) {
            this.profileStatus = profileStatus;
            return this;
        }

        public Builder createdAt(String createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder updatedAt(String updatedAt) {
            this.updatedAt = updatedAt;
            return this;
        }

        public Builder version(Long version) {
            this.version = version;
            return this;
        }

        public Builder syncPending(String syncPending) {
            this.syncPending = syncPending;
            return this;
        }

        public Builder permissions(List<String> permissions) {
            this.permissions = permissions;
            return this;
        }

        public Builder schemaVersion(String schemaVersion) {
            this.schemaVersion = schemaVersion;
            return this;
        }

        public CoachProfile build() {
            return new CoachProfile(
                    coachId,
                    firstName,
                    lastName,
                    email,
                    phone,
                    schoolId,
                    sportSpecialties,
                    profileStatus,
                    createdAt,
                    updatedAt,
                    version,
                    syncPending,
                    permissions,
                    schemaVersion);
        }
    }
}
