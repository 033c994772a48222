package tsa.sync.reconciliation.service;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jboss.logging.Logger;
import tsa.model.Organization;
import tsa.model.ProfileSyncLog;
import tsa.model.Student;
import tsa.model.StudentSchoolAssociation;
import tsa.model.SyncStatus;
import tsa.model.SyncType;
import tsa.model.User;
import tsa.model.UserRole;
import tsa.runtime.client.RemoteFailure;
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

/**
 * The check itself, a page at a time, so that nothing is held whole in memory: coach-service's profiles (its internal
 * list, one status and one page at a time) against their {@code users} rows, then the coach rows whose profile was not
 * read (a keyset query over {@code users} against the ids the run has seen, kept in its database session), schools
 * against {@code organizations}, keyset pages of {@code organizations} and {@code students} against their operational
 * copies (batch reads by key, no scan), and parent-service's active enrollments (its paged list) against their Ed-Fi
 * rows. What it finds goes into the run's {@link Findings} (counts, and a bounded sample per kind); each step beats
 * the run's heartbeat. With repair, profile and user discrepancies are fixed through the normal sync path (log rows
 * with {@code "source": "reconciliation"}), organisations through the same derivation as the sync, enrollments by
 * asking parent-service to finish their activation (it owns those rows), and copies by writing them again.
 * <p>
 * coach-service is needed for the run to mean anything (without profiles every user would look orphaned), so its
 * unavailability fails the run ({@link RemoteFailure} out of {@link #run}). parent-service's only takes out the
 * enrollment part: the report lists it as {@code unchecked} and the rest completes.
 */
@ApplicationScoped
class ConsistencyCheck {

    private static final Logger LOG = Logger.getLogger(ConsistencyCheck.class);
    private static final List<String> PROFILE_STATUSES = List.of("active", "inactive", "pending");
    private static final Duration REPAIR_WAIT = Duration.ofSeconds(10);
    private static final Duration RECHECK = Duration.ofMillis(200);
    private static final String ACTIVE = "active";

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
    SyncSettings settings;

    /** Runs every part of the check; a {@link RemoteFailure} of coach-service fails the run. */
    void run(RunState run, ReconciliationLock lock) throws SQLException {
        try (SeenProfiles seen = new SeenProfiles(lock.connection())) {
            checkProfilesAndUsers(run, seen);
        }
        checkSchools(run);
        checkOrganizationCopies(run);
        // Before the student copies, so that a student whose rows the repair has just had written is compared with
        // its copy in the same run.
        checkActiveEnrollments(run);
        checkStudentCopies(run);
    }

    private void checkProfilesAndUsers(RunState run, SeenProfiles seen) throws SQLException {
        int pageSize = settings.reconciliation().pageSize();
        for (String status : PROFILE_STATUSES) {
            Set<String> cursors = new HashSet<>();
            String cursor = null;
            do {
                CoachServiceClient.ProfilePage page = coaches.listProfiles(status, cursor, pageSize);
                checkProfilePage(run, seen, page.profiles());
                cursor = page.nextCursor();
                if (cursor != null && !cursors.add(cursor)) {
                    throw new RemoteFailure.Unavailable(
                            "coach-service", "coach-service handed out the same cursor twice");
                }
                run.beat();
            } while (cursor != null);
        }
        run.profiles = seen.count();
        run.users = QuarkusTransaction.requiringNew().call(() -> (int) User.count("role", UserRole.TEACHER.value()));
        checkUsersWithoutProfile(run, seen);
    }

    /** One page of profiles against their users; a profile met before at the same version is not compared again. */
    private void checkProfilePage(RunState run, SeenProfiles seen, List<ProfileSnapshot> page) throws SQLException {
        Map<String, ProfileSnapshot> newest = new LinkedHashMap<>();
        for (ProfileSnapshot profile : page) {
            newest.merge(profile.coachId(), profile, (a, b) -> b.version() > a.version() ? b : a);
        }
        Set<String> fresh = seen.record(newest.values());
        if (fresh.isEmpty()) {
            return;
        }
        Map<String, User> usersById = QuarkusTransaction.requiringNew().call(() -> {
            Map<String, User> found = new LinkedHashMap<>();
            User.<User>list("sourcedId in ?1", fresh).forEach(u -> found.put(u.sourcedId, u));
            return found;
        });
        for (ProfileSnapshot profile : newest.values()) {
            if (fresh.contains(profile.coachId())) {
                User user = usersById.get(profile.coachId());
                compareWithUser(run, profile, user != null && isCoachRow(user) ? user : null);
                run.beat();
            }
        }
    }

