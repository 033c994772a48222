package tsa.parent.enrollment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import tsa.model.School;
import tsa.model.Student;
import tsa.model.StudentSchoolAssociation;
import tsa.runtime.problem.ProblemException;

/**
 * The activation's PostgreSQL step: the Ed-Fi {@code students} row and its {@code student_school_associations} row,
 * in one transaction, each written only if it is not there yet, so a retry of the step finds what an earlier attempt
 * wrote and creates nothing twice.
 */
@ApplicationScoped
public class EdFiStudents {

    @Inject
    EntityManager entityManager;

    /**
     * What activation writes: the student (keyed by its deterministic {@code studentUniqueId}) and its enrolment in
     * {@code schoolId} from {@code entryDate} in {@code schoolYear}.
     */
    public record EdFiEnrollment(
            String studentUniqueId,
            String studentName,
            LocalDate birthDate,
            int schoolId,
            LocalDate entryDate,
            int schoolYear,
            String gradeLevel) {}

    /** Writes what is missing; true if it wrote anything. A school that is not in {@code schools} is 409. */
    @Transactional
    public boolean ensure(EdFiEnrollment wanted) {
        if (present(wanted)) {
            return false;
        }
        // student_usi is assigned here (max + 1) and both rows are checked again: the lock makes concurrent
        // activations (and sync-service's Ed-Fi API, the other writer of students) take turns, so neither a usi nor a
        // row is written twice.
        entityManager
                .createNativeQuery("SELECT 1 FROM pg_advisory_xact_lock(hashtext(:key))")
                .setParameter("key", Student.USI_LOCK)
                .getSingleResult();
        boolean wrote = false;
        if (Student.findById(wanted.studentUniqueId()) == null) {
            Number maxUsi = (Number) entityManager
                    .createQuery("select coalesce(max(s.studentUsi), 0) from Student s")
                    .getSingleResult();
            Student student = new Student();
            student.studentUniqueId = wanted.studentUniqueId();
            student.studentUsi = maxUsi.intValue() + 1;
            student.firstName = firstName(wanted.studentName());
            student.lastName = lastName(wanted.studentName());
            student.birthDate = wanted.birthDate();
            student.persist();
            wrote = true;
        }
        if (association(wanted) == 0) {
            if (School.findById(wanted.schoolId()) == null) {
                throw ProblemException.conflict("school " + wanted.schoolId() + " is not a known school");
            }
            StudentSchoolAssociation association = new StudentSchoolAssociation();
            association.studentUniqueId = wanted.studentUniqueId();
            association.schoolId = wanted.schoolId();
            association.entryDate = wanted.entryDate();
            association.schoolYear = wanted.schoolYear();
            association.entryGradeLevelDescriptor = wanted.gradeLevel();
            association.persist();
            wrote = true;
        }
        return wrote;
    }

    private boolean present(EdFiEnrollment wanted) {
        return Student.findById(wanted.studentUniqueId()) != null && association(wanted) > 0;
    }

    /** The student's enrolments in the school, whatever their entry date (one per activation). */
    private static long association(EdFiEnrollment wanted) {
        return StudentSchoolAssociation.count(
                "studentUniqueId = ?1 and schoolId = ?2", wanted.studentUniqueId(), wanted.schoolId());
    }

    /** "Ana Maria Lopez" -> first "Ana Maria", last "Lopez"; a single name is both (both columns are NOT NULL). */
    static String firstName(String fullName) {
        String name = fullName.trim();
        int space = name.lastIndexOf(' ');
        return clip(space < 0 ? name : name.substring(0, space).trim());
    }

    static String lastName(String fullName) {
        String name = fullName.trim();
        int space = name.lastIndexOf(' ');
        return clip(space < 0 ? name : name.substring(space + 1));
    }

    private static String clip(String text) {
        return text.length() <= 100 ? text : text.substring(0, 100);
    }
}
