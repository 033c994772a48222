package tsa.sync.copy.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;
import tsa.runtime.dynamo.SchemaVersion;

/**
 * The operational copy of an Ed-Fi {@code students} row, one item of {@code students-dev} keyed by
 * {@code student_unique_id}; the attributes are the row's columns. Dates and timestamps are ISO-8601 text;
 * {@code races} keeps the column's Ed-Fi items ({@code {"raceDescriptor": ...}}) as a list of string maps.
 */
public record StudentCopy(
        String studentUniqueId,
        Integer studentUsi,
        String firstName,
        String lastName,
        String middleName,
        String generationCodeSuffix,
        String birthDate,
        String birthCity,
        String birthStateAbbreviationDescriptor,
        Boolean hispanicLatinoEthnicity,
        List<Map<String, String>> races,
        String etag,
        String lastModifiedDate,
        String createdAt,
        String updatedAt,
        String schemaVersion) {

    public static final String STUDENT_UNIQUE_ID = "student_unique_id";
    public static final String STUDENT_USI = "student_usi";
    public static final String FIRST_NAME = "first_name";
    public static final String LAST_NAME = "last_name";
    public static final String MIDDLE_NAME = "middle_name";
    public static final String GENERATION_CODE_SUFFIX = "generation_code_suffix";
    public static final String BIRTH_DATE = "birth_date";
    public static final String BIRTH_CITY = "birth_city";
    public static final String BIRTH_STATE_ABBREVIATION_DESCRIPTOR = "birth_state_abbreviation_descriptor";
    public static final String HISPANIC_LATINO_ETHNICITY = "hispanic_latino_ethnicity";
    public static final String RACES = "races";
    public static final String ETAG = "_etag";
    public static final String LAST_MODIFIED_DATE = "_last_modified_date";
    public static final String CREATED_AT = "created_at";
    public static final String UPDATED_AT = "updated_at";

    public static final TableSchema<StudentCopy> SCHEMA = StaticImmutableTableSchema.builder(
                    StudentCopy.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(
                    String.class,
                    a -> a.name(STUDENT_UNIQUE_ID)
                            .getter(StudentCopy::studentUniqueId)
                            .setter(Builder::studentUniqueId)
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    Integer.class,
                    a -> a.name(STUDENT_USI).getter(StudentCopy::studentUsi).setter(Builder::studentUsi))
            .addAttribute(
                    String.class,
                    a -> a.name(FIRST_NAME).getter(StudentCopy::firstName).setter(Builder::firstName))
            .addAttribute(
                    String.class,
                    a -> a.name(LAST_NAME).getter(StudentCopy::lastName).setter(Builder::lastName))
            .addAttribute(
                    String.class,
                    a -> a.name(MIDDLE_NAME).getter(StudentCopy::middleName).setter(Builder::middleName))
            .addAttribute(
                    String.class,
                    a -> a.name(GENERATION_CODE_SUFFIX)
                            .getter(StudentCopy::generationCodeSuffix)
                            .setter(Builder::generationCodeSuffix))
            .addAttribute(
                    String.class,
                    a -> a.name(BIRTH_DATE).getter(StudentCopy::birthDate).setter(Builder::birthDate))
            .addAttribute(
                    String.class,
                    a -> a.name(BIRTH_CITY).getter(StudentCopy::birthCity).setter(Builder::birthCity))
            .addAttribute(
                    String.class,
                    a -> a.name(BIRTH_STATE_ABBREVIATION_DESCRIPTOR)
                            .getter(StudentCopy::birthStateAbbreviationDescriptor)
                            .setter(Builder::birthStateAbbreviationDescriptor))
            .addAttribute(
                    Boolean.class,
                    a -> a.name(HISPANIC_LATINO_ETHNICITY)
                            .getter(StudentCopy::hispanicLatinoEthnicity)
                            .setter(Builder::hispanicLatinoEthnicity))
            .addAttribute(
                    EnhancedType.listOf(EnhancedType.mapOf(String.class, String.class)),
                    a -> a.name(RACES).getter(StudentCopy::races).setter(Builder::races))
            .addAttribute(
                    String.class, a -> a.name(ETAG).getter(StudentCopy::etag).setter(Builder::etag))
            .addAttribute(
                    String.class,
                    a -> a.name(LAST_MODIFIED_DATE)
                            .getter(StudentCopy::lastModifiedDate)
                            .setter(Builder::lastModifiedDate))
            .addAttribute(
                    String.class,
                    a -> a.name(CREATED_AT).getter(StudentCopy::createdAt).setter(Builder::createdAt))
            .addAttribute(
                    String.class,
                    a -> a.name(UPDATED_AT).getter(StudentCopy::updatedAt).setter(Builder::updatedAt))
            .addAttribute(SchemaVersion.attribute(
                    StudentCopy.class, Builder.class, StudentCopy::schemaVersion, Builder::schemaVersion))
            .build();

    public StudentCopy {
        races = races == null ? null : Collections.unmodifiableList(new ArrayList<>(races));
    }

    /** A new item, at the current schema version. */
    public static Builder builder() {
        return new Builder().schemaVersion(SchemaVersion.CURRENT);
    }

    public Builder toBuilder() {
        return new Builder()
                .studentUniqueId(studentUniqueId)
                .studentUsi(studentUsi)
                .firstName(firstName)
                .lastName(lastName)
                .middleName(middleName)
                .generationCodeSuffix(generationCodeSuffix)
                .birthDate(birthDate)
                .birthCity(birthCity)
                .birthStateAbbreviationDescriptor(birthStateAbbreviationDescriptor)
                .hispanicLatinoEthnicity(hispanicLatinoEthnicity)
                .races(races)
                .etag(etag)
                .lastModifiedDate(lastModifiedDate)
                .createdAt(createdAt)
                .updatedAt(updatedAt)
                .schemaVersion(schemaVersion);
    }

    public static final class Builder {
        private String studentUniqueId;
        private Integer studentUsi;
        private String firstName;
        private String lastName;
        private String middleName;
        private String generationCodeSuffix;
        private String birthDate;
        private String birthCity;
        private String birthStateAbbreviationDescriptor;
        private Boolean hispanicLatinoEthnicity;
        private List<Map<String, String>> races;
        private String etag;
        private String lastModifiedDate;
        private String createdAt;
        private String updatedAt;
        private String schemaVersion;

        private Builder() {}

        public Builder studentUniqueId(String studentUniqueId) {
            this.studentUniqueId = studentUniqueId;
            return this;
        }

        public Builder studentUsi(Integer studentUsi) {
            this.studentUsi = studentUsi;
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

        public Builder middleName(String middleName) {
            this.middleName = middleName;
            return this;
        }

        public Builder generationCodeSuffix(String generationCodeSuffix) {
            this.generationCodeSuffix = generationCodeSuffix;
            return this;
        }

        public Builder birthDate(String birthDate) {
            this.birthDate = birthDate;
            return this;
        }

        public Builder birthCity(String birthCity) {
            this.birthCity = birthCity;
            return this;
        }

        public Builder birthStateAbbreviationDescriptor(String birthStateAbbreviationDescriptor) {
            this.birthStateAbbreviationDescriptor = birthStateAbbreviationDescriptor;
            return this;
        }

        public Builder hispanicLatinoEthnicity(Boolean hispanicLatinoEthnicity) {
            this.hispanicLatinoEthnicity = hispanicLatinoEthnicity;
            return this;
        }

        public Builder races(List<Map<String, String>> races) {
            this.races = races;
            return this;
        }

        public Builder etag(String etag) {
            this.etag = etag;
            return this;
        }

        public Builder lastModifiedDate(String lastModifiedDate) {
            this.lastModifiedDate = lastModifiedDate;
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

        public Builder schemaVersion(String schemaVersion) {
            this.schemaVersion = schemaVersion;
            return this;
        }

        public StudentCopy build() {
            return new StudentCopy(
                    studentUniqueId,
                    studentUsi,
                    firstName,
                    lastName,
                    middleName,
                    generationCodeSuffix,
                    birthDate,
                    birthCity,
                    birthStateAbbreviationDescriptor,
                    hispanicLatinoEthnicity,
                    races,
                    etag,
                    lastModifiedDate,
                    createdAt,
                    updatedAt,
                    schemaVersion);
        }
    }
}
