package tsa.parent.appointment.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import tsa.parent.config.ParentTables;
import tsa.runtime.dynamo.SchemaVersion;
import tsa.runtime.dynamo.VersionedItem;

/**
 * A consultation, shadow day or assessment, one item of {@code tsa-parent-schedulingdev} (seed) keyed by
 * {@code appointment_id}. {@code scheduled_date} (ISO date) sorts the coach's schedule in
 * {@code coach-schedule-index}; {@code start_time} and {@code end_time} are local {@code HH:mm}. Beyond the seed:
 * {@code version}, and while a reschedule is under way the time it moves to ({@code reschedule_date},
 * {@code reschedule_start_time}, {@code reschedule_end_time}) and when it began ({@code reschedule_started_at}): the
 * coach's slots it claims for that time belong to this appointment until it moves there or gives up.
 */
public record Appointment(
        String appointmentId,
        String coachId,
        String parentEmail,
        String studentName,
        String appointmentType,
        String scheduledDate,
        String startTime,
        String endTime,
        String status,
        String location,
        String notes,
        Boolean confirmationSent,
        String createdAt,
        Long version,
        String rescheduleDate,
        String rescheduleStartTime,
        String rescheduleEndTime,
        String rescheduleStartedAt,
        String schemaVersion)
        implements VersionedItem<Appointment> {

    public static final String APPOINTMENT_ID = "appointment_id";
    public static final String COACH_ID = "coach_id";
    public static final String PARENT_EMAIL = "parent_email";
    public static final String STUDENT_NAME = "student_name";
    public static final String APPOINTMENT_TYPE = "appointment_type";
    public static final String SCHEDULED_DATE = "scheduled_date";
    public static final String START_TIME = "start_time";
    public static final String END_TIME = "end_time";
    public static final String STATUS = "status";
    public static final String LOCATION = "location";
    public static final String NOTES = "notes";
    public static final String CONFIRMATION_SENT = "confirmation_sent";
    public static final String CREATED_AT = "created_at";
    public static final String VERSION = "version";
    public static final String RESCHEDULE_DATE = "reschedule_date";
    public static final String RESCHEDULE_START_TIME = "reschedule_start_time";
    public static final String RESCHEDULE_END_TIME = "reschedule_end_time";
    public static final String RESCHEDULE_STARTED_AT = "reschedule_started_at";

    public static final TableSchema<Appointment> SCHEMA = StaticImmutableTableSchema.builder(
                    Appointment.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(
                    String.class,
                    a -> a.name(APPOINTMENT_ID)
                            .getter(Appointment::appointmentId)
                            .setter(Builder::appointmentId)
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    String.class,
                    a -> a.name(COACH_ID)
                            .getter(Appointment::coachId)
                            .setter(Builder::coachId)
                            .tags(secondaryPartitionKey(ParentTables.COACH_SCHEDULE_INDEX)))
            .addAttribute(
                    String.class,
                    a -> a.name(PARENT_EMAIL)
                            .getter(Appointment::parentEmail)
                            .setter(Builder::parentEmail)
                            .tags(secondaryPartitionKey(ParentTables.PARENT_APPOINTMENTS_INDEX)))
            .addAttribute(
                    String.class,
                    a -> a.name(STUDENT_NAME).getter(Appointment::studentName).setter(Builder::studentName))
            .addAttribute(
                    String.class,
                    a -> a.name(APPOINTMENT_TYPE)
                            .getter(Appointment::appointmentType)
                            .setter(Builder::appointmentType))
            .addAttribute(
                    String.class,
                    a -> a.name(SCHEDULED_DATE)
                            .getter(Appointment::scheduledDate)
                            .setter(Builder::scheduledDate)
                            .tags(secondarySortKey(ParentTables.COACH_SCHEDULE_INDEX)))
            .addAttribute(
                    String.class,
                    a -> a.name(START_TIME).getter(Appointment::startTime).setter(Builder::startTime))
            .addAttribute(
                    String.class,
                    a -> a.name(END_TIME).getter(Appointment::endTime).setter(Builder::endTime))
            .addAttribute(
                    String.class,
                    a -> a.name(STATUS).getter(Appointment::status).setter(Builder::status))
            .addAttribute(
                    String.class,
                    a -> a.name(LOCATION).getter(Appointment::location).setter(Builder::location))
            .addAttribute(
                    String.class, a -> a.name(NOTES).getter(Appointment::notes).setter(Builder::notes))
            .addAttribute(
                    Boolean.class,
                    a -> a.name(CONFIRMATION_SENT)
                            .getter(Appointment::confirmationSent)
                            .setter(Builder::confirmationSent))
            .addAttribute(
                    String.class,
                    a -> a.name(CREATED_AT).getter(Appointment::createdAt).setter(Builder::createdAt))
            .addAttribute(
                    Long.class,
                    a -> a.name(VERSION).getter(Appointment::version).setter(Builder::version))
            .addAttribute(
                    String.class,
                    a -> a.name(RESCHEDULE_DATE)
                            .getter(Appointment::rescheduleDate)
                            .setter(Builder::rescheduleDate))
            .addAttribute(
                    String.class,
                    a -> a.name(RESCHEDULE_START_TIME)
                            .getter(Appointment::rescheduleStartTime)
                            .setter(Builder::rescheduleStartTime))
            .addAttribute(
                    String.class,
                    a -> a.name(RESCHEDULE_END_TIME)
                            .getter(Appointment::rescheduleEndTime)
                            .setter(Builder::rescheduleEndTime))
            .addAttribute(
                    String.class,
                    a -> a.name(RESCHEDULE_STARTED_AT)
                            .getter(Appointment::rescheduleStartedAt)
                            .setter(Builder::rescheduleStartedAt))
            .addAttribute(SchemaVersion.attribute(
                    Appointment.class, Builder.class, Appointment::schemaVersion, Builder::schemaVersion))
            .build();

    /** A new item, at the current schema version. */
    public static Builder builder() {
        return new Builder().schemaVersion(SchemaVersion.CURRENT);
    }

    @Override
    public Appointment withVersion(long next) {
        return toBuilder().version(next).build();
    }

    public Builder toBuilder() {
        return new Builder()
                .appointmentId(appointmentId)
                .coachId(coachId)
                .parentEmail(parentEmail)
                .studentName(studentName)
                .appointmentType(appointmentType)
                .scheduledDate(scheduledDate)
                .startTime(startTime)
                .endTime(endTime)
                .status(status)
                .location(location)
                .notes(notes)
                .confirmationSent(confirmationSent)
                .createdAt(createdAt)
                .version(version)
                .rescheduleDate(rescheduleDate)
                .rescheduleStartTime(rescheduleStartTime)
                .rescheduleEndTime(rescheduleEndTime)
                .rescheduleStartedAt(rescheduleStartedAt)
                .schemaVersion(schemaVersion);
    }

    public static final class Builder {
        private String appointmentId;
        private String coachId;
        private String parentEmail;
        private String studentName;
        private String appointmentType;
        private String scheduledDate;
        private String startTime;
        private String endTime;
        private String status;
        private String location;
        private String notes;
        private Boolean confirmationSent;
        private String createdAt;
        private Long version;
        private String rescheduleDate;
        private String rescheduleStartTime;
        private String rescheduleEndTime;
        private String rescheduleStartedAt;
        private String schemaVersion;

        private Builder() {}

        public Builder appointmentId(String appointmentId) {
            this.appointmentId = appointmentId;
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

        public Builder appointmentType(String appointmentType) {
            this.appointmentType = appointmentType;
            return this;
        }

        public Builder scheduledDate(String scheduledDate) {
            this.scheduledDate = scheduledDate;
            return this;
        }

        public Builder startTime(String startTime) {
            this.startTime = startTime;
            return this;
        }

        public Builder endTime(String endTime) {
            this.endTime = endTime;
            return this;
        }

        public Builder status(String status) {
            this.status = status;
            return this;
        }

        public Builder location(String location) {
            this.location = location;
            return this;
        }

        public Builder notes(String notes) {
            this.notes = notes;
            return this;
        }

        public Builder confirmationSent(Boolean confirmationSent) {
            this.confirmationSent = confirmationSent;
            return this;
        }

        public Builder createdAt(String createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder version(Long version) {
            this.version = version;
            return this;
        }

        public Builder rescheduleDate(String rescheduleDate) {
            this.rescheduleDate = rescheduleDate;
            return this;
        }

        public Builder rescheduleStartTime(String rescheduleStartTime) {
            this.rescheduleStartTime = rescheduleStartTime;
            return this;
        }

        public Builder rescheduleEndTime(String rescheduleEndTime) {
            this.rescheduleEndTime = rescheduleEndTime;
            return this;
        }

        public Builder rescheduleStartedAt(String rescheduleStartedAt) {
            this.rescheduleStartedAt = rescheduleStartedAt;
            return this;
        }

        public Builder schemaVersion(String schemaVersion) {
            this.schemaVersion = schemaVersion;
            return this;
        }

        public Appointment build() {
            return new Appointment(
                    appointmentId,
                    coachId,
                    parentEmail,
                    studentName,
                    appointmentType,
                    scheduledDate,
                    startTime,
                    endTime,
                    status,
                    location,
                    notes,
                    confirmationSent,
                    createdAt,
                    version,
                    rescheduleDate,
                    rescheduleStartTime,
                    rescheduleEndTime,
                    rescheduleStartedAt,
                    schemaVersion);
        }
    }
}
