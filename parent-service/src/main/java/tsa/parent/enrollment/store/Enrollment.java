package tsa.parent.enrollment.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import tsa.parent.config.ParentTables;
import tsa.runtime.dynamo.SchemaVersion;
import tsa.runtime.dynamo.VersionedItem;

/**
 * A student's enrollment, one item of {@code tsa-parent-enrollmentsdev} (seed) keyed by {@code enrollment_id}.
 * {@code student_age} is the seed's Number, {@code progress_milestones} its List of completed steps. Beyond the seed:
 * {@code invitation_id} (the parent invitation it came from), {@code school_id} (the coach's school), the student
 * details the parent completes ({@code date_of_birth}, {@code grade_level}), {@code milestone_completed_at} (when each
 * step of {@code progress_milestones} was recorded), the activation's record ({@code activated_at},
 * {@code student_unique_id} of the Ed-Fi row) and {@code version}. {@code enrollment_status} and {@code created_at}
 * are also the keys of {@code status-index} (sync-service's reconciliation).
 */
public record Enrollment(
        String enrollmentId,
        String parentEmail,
        String studentName,
        Integer studentAge,
        String sport,
        String coachId,
        String enrollmentStatus,
        List<String> progressMilestones,
        String paymentStatus,
        String startDate,
        String createdAt,
        String invitationId,
        String schoolId,
        String dateOfBirth,
        String gradeLevel,
        Map<String, String> milestoneCompletedAt,
        String activatedAt,
        String studentUniqueId,
        Long version,
        String schemaVersion)
        implements VersionedItem<Enrollment> {

    public static final String ENROLLMENT_ID = "enrollment_id";
    public static final String PARENT_EMAIL = "parent_email";
    public static final String STUDENT_NAME = "student_name";
    public static final String STUDENT_AGE = "student_age";
    public static final String SPORT = "sport";
    public static final String COACH_ID = "coach_id";
    public static final String ENROLLMENT_STATUS = "enrollment_status";
    public static final String PROGRESS_MILESTONES = "progress_milestones";
    public static final String PAYMENT_STATUS = "payment_status";
    public static final String START_DATE = "start_date";
    public static final String CREATED_AT = "created_at";
    public static final String INVITATION_ID = "invitation_id";
    public static final String SCHOOL_ID = "school_id";
    public static final String DATE_OF_BIRTH = "date_of_birth";
    public static final String GRADE_LEVEL = "grade_level";
    public static final String MILESTONE_COMPLETED_AT = "milestone_completed_at";
    public static final String ACTIVATED_AT = "activated_at";
    public static final String STUDENT_UNIQUE_ID = "student_unique_id";
    public static final String VERSION = "version";

    public static final TableSchema<Enrollment> SCHEMA = StaticImmutableTableSchema.builder(
                    Enrollment.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(
                    String.class,
                    a -> a.name(ENROLLMENT_ID)
                            .getter(Enrollment::enrollmentId)
                            .setter(Builder::enrollmentId)
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name(PARENT_EMAIL)
                            .getter(Enrollment::parentEmail)
                            .setter(Builder::parentEmail)
                            .tags(secondaryPartitionKey(ParentTables.PARENT_ENROLLMENTS_INDEX)))
            .addAttribute(
                    String.class,
                    a -> a.name(STUDENT_NAME).getter(Enrollment::studentName).setter(Builder::studentName))
            .addAttribute(
                    Integer.class,
                    a -> a.name(STUDENT_AGE).getter(Enrollment::studentAge).setter(Builder::studentAge))
            .addAttribute(
                    String.class, a -> a.name(SPORT).getter(Enrollment::sport).setter(Builder::sport))
            .addAttribute(
                    String.class,
                    a -> a.name(COACH_ID)
                            .getter(Enrollment::coachId)
                            .setter(Builder::coachId)
                            .tags(secondaryPartitionKey(ParentTables.COACH_ENROLLMENTS_INDEX)))
            .addAttribute(
                    String.class,
                    a -> a.name(ENROLLMENT_STATUS)
                            .getter(Enrollment::enrollmentStatus)
                            .setter(Builder::enrollmentStatus)
                            .tags(secondaryPartitionKey(ParentTables.STATUS_INDEX)))
            .addAttribute(
                    EnhancedType.listOf(String.class),
                    a -> a.name(PROGRESS_MILESTONES)
                            .getter(Enrollment::progressMilestones)
                            .setter(Builder::progressMilestones))
            .addAttribute(
                    String.class,
                    a -> a.name(PAYMENT_STATUS)
                            .getter(Enrollment::paymentStatus)
                            .setter(Builder::paymentStatus))
            .addAttribute(
                    String.class,
                    a -> a.name(START_DATE).getter(Enrollment::startDate).setter(Builder::startDate))
            .addAttribute(
                    String.class,
                    a -> a.name(CREATED_AT)
                            .getter(Enrollment::createdAt)
                            .setter(Builder::createdAt)
                            .tags(secondarySortKey(ParentTables.STATUS_INDEX)))
            .addAttribute(
                    String.class,
                    a -> a.name(INVITATION_ID).getter(Enrollment::invitationId).setter(Builder::invitationId))
            .addAttribute(
                    String.class,
                    a -> a.name(SCHOOL_ID).getter(Enrollment::schoolId).setter(Builder::schoolId))
            .addAttribute(
                    String.class,
                    a -> a.name(DATE_OF_BIRTH).getter(Enrollment::dateOfBirth).setter(Builder::dateOfBirth))
            .addAttribute(
                    String.class,
                    a -> a.name(GRADE_LEVEL).getter(Enrollment::gradeLevel).setter(Builder::gradeLevel))
            .addAttribute(
                    EnhancedType.mapOf(String.class, String.class),
                    a -> a.name(MILESTONE_COMPLETED_AT)
                            .getter(Enrollment::milestoneCompletedAt)
                            .setter(Builder::milestoneCompletedAt))
            .addAttribute(
                    String.class,
                    a -> a.name(ACTIVATED_AT).getter(Enrollment::activatedAt).setter(Builder::activatedAt))
            .addAttribute(
                    String.class,
                    a -> a.name(STUDENT_UNIQUE_ID)
                            .getter(Enrollment::studentUniqueId)
                            .setter(Builder::studentUniqueId))
            .addAttribute(
                    Long.class, a -> a.name(VERSION).getter(Enrollment::version).setter(Builder::version))
            .addAttribute(SchemaVersion.attribute(
                    Enrollment.class, Builder.class, Enrollment::schemaVersion, Builder::schemaVersion))
            .build();

    public Enrollment {
        progressMilestones =
                progressMilestones == null ? null : Collections.unmodifiableList(new ArrayList<>(progressMilestones));
        milestoneCompletedAt = milestoneCompletedAt == null
                ? null
                : Collections.unmodifiableMap(new LinkedHashMap<>(milestoneCompletedAt));
    }

    /** A new item, at the current schema version. */
    public static Builder builder() {
        return new Builder().schemaVersion(SchemaVersion.CURRENT);
    }

    @Override
    public Enrollment withVersion(long next) {
        return toBuilder().version(next).build();
    }

    public Builder toBuilder() {
        return new Builder()
                .enrollmentId(enrollmentId)
                .parentEmail(parentEmail)
                .studentName(studentName)
                .studentAge(studentAge)
                .sport(sport)
                .coachId(coachId)
                .enrollmentStatus(enrollmentStatus)
                .progressMilestones(progressMilestones)
                .paymentStatus(paymentStatus)
                .startDate(startDate)
                .createdAt(createdAt)
                .invitationId(invitationId)
                .schoolId(schoolId)
                .dateOfBirth(dateOfBirth)
                .gradeLevel(gradeLevel)
                .milestoneCompletedAt(milestoneCompletedAt)
                .activatedAt(activatedAt)
                .studentUniqueId(studentUniqueId)
                .version(version)
                .schemaVersion(schemaVersion);
    }

    public static final class Builder {
        private String enrollmentId;
        private String parentEmail;
        private String studentName;
        private Integer studentAge;
        private String sport;
        private String coachId;
        private String enrollmentStatus;
        private List<String> progressMilestones;
        private String paymentStatus;
        private String startDate;
        private String createdAt;
        private String invitationId;
        private String schoolId;
        private String dateOfBirth;
        private String gradeLevel;
        private Map<String, String> milestoneCompletedAt;
        private String activatedAt;
        private String studentUniqueId;
        private Long version;
        private String schemaVersion;

        private Builder() {}

        public Builder enrollmentId(String enrollmentId) {
            this.enrollmentId = enrollmentId;
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

        public Builder studentAge(Integer studentAge) {
            this.studentAge = studentAge;
            return this;
        }

        public Builder sport(String sport) {
            this.sport = sport;
            return this;
        }

        public Builder coachId(String coachId) {
            this.coachId = coachId;
            return this;
        }

        public Builder enrollmentStatus(String enrollmentStatus) {
            this.enrollmentStatus = enrollmentStatus;
            return this;
        }

        public Builder progressMilestones(List<String> progressMilestones) {
            this.progressMilestones = progressMilestones;
            return this;
        }

        public Builder paymentStatus(String paymentStatus) {
            this.paymentStatus = paymentStatus;
            return this;
        }

        public Builder startDate(String startDate) {
            this.startDate = startDate;
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

        public Builder schoolId(String schoolId) {
            this.schoolId = schoolId;
            return this;
        }

        public Builder dateOfBirth(String dateOfBirth) {
            this.dateOfBirth = dateOfBirth;
            return this;
        }

        public Builder gradeLevel(String gradeLevel) {
            this.gradeLevel = gradeLevel;
            return this;
        }

        public Builder milestoneCompletedAt(Map<String, String> milestoneCompletedAt) {
            this.milestoneCompletedAt = milestoneCompletedAt;
            return this;
        }

        public Builder activatedAt(String activatedAt) {
            this.activatedAt = activatedAt;
            return this;
        }

        public Builder studentUniqueId(String studentUniqueId) {
            this.studentUniqueId = studentUniqueId;
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

        public Enrollment build() {
            return new Enrollment(
                    enrollmentId,
                    parentEmail,
                    studentName,
                    studentAge,
                    sport,
                    coachId,
                    enrollmentStatus,
                    progressMilestones,
                    paymentStatus,
                    startDate,
                    createdAt,
                    invitationId,
                    schoolId,
                    dateOfBirth,
                    gradeLevel,
                    milestoneCompletedAt,
                    activatedAt,
                    studentUniqueId,
                    version,
                    schemaVersion);
        }
    }
}
