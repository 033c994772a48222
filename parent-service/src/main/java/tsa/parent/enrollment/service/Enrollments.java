package tsa.parent.enrollment.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import tsa.parent.client.CoachServiceClient;
import tsa.parent.enrollment.store.Enrollment;
import tsa.parent.enrollment.store.EnrollmentStore;
import tsa.runtime.audit.AdminAction;
import tsa.runtime.audit.AdminAuditTrail;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Caller;
import tsa.runtime.security.Roles;
import tsa.runtime.text.EmailAddress;
import tsa.runtime.time.Timestamps;

/**
 * The enrollment rules: created once per parent invitation, visible to its parent, its assigned coach and admins
 * (anyone else: 404), status moves by the coach or an admin only as {@link EnrollmentStatus} allows, payment by
 * admins, program steps recorded once each, student details by the parent while pending. Admins' writes are audited
 * first.
 */
@ApplicationScoped
public class Enrollments {

    /** The most program steps one enrollment records. */
    public static final int MAX_MILESTONES = 50;

    @Inject
    EnrollmentStore store;

    @Inject
    CoachServiceClient coaches;

    @Inject
    EnrollmentActivation activation;

    @Inject
    AdminAuditTrail audit;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    /** The student details a parent completes; null fields are not given. Dates are ISO-8601 text. */
    public record StudentDetails(Integer studentAge, String dateOfBirth, String gradeLevel, String startDate) {

        boolean isEmpty() {
            return studentAge == null && dateOfBirth == null && gradeLevel == null && startDate == null;
        }
    }

    /** An enrollment and whether this request created it. */
    public record Created(Enrollment enrollment, boolean created) {}

