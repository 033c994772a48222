package tsa.coach.onboarding.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import tsa.runtime.dynamo.SchemaVersion;
import tsa.runtime.dynamo.VersionedItem;

/**
 * An onboarding wizard session, one item of {@code coach-onboarding-sessionsdev} (seed) keyed by {@code session_id}.
 * {@code form_data} is the seed's Map, kept flat: form field name to its text value, stored as a DynamoDB map of
 * strings (the enhanced client maps {@code Map<String, String>} natively); a field with several values, such as the
 * sport specialties, is written as one string by the onboarding service. {@code expiration_time} is the TTL, in epoch
 * seconds. Beyond the seed: {@code invitation_id} (the session's id derives from it), {@code updated_at} and
 * {@code version}.
 */
public record OnboardingSession(
        String sessionId,
        String coachId,
        String onboardingStep,
        Map<String, String> formData,
        Long expirationTime,
        String createdAt,
        String invitationId,
        String updatedAt,
        Long version,
        String schemaVersion)
        implements VersionedItem<OnboardingSession> {

    public static final String SESSION_ID = "session_id";
    public static final String COACH_ID = "coach_id";
    public static final String ONBOARDING_STEP = "onboarding_step";
    public static final String FORM_DATA = "form_data";
    public static final String EXPIRATION_TIME = "expiration_time";
    public static final String CREATED_AT = "created_at";
    public static final String INVITATION_ID = "invitation_id";
    public static final String UPDATED_AT = "updated_at";
    public static final String VERSION = "version";

    public static final TableSchema<OnboardingSession> SCHEMA = StaticImmutableTableSchema.builder(
                    OnboardingSession.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(
                    String.class,
                    a -> a.name(SESSION_ID)
                            .getter(OnboardingSession::sessionId)
                            .setter(Builder::sessionId)
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name(COACH_ID).getter(OnboardingSession::coachId).setter(Builder::coachId))
            .addAttribute(
                    String.class,
                    a -> a.name(ONBOARDING_STEP)
                            .getter(OnboardingSession::onboardingStep)
                            .setter(Builder::onboardingStep))
            .addAttribute(
                    EnhancedType.mapOf(String.class, String.class),
                    a -> a.name(FORM_DATA).getter(OnboardingSession::formData).setter(Builder::formData))
            .addAttribute(
                    Long.class,
                    a -> a.name(EXPIRATION_TIME)
                            .getter(OnboardingSession::expirationTime)
                            .setter(Builder::expirationTime))
            .addAttribute(
                    String.class,
                    a -> a.name(CREATED_AT).getter(OnboardingSession::createdAt).setter(Builder::createdAt))
            .addAttribute(
                    String.class,
                    a -> a.name(INVITATION_ID)
                            .getter(OnboardingSession::invitationId)
                            .setter(Builder::invitationId))
            .addAttribute(
                    String.class,
                    a -> a.name(UPDATED_AT).getter(OnboardingSession::updatedAt).setter(Builder::updatedAt))
            .addAttribute(
                    Long.class,
                    a -> a.name(VERSION).getter(OnboardingSession::version).setter(Builder::version))
            .addAttribute(SchemaVersion.attribute(
                    OnboardingSession.class, Builder.class, OnboardingSession::schemaVersion, Builder::schemaVersion))
            .build();

    public OnboardingSession {
        formData = formData == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(formData));
    }

    /** A new item, at the current schema version. */
    public static Builder builder() {
        return new Builder().schemaVersion(SchemaVersion.CURRENT);
    }

    @Override
    public OnboardingSession withVersion(long version) {
        return toBuilder().version(version).build();
    }

    public Builder toBuilder() {
        return new Builder()
                .sessionId(sessionId)
                .coachId(coachId)
                .onboardingStep(onboardingStep)
                .formData(formData)
                .expirationTime(expirationTime)
                .createdAt(createdAt)
                .invitationId(invitationId)
                .updatedAt(updatedAt)
                .version(version)
                .schemaVersion(schemaVersion);
    }

    public static final class Builder {
        private String sessionId;
        private String coachId;
        private String onboardingStep;
        private Map<String, String> formData;
        private Long expirationTime;
        private String createdAt;
        private String invitationId;
        private String updatedAt;
        private Long version;
        private String schemaVersion;

        private Builder() {}

        public Builder sessionId(String sessionId) {
            this.sessionId = sessionId;
            return this;
        }

        public Builder coachId(String coachId) {
            this.coachId = coachId;
            return this;
        }

        public Builder onboardingStep(String onboardingStep) {
            this.onboardingStep = onboardingStep;
            return this;
        }

        public Builder formData(Map<String, String> formData) {
            this.formData = formData;
            return this;
        }

        public Builder expirationTime(Long expirationTime) {
            this.expirationTime = expirationTime;
            return this;
        }

        public Builder createdAt(String createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder invitationId(String invitationId) {
            this.invitationId = invitationId;
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

        public Builder schemaVersion(String schemaVersion) {
            this.schemaVersion = schemaVersion;
            return this;
        }

        public OnboardingSession build() {
            return new OnboardingSession(
                    sessionId,
                    coachId,
                    onboardingStep,
                    formData,
                    expirationTime,
                    createdAt,
                    invitationId,
                    updatedAt,
                    version,
                    schemaVersion);
        }
    }
}
