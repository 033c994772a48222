package tsa.parent.enrollment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HexFormat;
import org.jboss.logging.Logger;
import tsa.parent.client.CoachServiceClient;
import tsa.parent.client.SyncServiceClient;
import tsa.parent.enrollment.service.EdFiStudents.EdFiEnrollment;
import tsa.parent.enrollment.store.Enrollment;
import tsa.parent.enrollment.store.EnrollmentStore;
import tsa.runtime.client.RemoteFailure;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.time.Timestamps;

/**
 * What follows an enrollment's move to {@code active} (architecture.md: a flow across both stores is a sequence of
 * idempotent steps). Step 1, marking the item active, is the status change itself; then here: (2) one PostgreSQL
 * transaction writes the Ed-Fi {@code students} and {@code student_school_associations} rows if missing, (3) the
 * item records their {@code student_unique_id}, (4) sync-service is told, best effort. Every input is derived from
 * the item as stored (the student id from the enrollment id, the dates from {@code activated_at}), so a retry after a
 * crash between any two steps (a repeated PATCH, or sync-service's {@code POST .../activation} for an active item the
 * reconciliation finds without its student) finishes the same work and creates nothing twice.
 */
@ApplicationScoped
public class EnrollmentActivation {

    private static final Logger LOG = Logger.getLogger(EnrollmentActivation.class);

    @Inject
    EnrollmentStore store;

    @Inject
    EdFiStudents edFi;

    @Inject
    CoachServiceClient coaches;

    @Inject
    SyncServiceClient sync;

    @Inject
    Clock clock;

    /** The Ed-Fi {@code student_unique_id} of an enrollment's student: 23 characters, the same on every retry. */
    public static String studentUniqueIdFor(String enrollmentId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("tsa-enrollment:" + enrollmentId).getBytes(StandardCharsets.UTF_8));
            return "TSA" + HexFormat.of().formatHex(digest).substring(0, 20).toUpperCase();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Steps 2 to 4 for an active enrollment; returns the item as it is afterwards. {@code tellSyncAnyway} sends the
     * student change even when nothing was left to do (sync-service itself asked for the repair).
     */
    public Enrollment finish(Enrollment active, boolean tellSyncAnyway) {
        if (EnrollmentStatus.stored(active.enrollmentStatus()) != EnrollmentStatus.ACTIVE) {
            throw ProblemException.conflict("a " + active.enrollmentStatus() + " enrollment is not being activated");
        }
        String studentUniqueId = studentUniqueIdFor(active.enrollmentId());
        String schoolId = active.schoolId() != null ? active.schoolId() : schoolOfCoach(active.coachId());
        boolean wrote;
        try {
            wrote = edFi.ensure(edFiEnrollment(active, studentUniqueId, schoolId));
        } catch (ProblemException refused) {
            throw refused;
        } catch (RuntimeException e) {
            LOG.errorf(
                    "enrollment %s: the Ed-Fi records could not be written: %s", active.enrollmentId(), e.getMessage());
            throw ProblemException.unavailable(
                    "the enrollment is active but its Ed-Fi records could not be written; " + "try again");
        }
        Enrollment recorded = active;
        if (!studentUniqueId.equals(active.studentUniqueId()) || !schoolId.equals(active.schoolId())) {
            recorded = store.change(
                            active.enrollmentId(),
                            current -> studentUniqueId.equals(current.studentUniqueId())
                                            && schoolId.equals(current.schoolId())
                                    ? current
                                    : current.toBuilder()
                                            .studentUniqueId(studentUniqueId)
                                            .schoolId(schoolId)
                                            .build())
                    .orElseThrow(() -> ProblemException.notFound("no enrollment " + active.enrollmentId()));
            wrote = true;
        }
        if (wrote || tellSyncAnyway) {
            try {
                sync.studentChanged(studentUniqueId);
            } catch (RemoteFailure e) {
                // Best effort: sync-service's reconciliation copies the student from PostgreSQL later.
                LOG.warnf(
                        "enrollment %s: sync-service was not told about student %s: %s",
                        active.enrollmentId(), studentUniqueId, e.getMessage());
            }
        }
        return recorded;
    }

    private String schoolOfCoach(String coachId) {
        return coaches.coach(coachId)
                .map(CoachServiceClient.Coach::schoolId)
                .orElseThrow(() -> ProblemException.conflict("the assigned coach has no profile with a school"));
    }

    private EdFiEnrollment edFiEnrollment(Enrollment active, String studentUniqueId, String schoolId) {
        LocalDate activationDay = LocalDate.ofInstant(
                active.activatedAt() != null ? Timestamps.parse(active.activatedAt()) : clock.instant(),
                ZoneOffset.UTC);
        LocalDate entryDate = active.startDate() != null ? LocalDate.parse(active.startDate()) : activationDay;
        int school;
        try {
            school = Integer.parseInt(schoolId);
        } catch (NumberFormatException e) {
            throw ProblemException.conflict("school " + schoolId + " is not a known school");
        }
        return new EdFiEnrollment(
                studentUniqueId,
                active.studentName(),
                active.dateOfBirth() == null ? null : LocalDate.parse(active.dateOfBirth()),
                school,
                entryDate,
                SchoolYear.of(activationDay),
                active.gradeLevel());
    }
}