    private static boolean isCoachRow(User user) {
        return UserRole.TEACHER.value().equals(user.role);
    }

    /** Keyset pages of the coach rows whose profile no list returned. */
    private void checkUsersWithoutProfile(RunState run, SeenProfiles seen) throws SQLException {
        int pageSize = settings.reconciliation().storePageSize();
        String after = "";
        while (true) {
            List<String> ids =
                    seen.unseenCoachRows(UserRole.TEACHER.value(), CoachUserSync.STATUS_TO_BE_DELETED, after, pageSize);
            for (String sourcedId : ids) {
                User user = QuarkusTransaction.requiringNew().call(() -> User.findById(sourcedId));
                if (user != null) {
                    checkUserWithoutProfile(run, user);
                }
                run.beat();
            }
            if (ids.size() < pageSize) {
                return;
            }
            after = ids.get(ids.size() - 1);
        }
    }

    private void checkUserWithoutProfile(RunState run, User user) {
        String coachId = user.profileId != null ? user.profileId : user.sourcedId;
        // Not in any list: it may have changed status while the lists were read. Ask for it by id.
        Optional<ProfileSnapshot> found = coaches.getProfile(coachId);
        if (found.isPresent()) {
            compareWithUser(run, found.get(), user);
            return;
        }
        String syncId = null;
        boolean repaired = false;
        if (run.repair) {
            long version = Math.max(0, CoachUserSync.appliedVersion(user));
            syncId = repairThroughSync(run.id, SyncType.DELETE, ProfileSnapshot.deletion(coachId, version));
            repaired = settled(syncId);
        }
        run.findings.add(DiscrepancyKind.USER_WITHOUT_PROFILE, user.sourcedId, null, repaired, syncId);
    }

