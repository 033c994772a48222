package tsa.sync.reconciliation.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import tsa.model.Organization;
import tsa.model.ProfileSyncLog;
import tsa.model.Student;
import tsa.model.StudentSchoolAssociation;
import tsa.model.SyncStatus;
import tsa.model.SyncType;
import tsa.model.User;
import tsa.model.UserRole;
import tsa.runtime.audit.AdminAction;
import tsa.runtime.audit.AdminAuditTrail;
import tsa.runtime.client.RemoteFailure;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Caller;
import tsa.runtime.time.Timestamps;
import tsa.sync.client.CoachServiceClient;
import tsa.sync.client.ParentServiceClient;
import tsa.sync.client.ParentServiceClient.EnrollmentRef;
import tsa.sync.config.SyncSettings;
import tsa.sync.copy.service.OperationalCopies;
import tsa.sync.copy.store.OrganizationCopy;
import tsa.sync.copy.store.OrganizationCopyStore;
import tsa.sync.copy.store.StudentCopy;
import tsa.sync.copy.store.StudentCopyStore;
import tsa.sync.log.service.CoachUserSync;
import tsa.sync.log.service.Delivery;
import tsa.sync.log.service.ProfileChangeIntake;
import tsa.sync.log.service.ProfileSnapshot;
import tsa.sync.log.service.SyncWorker;
import tsa.sync.organization.service.SchoolOrganizations;
import tsa.sync.reconciliation.service.ReconciliationReport.UncheckedPart;
import tsa.sync.status.service.SyncMetrics;

/**
 * The automated consistency check between the two stores (seed, "Data Flow Patterns"): every coach profile (read
 * through coach-service's internal list, one status at a time) against every coach row in {@code users}, every
 * school against {@code organizations}, every active enrollment (read through parent-service's internal list)
 * against its Ed-Fi {@code students} and {@code student_school_associations} rows, and every {@code organizations}
 * and {@code students} row against its operational copy. With repair, profile and user discrepancies are fixed
 * through the normal sync path (log rows with {@code "source": "reconciliation"}), organisations through the same
 * derivation as the sync, enrollments by asking parent-service to finish their activation (it owns those rows), and
 * copies by writing them again. Hourly and on demand; one at a time across replicas.
 * <p>
 * coach-service is needed for the run to mean anything (without profiles every user would look orphaned), so its
 * unavailability fails the run. parent-service's only takes out the enrollment part: the report lists it as
 * {@code unchecked} and the rest completes.
 * <p>
 * The latest report is kept in memory: a run is cheap to repeat, its repairs are durable in the sync log, and no
 * table for reports is named in architecture.md. After a restart, {@code latest} is 404 until the next run.
 */
@ApplicationScoped
public class Reconciliations {

    private static final Logger LOG = Logger.getLogger(Reconciliations.class);
    private static final List<String> PROFILE_STATUSES = List.of("active", "inactive", "pending");
    private static final Duration REPAIR_WAIT = Duration.ofSeconds(10);
    private static final Duration RECHECK = Duration.ofMillis(200);
    private static final String ACTIVE = "active";
    private static final Set<DiscrepancyKind> ENROLLMENT_KINDS =
            Set.of(DiscrepancyKind.ENROLLMENT_WITHOUT_STUDENT, DiscrepancyKind.ENROLLMENT_WITHOUT_SCHOOL_ASSOCIATION);

    @Inject
    CoachServiceClient coaches;

    @Inject
    ParentServiceClient parents;

    @Inject
    CoachUserSync users;

    @Inject
    ProfileChangeIntake intake;

    @Inject
    SyncWorker worker;

    @Inject
    SchoolOrganizations organizations;

    @Inject
    OrganizationCopyStore organizationCopies;

    @Inject
    StudentCopyStore studentCopies;

    @Inject
    OperationalCopies copies;

    @Inject
    AdminAuditTrail audit;

    @Inject
    Caller caller;

    @Inject
    SyncMetrics metrics;

    @Inject
    SyncSettings settings;

    @Inject
    DataSource dataSource;

    @Inject
    Clock clock;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicReference<ReconciliationReport> latest = new AtomicReference<>();

    public Optional<ReconciliationReport> latest() {
        return Optional.ofNullable(latest.get());
    }

