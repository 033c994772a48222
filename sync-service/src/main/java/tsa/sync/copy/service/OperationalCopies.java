package tsa.sync.copy.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import tsa.model.Organization;
import tsa.model.Student;
import tsa.runtime.problem.ProblemException;
import tsa.sync.copy.store.OrganizationCopy;
import tsa.sync.copy.store.OrganizationCopyStore;
import tsa.sync.copy.store.StudentCopy;
import tsa.sync.copy.store.StudentCopyStore;

/**
 * Compliance rows -> operational copies (seed, "Data Flow Patterns"). Every {@code organizations} or {@code students}
 * row this system writes is announced with {@link RowWritten}; once its transaction has committed the copy is put,
 * so a copy never shows a row that was rolled back. A copy that fails to be written is logged and left to the
 * reconciliation, which compares every row with its copy.
 */
@ApplicationScoped
public class OperationalCopies {

    private static final Logger LOG = Logger.getLogger(OperationalCopies.class);

    /** Timestamps of fixed width (microseconds, as PostgreSQL keeps them), so that copies compare as time does. */
    private static final DateTimeFormatter FIXED = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS");

    /** A row written in the current transaction, as its copy will read. */
    public sealed interface RowWritten permits OrganizationWritten, StudentWritten {}

    public record OrganizationWritten(OrganizationCopy copy) implements RowWritten {}

    public record StudentWritten(StudentCopy copy) implements RowWritten {}

    @Inject
    OrganizationCopyStore organizations;

    @Inject
    StudentCopyStore students;

    void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) RowWritten written) {
        try {
            put(written);
        } catch (RuntimeException e) {
            LOG.warnf("operational copy not written (the reconciliation will repair it): %s", e.toString());
        }
    }

    /** Puts the copy now (the reconciliation's repair). */
    public void put(RowWritten written) {
        if (written instanceof OrganizationWritten o) {
            organizations.put(o.copy());
        } else if (written instanceof StudentWritten s) {
            students.put(s.copy());
        }
    }

    /**
     * Brings the copy of one student up to date from its {@code students} row, for a writer outside this service
     * (parent-service's activation). Idempotent: the same row put twice leaves one copy, and a copy of a later row
     * version is never replaced. 404 when PostgreSQL has no such student; 503 when the copy can't be written.
     */
    public void refreshStudent(String studentUniqueId) {
        StudentCopy copy = QuarkusTransaction.requiringNew().call(() -> {
            Student row = Student.findById(studentUniqueId);
            return row == null ? null : copyOf(row);
        });
        if (copy == null) {
            throw ProblemException.notFound("no student " + studentUniqueId);
        }
        try {
            students.put(copy);
        } catch (SdkException e) {
            LOG.warnf("the copy of student %s could not be written: %s", studentUniqueId, e.toString());
            throw ProblemException.unavailable("the operational copy can't be written; the reconciliation will");
        }
    }

    public static OrganizationCopy copyOf(Organization row) {
        return OrganizationCopy.builder()
                .sourcedId(row.sourcedId)
                .status(row.status)
                .dateLastModified(format(row.dateLastModified))
                .name(row.name)
                .type(row.type)
                .identifier(row.identifier)
                .parentId(row.parentId)
                .build();
    }

    public static StudentCopy copyOf(Student row) {
        List<Map<String, String>> races = null;
        if (row.races != null) {
            races = new ArrayList<>();
            for (Map<String, Object> race : row.races) {
                Map<String, String> text = new LinkedHashMap<>();
                race.forEach((k, v) -> text.put(k, v == null ? null : v.toString()));
                races.add(text);
            }
        }
        return StudentCopy.builder()
                .studentUniqueId(row.studentUniqueId)
                .studentUsi(row.studentUsi)
                .firstName(row.firstName)
                .lastName(row.lastName)
                .middleName(row.middleName)
                .generationCodeSuffix(row.generationCodeSuffix)
                .birthDate(row.birthDate == null ? null : row.birthDate.toString())
                .birthCity(row.birthCity)
                .birthStateAbbreviationDescriptor(row.birthStateAbbreviationDescriptor)
                .hispanicLatinoEthnicity(row.hispanicLatinoEthnicity)
                .races(races)
                .etag(row.etag)
                .lastModifiedDate(format(row.lastModifiedDate))
                .createdAt(format(row.createdAt))
                .updatedAt(format(row.updatedAt))
                .build();
    }

    /** The attributes in which a copy differs from what the row says (empty when they agree). */
    public static List<String> differences(OrganizationCopy expected, OrganizationCopy actual) {
        List<String> fields = new ArrayList<>();
        compare(fields, OrganizationCopy.STATUS, expected.status(), actual.status());
        compare(fields, OrganizationCopy.DATE_LAST_MODIFIED, expected.dateLastModified(), actual.dateLastModified());
        compare(fields, OrganizationCopy.NAME, expected.name(), actual.name());
        compare(fields, OrganizationCopy.TYPE, expected.type(), actual.type());
        compare(fields, OrganizationCopy.IDENTIFIER, expected.identifier(), actual.identifier());
        compare(fields, OrganizationCopy.PARENT_ID, expected.parentId(), actual.parentId());
        compare(fields, "schema_version", expected.schemaVersion(), actual.schemaVersion());
        return fields;
    }

    public static List<String> differences(StudentCopy expected, StudentCopy actual) {
        List<String> fields = new ArrayList<>();
        compare(fields, StudentCopy.STUDENT_USI, expected.studentUsi(), actual.studentUsi());
        compare(fields, StudentCopy.FIRST_NAME, expected.firstName(), actual.firstName());
        compare(fields, StudentCopy.LAST_NAME, expected.lastName(), actual.lastName());
        compare(fields, StudentCopy.MIDDLE_NAME, expected.middleName(), actual.middleName());
        compare(
                fields,
                StudentCopy.GENERATION_CODE_SUFFIX,
                expected.generationCodeSuffix(),
                actual.generationCodeSuffix());
        compare(fields, StudentCopy.BIRTH_DATE, expected.birthDate(), actual.birthDate());
        compare(fields, StudentCopy.BIRTH_CITY, expected.birthCity(), actual.birthCity());
        compare(
                fields,
                StudentCopy.BIRTH_STATE_ABBREVIATION_DESCRIPTOR,
                expected.birthStateAbbreviationDescriptor(),
                actual.birthStateAbbreviationDescriptor());
        compare(
                fields,
                StudentCopy.HISPANIC_LATINO_ETHNICITY,
                expected.hispanicLatinoEthnicity(),
                actual.hispanicLatinoEthnicity());
        compare(fields, StudentCopy.RACES, expected.races(), actual.races());
        compare(fields, StudentCopy.ETAG, expected.etag(), actual.etag());
        compare(fields, StudentCopy.LAST_MODIFIED_DATE, expected.lastModifiedDate(), actual.lastModifiedDate());
        compare(fields, "schema_version", expected.schemaVersion(), actual.schemaVersion());
        return fields;
    }

    private static void compare(List<String> fields, String name, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            fields.add(name);
        }
    }

    static String format(LocalDateTime time) {
        return time == null ? null : FIXED.format(time);
    }
}