    private void compareWithUser(RunState run, ProfileSnapshot profile, User user) {
        if (user == null) {
            String syncId = run.repair ? repairThroughSync(run.id, SyncType.CREATE, profile) : null;
            run.findings.add(
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
        String syncId = run.repair ? repairThroughSync(run.id, SyncType.UPDATE, profile) : null;
        run.findings.add(
                DiscrepancyKind.USER_DIFFERS_FROM_PROFILE,
                profile.coachId(),
                fields,
                syncId != null && settled(syncId),
                syncId);
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

    /** Schools are reference data (a few per district): only the ids of those without a row are read. */
    private void checkSchools(RunState run) {
        List<String> missing = QuarkusTransaction.requiringNew().call(() -> {
            run.schools = organizations.countSchools();
            return organizations.schoolsWithoutOrganization();
        });
        for (String schoolId : missing) {
            boolean repaired = false;
            if (run.repair) {
                try {
                    QuarkusTransaction.requiringNew().run(() -> organizations.ensureForSchool(schoolId));
                    repaired = true;
                } catch (RuntimeException e) {
                    LOG.warnf("could not create the organizations rows of school %s: %s", schoolId, e.toString());
                }
            }
            run.findings.add(DiscrepancyKind.SCHOOL_WITHOUT_ORGANIZATION, schoolId, null, repaired, null);
            run.beat();
        }
        if (run.repair) {
            // Rows that exist but no longer agree with their school (a renamed school) are brought up to date too.
            organizations.ensureAll();
        }
        run.beat();
    }

    /**
     * Every active enrollment, a page at a time, against the Ed-Fi rows its activation writes. A list that can't be
     * read (parent-service down, its circuit open, a page refused) leaves this part unchecked, keeping what the pages
     * read so far have shown; a repair that fails leaves only its discrepancy unrepaired.
     */
    private void checkActiveEnrollments(RunState run) {
        run.enrollments = 0;
        int pageSize = settings.reconciliation().pageSize();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        try {
            do {
                ParentServiceClient.EnrollmentPageRef page = parents.listEnrollments(ACTIVE, cursor, pageSize);
                run.enrollments += page.enrollments().size();
                checkEnrollments(run, page.enrollments());
                cursor = page.nextCursor();
                if (cursor != null && !cursors.add(cursor)) {
                    throw new RemoteFailure.Unavailable(
                            ParentServiceClient.SERVICE, "parent-service handed out the same cursor twice");
                }
                run.beat();
            } while (cursor != null);
        } catch (RemoteFailure e) {
            LOG.warnf("reconciliation: active enrollments not checked: %s", e.getMessage());
            run.unchecked.add(new UncheckedPart(ReconciliationReport.ENROLLMENTS, e.getMessage()));
        }
    }

    private void checkEnrollments(RunState run, List<EnrollmentRef> enrollments) {
        EdFiRows present = edFiRows(
                enrollments.stream().map(EnrollmentRef::studentUniqueId).toList());
        for (EnrollmentRef enrollment : enrollments) {
            DiscrepancyKind kind = present.missing(enrollment.studentUniqueId());
            if (kind == null) {
                continue;
            }
            boolean repaired = run.repair && finishActivation(enrollment.enrollmentId());
            run.findings.add(kind, enrollment.enrollmentId(), null, repaired, null);
            run.beat();
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

    /** Keyset pages of {@code organizations}, each against the copies of its rows (one batch read by key). */
    private void checkOrganizationCopies(RunState run) {
        checkCopies(
                run,
                new CopiedTable<Organization, OrganizationCopy>(
                        from -> Organization.<Organization>find("sourcedId > ?1 order by sourcedId", from),
                        OperationalCopies::copyOf,
                        OrganizationCopy::sourcedId,
                        organizationCopies::findAll,
                        organizationCopies::put,
                        OperationalCopies::differences,
                        DiscrepancyKind.ORGANIZATION_COPY_MISSING,
                        DiscrepancyKind.ORGANIZATION_COPY_DIFFERS));
    }

    /** Keyset pages of {@code students}, each against the copies of its rows (one batch read by key). */
    private void checkStudentCopies(RunState run) {
        checkCopies(
                run,
                new CopiedTable<Student, StudentCopy>(
                        from -> Student.<Student>find("studentUniqueId > ?1 order by studentUniqueId", from),
                        OperationalCopies::copyOf,
                        StudentCopy::studentUniqueId,
                        studentCopies::findAll,
                        studentCopies::put,
                        OperationalCopies::differences,
                        DiscrepancyKind.STUDENT_COPY_MISSING,
                        DiscrepancyKind.STUDENT_COPY_DIFFERS));
    }

    /** A PostgreSQL table with an operational copy in DynamoDB: how to page its rows and read and write the copies. */
    private record CopiedTable<R, C>(
            Function<String, PanacheQuery<R>> rowsAfter,
            Function<R, C> copyOf,
            Function<C, String> key,
            Function<List<String>, Map<String, C>> copiesOf,
            Predicate<C> put,
            BiFunction<C, C, List<String>> differences,
            DiscrepancyKind missing,
            DiscrepancyKind differs) {}

    /** Keyset pages of the table's rows, each against the copies of those rows (one batch read by key). */
    private <R, C> void checkCopies(RunState run, CopiedTable<R, C> table) {
        int pageSize = settings.reconciliation().storePageSize();
        String after = "";
        while (true) {
            String from = after;
            List<C> expected = QuarkusTransaction.requiringNew()
                    .call(() -> table.rowsAfter().apply(from).page(Page.ofSize(pageSize)).list().stream()
                            .map(table.copyOf())
                            .toList());
            if (expected.isEmpty()) {
                return;
            }
            Map<String, C> actual =
                    table.copiesOf().apply(expected.stream().map(table.key()).toList());
            for (C row : expected) {
                C copy = actual.get(table.key().apply(row));
                List<String> fields =
                        copy == null ? List.of() : table.differences().apply(row, copy);
                if (copy != null && fields.isEmpty()) {
                    continue;
                }
                boolean repaired = run.repair && putQuietly(() -> table.put().test(row));
                run.findings.add(
                        copy == null ? table.missing() : table.differs(),
                        table.key().apply(row),
                        fields,
                        repaired,
                        null);
            }
            run.beat();
            if (expected.size() < pageSize) {
                return;
            }
            after = last(expected, table.key());
        }
    }

    private static <T> String last(List<T> page, Function<T, String> key) {
        return key.apply(page.get(page.size() - 1));
    }

    private static boolean putQuietly(java.util.function.BooleanSupplier put) {
        try {
            return put.getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warnf("could not write an operational copy: %s", e.toString());
            return false;
        }
    }
}