    /**
     * The one enrollment an invitation may have: its id is derived from the invitation id, so every create of the
     * same invitation aims at the same item and the conditional insert lets only the first one write it.
     */
    public static String enrollmentIdFor(String invitationId) {
        return "enr-" + UUID.nameUUIDFromBytes(("parent-invitation:" + invitationId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Enrolls from the invitation ({@code invitationId}, or the session's): read it, accept it, write the item. The
     * accept comes first so that a crash before the write leaves an accepted invitation that a retry still turns
     * into the enrollment; once the item exists a retry returns it without asking coach-service again.
     */
    public Created create(String invitationId, StudentDetails details) {
        String parentEmail = parentEmail();
        String invitation = invitationId != null
                ? invitationId
                : caller.invitationId()
                        .orElseThrow(() -> ProblemException.invalidField(
                                "invitationId", "is required when the session carries no invitation"));
        checkDetails(details);
        String enrollmentId = enrollmentIdFor(invitation);
        var existing = store.find(enrollmentId);
        if (existing.isPresent()) {
            return new Created(owned(existing.get(), parentEmail, invitation), false);
        }
        CoachServiceClient.Invitation read = coaches.invitation(invitation)
                .filter(i -> parentEmail.equals(i.parentEmail()))
                .orElseThrow(() -> noInvitation(invitation));
        if (read.isClosed()) {
            throw ProblemException.conflict("an " + read.status() + " invitation can't become an enrollment");
        }
        String schoolId = coaches.coach(read.coachId())
                .map(CoachServiceClient.Coach::schoolId)
                .orElse(null);
        coaches.accept(invitation);
        Enrollment enrollment = Enrollment.builder()
                .enrollmentId(enrollmentId)
                .invitationId(invitation)
                .parentEmail(parentEmail)
                .studentName(read.studentName())
                .sport(read.sport())
                .coachId(read.coachId())
                .schoolId(schoolId)
                .enrollmentStatus(EnrollmentStatus.PENDING.value())
                .paymentStatus(PaymentStatus.PENDING.value())
                .progressMilestones(List.of())
                .milestoneCompletedAt(Map.of())
                .studentAge(details.studentAge())
                .dateOfBirth(details.dateOfBirth())
                .gradeLevel(details.gradeLevel())
                .startDate(details.startDate())
                .createdAt(now())
                .version(1L)
                .build();
        if (store.insert(enrollment)) {
            return new Created(enrollment, true);
        }
        // A concurrent request of the same invitation wrote it first: that one is the enrollment.
        return new Created(
                owned(store.find(enrollmentId).orElseThrow(() -> noInvitation(invitation)), parentEmail, invitation),
                false);
    }

    /**
     * {@code GET enrollments/{id}}: {@link #get}, and an admin's read (a family's personal data) recorded as a
     * {@code view} first; without the record nothing is answered (503).
     */
    public Enrollment read(String enrollmentId) {
        Enrollment enrollment = get(enrollmentId);
        if (!caller.isAdmin()) {
            return enrollment;
        }
        return audit.viewed(
                () -> enrollment,
                read -> new AdminAction(
                        AdminAction.VIEW, "enrollment", enrollmentId, "read enrollment " + enrollmentId, null, null));
    }

    /** The enrollment, if the caller may see it: its parent, its assigned coach, an admin. */
    public Enrollment get(String enrollmentId) {
        Enrollment enrollment = store.find(enrollmentId).orElseThrow(() -> notFound(enrollmentId));
        if (caller.isAdmin() || isParentOf(enrollment) || isCoachOf(enrollment)) {
            return enrollment;
        }
        throw notFound(enrollmentId);
    }

    /**
     * Parents: their own; coaches: their assigned students'; admins: exactly one of {@code parentEmail} and
     * {@code coachId}. Each a GSI page, never a scan.
     */
    public Page<Enrollment> list(String parentEmail, String coachId, PageRequest page) {
        if (caller.isAdmin()) {
            if ((parentEmail == null) == (coachId == null)) {
                throw ProblemException.invalidField(
                        parentEmail == null ? "parentEmail" : "coachId",
                        "admins give exactly one of parentEmail and coachId");
            }
            if (parentEmail != null) {
                String parent = EmailAddress.normal(parentEmail);
                return audit.viewed(
                        () -> store.byParent(parent, page),
                        found -> AdminAction.listRead(
                                "parent",
                                parent,
                                "listed the enrollments of a parent",
                                Map.of("parentEmail", true),
                                found));
            }
            return audit.viewed(
                    () -> store.byCoach(coachId, page),
                    found -> AdminAction.listRead(
                            "coach", coachId, "listed the enrollments of a coach", Map.of("coachId", coachId), found));
        }
        if (parentEmail != null || coachId != null) {
            throw ProblemException.invalidField(
                    parentEmail != null ? "parentEmail" : "coachId", "is a filter for admins only");
        }
        if (caller.hasRole(Roles.COACH)) {
            String own = caller.coachId().orElse(null);
            return own == null ? new Page<>(List.of(), null) : store.byCoach(own, page);
        }
        return store.byParent(parentEmail(), page);
    }

    /**
     * Moves the status (assigned coach or admin) as {@link EnrollmentStatus} allows; {@code -> active} then runs the
     * activation's remaining steps, also when the enrollment is active already (a retry finishing a failed one).
     */
    public Enrollment changeStatus(String enrollmentId, String status) {
        EnrollmentStatus target = EnrollmentStatus.of(status)
                .orElseThrow(() -> ProblemException.invalidField(
                        "enrollmentStatus", "must be one of pending, active, completed, cancelled"));
        Enrollment before = writable(enrollmentId);
        Enrollment after = adminAudited(
                "enrollment",
                before,
                "set enrollment status to " + target.value(),
                Map.of("enrollmentStatus", target.value()),
                () -> store.change(enrollmentId, current -> {
                            EnrollmentStatus from = EnrollmentStatus.stored(current.enrollmentStatus());
                            if (from.moveTo(target, "enrollment") == from) {
                                return current;
                            }
                            Enrollment.Builder next = current.toBuilder().enrollmentStatus(target.value());
                            if (target == EnrollmentStatus.ACTIVE) {
                                next.activatedAt(now());
                            }
                            return next.build();
                        })
                        .orElseThrow(() -> notFound(enrollmentId)));
        // Outside the audited write: the status change is done and recorded; what follows finishes it and, if it
        // fails, is finished by a retry, not undone.
        if (target == EnrollmentStatus.ACTIVE) {
            return activation.finish(after, false);
        }
        return after;
    }

    /** Appends each step not yet recorded, in the order given, with the time; never removes or reorders. */
    public Enrollment completeMilestones(String enrollmentId, List<String> steps) {
        List<String> asked = new ArrayList<>(
                new LinkedHashSet<>(steps.stream().map(String::trim).toList()));
        if (asked.size() != steps.size()) {
            throw ProblemException.invalidField("progressMilestones", "names a step twice");
        }
        Enrollment before = writable(enrollmentId);
        return adminAudited(
                "enrollment",
                before,
                "record completed steps " + asked,
                Map.of("progressMilestones", asked),
                () -> store.change(enrollmentId, current -> {
                            EnrollmentStatus status = EnrollmentStatus.stored(current.enrollmentStatus());
                            if (!status.takesMilestones()) {
                                throw ProblemException.conflict(
                                        "a " + status.value() + " enrollment takes no more steps");
                            }
                            List<String> recorded = new ArrayList<>(orEmpty(current.progressMilestones()));
                            Map<String, String> times = new LinkedHashMap<>(
                                    current.milestoneCompletedAt() == null ? Map.of() : current.milestoneCompletedAt());
                            String at = now();
                            for (String step : asked) {
                                if (!recorded.contains(step)) {
                                    recorded.add(step);
                                    times.put(step, at);
                                }
                            }
                            if (recorded.size()
                                    == orEmpty(current.progressMilestones()).size()) {
                                return current;
                            }
                            if (recorded.size() > MAX_MILESTONES) {
                                throw ProblemException.conflict(
                                        "an enrollment records at most " + MAX_MILESTONES + " steps");
                            }
                            return current.toBuilder()
                                    .progressMilestones(recorded)
                                    .milestoneCompletedAt(times)
                                    .build();
                        })
                        .orElseThrow(() -> notFound(enrollmentId)));
    }

    /** Admins only (the resource says so): any payment status to any. */
    public Enrollment changePayment(String enrollmentId, String status) {
        PaymentStatus target = PaymentStatus.of(status)
                .orElseThrow(
                        () -> ProblemException.invalidField("paymentStatus", "must be one of paid, pending, overdue"));
        Enrollment before = writable(enrollmentId);
        return adminAudited(
                "payment",
                before,
                "set payment status to " + target.value(),
                Map.of("paymentStatus", target.value()),
                () -> store.change(
                                enrollmentId,
                                current -> target.value().equals(current.paymentStatus())
                                        ? current
                                        : current.toBuilder()
                                                .paymentStatus(target.value())
                                                .build())
                        .orElseThrow(() -> notFound(enrollmentId)));
    }

    /** The parent completes the student's details while the enrollment is pending (activation copies them). */
    public Enrollment completeStudentDetails(String enrollmentId, StudentDetails details) {
        if (details.isEmpty()) {
            throw ProblemException.badRequest("name at least one of studentAge, dateOfBirth, gradeLevel, startDate");
        }
        checkDetails(details);
        writable(enrollmentId);
        return store.change(enrollmentId, current -> {
                    if (EnrollmentStatus.stored(current.enrollmentStatus()) != EnrollmentStatus.PENDING) {
                        throw ProblemException.conflict(
                                "the student's details can be changed only while the enrollment " + "is pending");
                    }
                    Enrollment.Builder next = current.toBuilder();
                    if (details.studentAge() != null) {
                        next.studentAge(details.studentAge());
                    }
                    if (details.dateOfBirth() != null) {
                        next.dateOfBirth(details.dateOfBirth());
                    }
                    if (details.gradeLevel() != null) {
                        next.gradeLevel(details.gradeLevel());
                    }
                    if (details.startDate() != null) {
                        next.startDate(details.startDate());
                    }
                    Enrollment changed = next.build();
                    return changed.equals(current) ? current : changed;
                })
                .orElseThrow(() -> notFound(enrollmentId));
    }

    /** The assigned coach's public profile, for the enrollment's parent (or an admin). */
    public CoachServiceClient.Coach assignedCoach(String enrollmentId) {
        Enrollment enrollment = get(enrollmentId);
        return coaches.coach(enrollment.coachId())
                .orElseThrow(() -> ProblemException.notFound("the assigned coach has no profile yet"));
    }

    /** sync-service's reconciliation: one page of enrollments of one status, oldest first. */
    public Page<Enrollment> listByStatus(String status, PageRequest page) {
        EnrollmentStatus wanted = EnrollmentStatus.of(status)
                .orElseThrow(() -> ProblemException.invalidField(
                        "enrollmentStatus", "must be one of pending, active, completed, cancelled"));
        return store.byStatus(wanted.value(), page);
    }

    /** sync-service's repair: the activation's steps again for an active enrollment (409 for any other). */
    public Enrollment finishActivation(String enrollmentId) {
        Enrollment enrollment = store.find(enrollmentId).orElseThrow(() -> notFound(enrollmentId));
        return activation.finish(enrollment, true);
    }

    /** The enrollment if the caller may change it: admins, its assigned coach, its parent (404 otherwise). */
    private Enrollment writable(String enrollmentId) {
        return get(enrollmentId);
    }

    /** An admin's write goes through the audit trail first (503 if it can't record); anyone else's directly. */
    private Enrollment adminAudited(
            String resourceType,
            Enrollment before,
            String description,
            Map<String, Object> requested,
            Supplier<Enrollment> write) {
        if (!caller.isAdmin()) {
            return write.get();
        }
        return audit.audited(
                new AdminAction(
                        AdminAction.UPDATE,
                        resourceType,
                        before.enrollmentId(),
                        description,
                        auditState(before),
                        requested),
                write);
    }

    private static Map<String, Object> auditState(Enrollment e) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("enrollmentStatus", e.enrollmentStatus());
        state.put("paymentStatus", e.paymentStatus());
        state.put("progressMilestones", orEmpty(e.progressMilestones()));
        return state;
    }

    private Enrollment owned(Enrollment enrollment, String parentEmail, String invitationId) {
        if (!parentEmail.equals(enrollment.parentEmail())) {
            throw noInvitation(invitationId);
        }
        return enrollment;
    }

    private boolean isParentOf(Enrollment enrollment) {
        return caller.hasRole(Roles.PARENT) && parentEmail().equals(enrollment.parentEmail());
    }

    private boolean isCoachOf(Enrollment enrollment) {
        return caller.hasRole(Roles.COACH)
                && caller.coachId().map(enrollment.coachId()::equals).orElse(false);
    }

    private String parentEmail() {
        return caller.parentEmail().orElseGet(caller::email);
    }

    /** Dates must be real dates, a birth date not in the future, a grade level one of Ed-Fi's. */
    private void checkDetails(StudentDetails details) {
        LocalDate birth = date("dateOfBirth", details.dateOfBirth());
        if (birth != null && birth.isAfter(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))) {
            throw ProblemException.invalidField("dateOfBirth", "must not be in the future");
        }
        date("startDate", details.startDate());
        if (details.gradeLevel() != null && !GradeLevel.isKnown(details.gradeLevel())) {
            throw ProblemException.invalidField("gradeLevel", "must be one of " + GradeLevel.VALUES);
        }
    }

    private static LocalDate date(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            if (!text.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
                throw new DateTimeParseException("not yyyy-mm-dd", text, 0);
            }
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be a date, yyyy-mm-dd");
        }
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    private String now() {
        return Timestamps.format(clock.instant());
    }

    private static ProblemException notFound(String enrollmentId) {
        return ProblemException.notFound("no enrollment " + enrollmentId);
    }

    private static ProblemException noInvitation(String invitationId) {
        return ProblemException.notFound("no parent invitation " + invitationId + " for this parent");
    }
}