    /** An admin's run, recorded in the audit trail first; answers with the finished report. */
    public ReconciliationReport runRequested(boolean repair) {
        if (running.get()) {
            throw alreadyRunning();
        }
        String id = UUID.randomUUID().toString();
        String admin = caller.email();
        AdminAction action = new AdminAction(
                AdminAction.CREATE,
                "reconciliation",
                id,
                repair ? "run a reconciliation and repair what it finds" : "run a reconciliation (report only)",
                Map.of(),
                Map.of("repair", repair));
        return audit.audited(action, () -> run(id, ReconciliationReport.MANUAL, repair, admin));
    }

    @Scheduled(
            identity = "sync-reconciliation",
            every = "${tsa.sync.reconciliation.every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            ReconciliationReport report = run(
                    UUID.randomUUID().toString(),
                    ReconciliationReport.SCHEDULED,
                    settings.reconciliation().scheduledRepair(),
                    null);
            LOG.infof(
                    "scheduled reconciliation %s: %d discrepancies, %d repaired%s",
                    report.reconciliationId(),
                    report.summary().total(),
                    report.summary().repaired(),
                    report.unchecked() == null
                            ? ""
                            : "; not checked: "
                                    + report.unchecked().stream()
                                            .map(UncheckedPart::part)
                                            .toList());
        } catch (ProblemException e) {
            LOG.warnf("scheduled reconciliation did not run to the end: %s", e.getMessage());
        }
    }

    /**
     * Runs one reconciliation and keeps its report as the latest. 409 when one is running (here or on another
     * replica); 503 when coach-service can't be read (the failed run's report becomes the latest).
     */
    public ReconciliationReport run(String id, String trigger, boolean repair, String requestedBy) {
        if (!running.compareAndSet(false, true)) {
            throw alreadyRunning();
        }
        try (ReconciliationLock lock = ReconciliationLock.tryAcquire(dataSource)) {
            if (lock == null) {
                throw alreadyRunning();
            }
            return check(id, trigger, repair, requestedBy);
        } catch (SQLException e) {
            throw ProblemException.unavailable("the database can't be reached: " + e.getMessage());
        } finally {
            running.set(false);
        }
    }

    private ReconciliationReport check(String id, String trigger, boolean repair, String requestedBy) {
        Instant started = clock.instant();
        Findings findings = new Findings(settings.reconciliation().maxListedDiscrepancies());
        Counts counts = new Counts();
        try {
            checkProfilesAndUsers(id, repair, findings, counts);
            checkSchools(repair, findings, counts);
            checkOrganizationCopies(repair, findings);
            // Before the student copies, so that a student whose rows the repair has just had written is compared
            // with its copy in the same run.
            checkActiveEnrollments(repair, findings, counts);
            checkStudentCopies(repair, findings);
        } catch (RemoteFailure e) {
            ReconciliationReport failed = report(
                    id,
                    trigger,
                    repair,
                    requestedBy,
                    started,
                    findings,
                    counts,
                    ReconciliationReport.FAILED,
                    e.getMessage());
            keep(failed, findings);
            throw ProblemException.unavailable(
                    "the reconciliation could not read the coach profiles: " + e.getMessage());
        }
        ReconciliationReport report = report(
                id, trigger, repair, requestedBy, started, findings, counts, ReconciliationReport.COMPLETED, null);
        keep(report, findings);
        return report;
    }

    private static final class Counts {
        int profiles;
        int users;
        int schools;
        /** Null until the enrollment part has begun. */
        Integer enrollments;

        final List<UncheckedPart> unchecked = new ArrayList<>();
    }

    private void checkProfilesAndUsers(String id, boolean repair, Findings findings, Counts counts) {
        Map<String, ProfileSnapshot> profiles = readAllProfiles();
        counts.profiles = profiles.size();
        List<User> coachRows = QuarkusTransaction.requiringNew()
                .call(() -> User.<User>list("role = ?1 order by sourcedId", UserRole.TEACHER.value()));
        counts.users = coachRows.size();
        Map<String, User> usersById = new LinkedHashMap<>();
        coachRows.forEach(u -> usersById.put(u.sourcedId, u));

        for (ProfileSnapshot profile : profiles.values()) {
            compareWithUser(id, repair, findings, profile, usersById.get(profile.coachId()));
        }
        for (User user : coachRows) {
            String coachId = user.profileId != null ? user.profileId : user.sourcedId;
            if (profiles.containsKey(coachId) || CoachUserSync.STATUS_TO_BE_DELETED.equals(user.status)) {
                continue;
            }
            // Not in any list: it may have changed status while the lists were read. Ask for it by id.
            Optional<ProfileSnapshot> found = coaches.getProfile(coachId);
            if (found.isPresent()) {
                compareWithUser(id, repair, findings, found.get(), user);
                continue;
            }
            String syncId = null;
            boolean repaired = false;
            if (repair) {
                long version = Math.max(0, CoachUserSync.appliedVersion(user));
                syncId = repairThroughSync(id, SyncType.DELETE, ProfileSnapshot.deletion(coachId, version));
                repaired = settled(syncId);
            }
            findings.add(DiscrepancyKind.USER_WITHOUT_PROFILE, user.sourcedId, null, repaired, syncId);
        }
    }

    private void compareWithUser(String id, boolean repair, Findings findings, ProfileSnapshot profile, User user) {
        if (user == null) {
            String syncId = repair ? repairThroughSync(id, SyncType.CREATE, profile) : null;
            findings.add(
                    DiscrepancyKind.PROFILE_WITHOUT_USER,
                    profile.coachId(),
                    null,
                    syncId != null && settled(syncId),
                    syncId);
            return;
        }
        List<String> fields = QuarkusTransaction.requiringNew().call(() -> users.differences(profile, user));
        if (fields.isEmpty()) {
            return;
        }
        String syncId = repair ? repairThroughSync(id, SyncType.UPDATE, profile) : null;
        findings.add(
                DiscrepancyKind.USER_DIFFERS_FROM_PROFILE,
                profile.coachId(),
                fields,
                syncId != null && settled(syncId),
                syncId);
    }

    /** Every profile of every status; a profile met twice (its status changed meanwhile) counts at its newest. */
    private Map<String, ProfileSnapshot> readAllProfiles() {
        Map<String, ProfileSnapshot> profiles = new LinkedHashMap<>();
        int pageSize = settings.reconciliation().pageSize();
        for (String status : PROFILE_STATUSES) {
            Set<String> cursors = new HashSet<>();
            String cursor = null;
            do {
                CoachServiceClient.ProfilePage page = coaches.listProfiles(status, cursor, pageSize);
                for (ProfileSnapshot profile : page.profiles()) {
                    profiles.merge(
                            profile.coachId(),
                            profile,
                            (known, other) -> other.version() > known.version() ? other : known);
                }
                cursor = page.nextCursor();
                if (cursor != null && !cursors.add(cursor)) {
                    throw new RemoteFailure.Unavailable(
                            "coach-service", "coach-service handed out the same cursor twice");
                }
            } while (cursor != null);
        }
        return profiles;
    }

    /** A sync log row marked as the reconciliation's, processed now; returns its id. */
    private String repairThroughSync(String reconciliationId, SyncType type, ProfileSnapshot profile) {
        ProfileSyncLog row = intake.record(
                type,
                profile,
                Map.of(
                        ProfileChangeIntake.SOURCE,
                        ProfileChangeIntake.FROM_RECONCILIATION,
                        ProfileChangeIntake.RECONCILIATION_ID,
                        reconciliationId));
        worker.processNow(row.syncId);
        return row.syncId.toString();
    }

    /**
     * Whether the repair's row completed. Waits briefly only while it is being processed or not yet tried (another
     * worker took it first); a row whose attempt failed is left to its retries and counts as not repaired.
     */
    private boolean settled(String syncId) {
        UUID id = UUID.fromString(syncId);
        // A wait, not a clock reading: measured on the monotonic timer, whatever the (injected, movable) clock says.
        long deadline = System.nanoTime() + REPAIR_WAIT.toNanos();
        while (true) {
            ProfileSyncLog row = QuarkusTransaction.requiringNew().call(() -> ProfileSyncLog.findById(id));
            if (row == null) {
                return false;
            }
            boolean untried = SyncStatus.PENDING.value().equals(row.syncStatus)
                    && Delivery.number(Delivery.of(row.syncData), Delivery.ATTEMPTS) == 0;
            boolean inFlight = untried || SyncStatus.PROCESSING.value().equals(row.syncStatus);
            long left = deadline - System.nanoTime();
            if (!inFlight || left <= 0) {
                return SyncStatus.COMPLETED.value().equals(row.syncStatus);
            }
            try {
                // Woken as soon as this instance's worker finishes an attempt; a row that another replica holds is
                // read again after RECHECK at the latest.
                worker.awaitAnAttempt(Duration.ofNanos(Math.min(left, RECHECK.toNanos())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private void checkSchools(boolean repair, Findings findings, Counts counts) {
        List<String> missing = QuarkusTransaction.requiringNew().call(() -> {
            counts.schools = organizations.countSchools();
            return organizations.schoolsWithoutOrganization();
        });
        for (String schoolId : missing) {
            boolean repaired = false;
            if (repair) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> organizations.ensureForSchool(schoolId));
                    repaired = true;
                } catch (RuntimeException e) {
                    LOG.warnf("could not create the organizations rows of school %s: %s", schoolId, e.toString());
                }
            }
            findings.add(DiscrepancyKind.SCHOOL_WITHOUT_ORGANIZATION, schoolId, null, repaired, null);
        }
        if (repair) {
            // Rows that exist but no longer agree with their school (a renamed school) are brought up to date too.
            organizations.ensureAll();
        }
    }

    /**
     * Every active enrollment, a page at a time, against the Ed-Fi rows its activation writes. A list that can't be
     * read (parent-service down, its circuit open, a page refused) leaves this part unchecked, keeping what the pages
     * read so far have shown; a repair that fails leaves only its discrepancy unrepaired.
     */
    private void checkActiveEnrollments(boolean repair, Findings findings, Counts counts) {
        counts.enrollments = 0;
        int pageSize = settings.reconciliation().pageSize();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        try {
            do {
                ParentServiceClient.EnrollmentPageRef page = parents.listEnrollments(ACTIVE, cursor, pageSize);
                counts.enrollments += page.enrollments().size();
                checkEnrollments(repair, findings, page.enrollments());
                cursor = page.nextCursor();
                if (cursor != null && !cursors.add(cursor)) {
                    throw new RemoteFailure.Unavailable(
                            ParentServiceClient.SERVICE, "parent-service handed out the same cursor twice");
                }
            } while (cursor != null);
        } catch (RemoteFailure e) {
            LOG.warnf("reconciliation: active enrollments not checked: %s", e.getMessage());
            counts.unchecked.add(new UncheckedPart(ReconciliationReport.ENROLLMENTS, e.getMessage()));
        }
    }

    private void checkEnrollments(boolean repair, Findings findings, List<EnrollmentRef> enrollments) {
        EdFiRows present = edFiRows(
                enrollments.stream().map(EnrollmentRef::studentUniqueId).toList());
        for (EnrollmentRef enrollment : enrollments) {
            DiscrepancyKind kind = present.missing(enrollment.studentUniqueId());
            if (kind == null) {
                continue;
            }
            boolean repaired = repair && finishActivation(enrollment.enrollmentId());
            findings.add(kind, enrollment.enrollmentId(), null, repaired, null);
        }
    }

    /**
     * parent-service runs the activation's idempotent steps again; repaired only once PostgreSQL holds the rows it
     * says it wrote (its answer alone is not taken for them).
     */
    private boolean finishActivation(String enrollmentId) {
        EnrollmentRef finished;
        try {
            finished = parents.finishActivation(enrollmentId);
        } catch (RemoteFailure e) {
            LOG.warnf(
                    "reconciliation: could not finish the activation of enrollment %s: %s",
                    enrollmentId, e.getMessage());
            return false;
        }
        boolean inPlace =
                edFiRows(Collections.singletonList(finished.studentUniqueId())).missing(finished.studentUniqueId())
                        == null;
        if (!inPlace) {
            LOG.warnf(
                    "reconciliation: parent-service finished enrollment %s, but its Ed-Fi rows are still missing",
                    enrollmentId);
        }
        return inPlace;
    }

    /** Which of these students have a {@code students} row and which a {@code student_school_associations} one. */
    private static EdFiRows edFiRows(List<String> studentUniqueIds) {
        List<String> ids =
                studentUniqueIds.stream().filter(Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return new EdFiRows(Set.of(), Set.of());
        }
        return QuarkusTransaction.requiringNew()
                .call(() -> new EdFiRows(
                        new HashSet<>(Student.getEntityManager()
                                .createQuery(
                                        "select s.studentUniqueId from Student s where s.studentUniqueId in :ids",
                                        String.class)
                                .setParameter("ids", ids)
                                .getResultList()),
                        new HashSet<>(StudentSchoolAssociation.getEntityManager()
                                .createQuery(
                                        "select distinct a.studentUniqueId from StudentSchoolAssociation a"
                                                + " where a.studentUniqueId in :ids",
                                        String.class)
                                .setParameter("ids", ids)
                                .getResultList())));
    }

    private record EdFiRows(Set<String> students, Set<String> associated) {

        /** The discrepancy of an enrollment carrying this student id, or null when its rows are in place. */
        DiscrepancyKind missing(String studentUniqueId) {
            if (studentUniqueId == null || !students.contains(studentUniqueId)) {
                return DiscrepancyKind.ENROLLMENT_WITHOUT_STUDENT;
            }
            return associated.contains(studentUniqueId) ? null : DiscrepancyKind.ENROLLMENT_WITHOUT_SCHOOL_ASSOCIATION;
        }
    }

    private void checkOrganizationCopies(boolean repair, Findings findings) {
        List<OrganizationCopy> expected = QuarkusTransaction.requiringNew()
                .call(() -> Organization.<Organization>listAll().stream()
                        .map(OperationalCopies::copyOf)
                        .toList());
        Map<String, OrganizationCopy> actual = organizationCopies.scanAllForReconciliation();
        for (OrganizationCopy row : expected) {
            OrganizationCopy copy = actual.get(row.sourcedId());
            List<String> fields = copy == null ? List.of() : OperationalCopies.differences(row, copy);
            if (copy != null && fields.isEmpty()) {
                continue;
            }
            boolean repaired = repair && putQuietly(() -> organizationCopies.put(row));
            findings.add(
                    copy == null
                            ? DiscrepancyKind.ORGANIZATION_COPY_MISSING
                            : DiscrepancyKind.ORGANIZATION_COPY_DIFFERS,
                    row.sourcedId(),
                    fields,
                    repaired,
                    null);
        }
    }

    private void checkStudentCopies(boolean repair, Findings findings) {
        List<StudentCopy> expected = QuarkusTransaction.requiringNew()
                .call(() -> Student.<Student>listAll().stream()
                        .map(OperationalCopies::copyOf)
                        .toList());
        Map<String, StudentCopy> actual = studentCopies.scanAllForReconciliation();
        for (StudentCopy row : expected) {
            StudentCopy copy = actual.get(row.studentUniqueId());
            List<String> fields = copy == null ? List.of() : OperationalCopies.differences(row, copy);
            if (copy != null && fields.isEmpty()) {
                continue;
            }
            boolean repaired = repair && putQuietly(() -> studentCopies.put(row));
            findings.add(
                    copy == null ? DiscrepancyKind.STUDENT_COPY_MISSING : DiscrepancyKind.STUDENT_COPY_DIFFERS,
                    row.studentUniqueId(),
                    fields,
                    repaired,
                    null);
        }
    }

    private static boolean putQuietly(java.util.function.BooleanSupplier put) {
        try {
            return put.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warnf("could not write an operational copy: %s", e.toString());
            return false;
        }
    }

    private ReconciliationReport report(
            String id,
            String trigger,
            boolean repair,
            String requestedBy,
            Instant started,
            Findings findings,
            Counts counts,
            String status,
            String error) {
        return new ReconciliationReport(
                id,
                trigger,
                requestedBy,
                repair,
                status,
                error,
                Timestamps.format(started),
                Timestamps.format(clock.instant()),
                counts.profiles,
                counts.users,
                counts.schools,
                counts.enrollments,
                counts.unchecked,
                findings.summary(),
                new ArrayList<>(findings.listed()),
                findings.truncated());
    }

    private void keep(ReconciliationReport report, Findings findings) {
        latest.set(report);
        boolean enrollmentsUnchecked = report.enrollmentsChecked() == null
                || report.unchecked() != null
                        && report.unchecked().stream().anyMatch(u -> u.part().equals(ReconciliationReport.ENROLLMENTS));
        for (DiscrepancyKind kind : DiscrepancyKind.values()) {
            if (enrollmentsUnchecked && ENROLLMENT_KINDS.contains(kind)) {
                // Not counted is not the same as none: the drift of an unchecked part is unknown.
                metrics.driftUnknown(kind.value());
            } else {
                metrics.drift(kind.value(), findings.count(kind));
            }
        }
        metrics.unchecked(ReconciliationReport.ENROLLMENTS, enrollmentsUnchecked);
    }

    private static ProblemException alreadyRunning() {
        return ProblemException.conflict("a reconciliation is running; try again when it has finished");
    }
}
