package tsa.parent.appointment.service;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tsa.parent.appointment.config.SchedulingSettings;
import tsa.parent.appointment.store.Appointment;
import tsa.parent.appointment.store.AppointmentStore;
import tsa.parent.enrollment.store.Enrollment;
import tsa.parent.enrollment.store.EnrollmentStore;
import tsa.runtime.audit.AdminAction;
import tsa.runtime.audit.AdminAuditTrail;
import tsa.runtime.dynamo.UniquenessGuard;
import tsa.runtime.mail.MailSender;
import tsa.runtime.paging.Page;
import tsa.runtime.paging.PageCursor;
import tsa.runtime.paging.PageRequest;
import tsa.runtime.problem.ProblemException;
import tsa.runtime.security.Caller;
import tsa.runtime.text.EmailAddress;
import tsa.runtime.time.Timestamps;

/**
 * Parents book consultations, shadow days and assessments with their assigned coach; the coach confirms and
 * completes them; parent or coach cancels or reschedules; admins do all of that (audited) and read any coach's or
 * parent's appointments.
 * <p>
 * No double booking, without transactions and without trusting a GSI read (architecture.md): a coach's day is
 * divided into fixed units ({@code tsa.scheduling.slot-minutes}) and an appointment holds one guard item per unit it
 * touches, {@code guard#coach-slot#<coachId>#<date>#<HH:mm>}, claimed by a conditional write before the appointment
 * is written or moved. Of two overlapping bookings, however they race, exactly one gets the unit they share. A
 * guard's holder keeps it while it occupies the unit (not cancelled, and its time or the time a reschedule under way
 * moves it to holds the unit); a holder that does not exist yet is in flight for the guard's lease, then taken for
 * a crash. Releases are conditional deletes on the holder, so nobody deletes another appointment's claim, and a
 * release that never happened (a crash) leaves a guard the next claim takes over.
 */
@ApplicationScoped
public class Appointments {

    private static final Logger LOG = Logger.getLogger(Appointments.class);

    /** The kind of mail the logs name (never its subject, which holds the student's name). */
    static final String MAIL_KIND = "appointment-confirmation";

    static final String RESOURCE_TYPE = "appointment";
    private static final String CANCELLED_ENROLLMENT = "cancelled";
    private static final int ENROLLMENT_PAGE = 100;

    @Inject
    AppointmentStore store;

    @Inject
    EnrollmentStore enrollments;

    @Inject
    Caller caller;

    @Inject
    Clock clock;

    @Inject
    SchedulingSettings settings;

    @Inject
    MailSender mail;

    @Inject
    AdminAuditTrail audit;

    private ZoneId zone;
    private int slotMinutes;

    @PostConstruct
    void checkSettings() {
        zone = ZoneId.of(settings.zone());
        slotMinutes = settings.slotMinutes();
        if (slotMinutes < 1 || slotMinutes > 24 * 60 || (24 * 60) % slotMinutes != 0) {
            throw new IllegalStateException("tsa.scheduling.slot-minutes must divide a day: " + slotMinutes);
        }
    }

    /** What a parent asks for; shapes checked at the REST boundary. */
    public record Booking(
            String coachId,
            String studentName,
            String appointmentType,
            String scheduledDate,
            String startTime,
            String endTime,
            String location,
            String notes) {}

    /** One change: a {@code status}, or a new date and times; location and notes may come with either. */
    public record Change(
            String status, String scheduledDate, String startTime, String endTime, String location, String notes) {

        boolean reschedules() {
            return scheduledDate != null || startTime != null || endTime != null;
        }
    }

    /** {@code POST /api/parent/appointments}: the parent books with a coach of one of their enrollments. */
    public Appointment book(Booking request) {
        String parentEmail =
                caller.parentEmail().orElseThrow(() -> ProblemException.forbidden("only a parent session can book"));
        AppointmentTime time = AppointmentTime.parse(request.scheduledDate(), request.startTime(), request.endTime());
        requireFuture(time);
        String coachId = request.coachId().trim();
        if (!isAssignedCoach(parentEmail, coachId)) {
            throw ProblemException.notFound("no enrollment of yours is with coach " + coachId);
        }
        String appointmentId = UUID.randomUUID().toString();
        Appointment appointment = Appointment.builder()
                .appointmentId(appointmentId)
                .coachId(coachId)
                .parentEmail(parentEmail)
                .studentName(request.studentName().trim())
                .appointmentType(request.appointmentType())
                .scheduledDate(time.dateText())
                .startTime(time.startText())
                .endTime(time.endText())
                .status(AppointmentStatus.SCHEDULED.value())
                .location(blankToNull(request.location()))
                .notes(blankToNull(request.notes()))
                .confirmationSent(false)
                .createdAt(Timestamps.format(clock.instant()))
                .version(1L)
                .build();
        // The slots first, then the item: until the item exists its claims are in flight (the guard's lease).
        if (!claimAll(coachId, appointmentId, time.dateText(), time.slots(slotMinutes))) {
            throw overlap(coachId);
        }
        if (!store.insert(appointment)) {
            releaseAll(coachId, appointmentId, time.dateText(), time.slots(slotMinutes));
            throw ProblemException.conflict("an appointment with this id exists already");
        }
        sendConfirmation(appointment);
        return appointment;
    }

    /**
     * {@code GET /api/parent/appointments}: a parent's own, a coach's schedule, or for admins exactly one of a coach's
     * schedule ({@code coachId}) or a parent's appointments ({@code parentEmail}); each optionally within
     * {@code from}..{@code to}.
     */
    public Page<Appointment> list(String from, String to, String coachId, String parentEmail, PageRequest page) {
        LocalDate first = AppointmentTime.parseDate(from, "from");
        LocalDate last = AppointmentTime.parseDate(to, "to");
        if (first != null && last != null && first.isAfter(last)) {
            throw ProblemException.invalidField("to", "must not be before from");
        }
        if (caller.isAdmin()) {
            if ((coachId == null) == (parentEmail == null)) {
                throw ProblemException.invalidField(
                        coachId == null ? "coachId" : "parentEmail",
                        "admins give exactly one of coachId or parentEmail");
            }
            Map<String, Object> query = new LinkedHashMap<>();
            if (from != null) {
                query.put("from", from);
            }
            if (to != null) {
                query.put("to", to);
            }
            if (coachId != null) {
                query.put("coachId", coachId);
                return audit.viewed(
                        () -> coachSchedule(coachId, first, last, page),
                        found -> AdminAction.listRead(
                                "coach", coachId, "listed the appointments of a coach", query, found));
            }
            String parent = EmailAddress.normal(parentEmail);
            query.put("parentEmail", true);
            return audit.viewed(
                    () -> parentAppointments(parent, first, last, page),
                    found -> AdminAction.listRead(
                            "parent", parent, "listed the appointments of a parent", query, found));
        }
        if (coachId != null) {
            throw ProblemException.invalidField("coachId", "is for admins only");
        }
        if (parentEmail != null) {
            throw ProblemException.invalidField("parentEmail", "is for admins only");
        }
        Optional<String> ownCoachId = caller.coachId();
        if (ownCoachId.isPresent()) {
            return coachSchedule(ownCoachId.get(), first, last, page);
        }
        Optional<String> ownEmail = caller.parentEmail();
        if (ownEmail.isPresent()) {
            return parentAppointments(ownEmail.get(), first, last, page);
        }
        return new Page<>(List.of(), null);
    }

    /**
     * {@code PATCH /api/parent/appointments/{id}}: the appointment's parent, its coach or an admin; someone else's is
     * 404. Confirm and complete are the coach's (or an admin's); cancel and reschedule anyone of the three. A move
     * the status machine does not allow is 409.
     */
    public Appointment change(String appointmentId, Change change) {
        if (change.reschedules() && change.status() != null) {
            throw ProblemException.invalidField("status", "one change per request: a status or a new time");
        }
        if (!change.reschedules() && change.status() == null) {
            throw ProblemException.invalidField(
                    "status", "name a status, or a new scheduledDate, startTime and endTime");
        }
        AppointmentStatus target = change.reschedules() ? AppointmentStatus.SCHEDULED : statusNamed(change.status());
        AppointmentTime newTime = change.reschedules()
                ? AppointmentTime.parse(change.scheduledDate(), change.startTime(), change.endTime())
                : null;
        Appointment before =
                store.find(appointmentId).filter(this::visibleToCaller).orElseThrow(() -> notFound(appointmentId));
        if ((target == AppointmentStatus.CONFIRMED || target == AppointmentStatus.COMPLETED)
                && !caller.isAdmin()
                && !isCoachOf(before)) {
            throw ProblemException.forbidden("only the coach confirms or completes an appointment");
        }
        if (newTime != null) {
            requireFuture(newTime);
        }
        Supplier<Appointment> write = newTime != null
                ? () -> reschedule(appointmentId, newTime, change)
                : () -> move(appointmentId, target, change);
        if (!caller.isAdmin()) {
            return write.get();
        }
        statusOf(before).moveTo(target, "appointment");
        return audit.audited(
                new AdminAction(
                        AdminAction.UPDATE,
                        RESOURCE_TYPE,
                        appointmentId,
                        "admin " + (newTime != null ? "reschedules" : "sets status " + target.value() + " of")
                                + " appointment " + appointmentId,
                        state(before),
                        intended(target, newTime)),
                write);
    }

    /** A status change (confirm, complete, cancel); a cancel gives the coach's time back. */
    private Appointment move(String appointmentId, AppointmentStatus target, Change change) {
        Appointment after = store.change(
                        appointmentId,
                        current -> withNotes(
                                        current.toBuilder()
                                                .status(statusOf(current)
                                                        .moveTo(target, "appointment")
                                                        .value()),
                                        change)
                                .build())
                .orElseThrow(() -> notFound(appointmentId));
        if (target == AppointmentStatus.CANCELLED) {
            // Tidiness only: a cancelled holder gives its slots up anyway.
            AppointmentTime time = AppointmentTime.of(after);
            releaseAll(after.coachId(), appointmentId, time.dateText(), time.slots(slotMinutes));
        }
        return after;
    }

    /**
     * Moves the appointment in three conditional steps, so that its coach's time is never double booked and no
     * two reschedules of one appointment interleave: (1) note the new time on the appointment (at its version; a
     * reschedule already under way is 409), so the slots claimed next are its own; (2) claim the slots of the new
     * time it does not hold yet (on a clash, release those and forget the new time: 409); (3) move it there, back
     * to {@code scheduled}, and release the slots of the old time it no longer touches.
     */
    private Appointment reschedule(String appointmentId, AppointmentTime newTime, Change change) {
        String startedAt = Timestamps.format(clock.instant());
        Appointment noted = store.change(appointmentId, current -> {
                    statusOf(current).moveTo(AppointmentStatus.SCHEDULED, "appointment");
                    if (rescheduleUnderWay(current)) {
                        throw ProblemException.conflict("the appointment is being rescheduled by another request");
                    }
                    return current.toBuilder()
                            .rescheduleDate(newTime.dateText())
                            .rescheduleStartTime(newTime.startText())
                            .rescheduleEndTime(newTime.endText())
                            .rescheduleStartedAt(startedAt)
                            .build();
                })
                .orElseThrow(() -> notFound(appointmentId));
        AppointmentTime oldTime = AppointmentTime.of(noted);
        List<String> oldSlots = oldTime.slots(slotMinutes);
        List<String> newSlots = newTime.slots(slotMinutes);
        boolean sameDay = oldTime.date().equals(newTime.date());
        List<String> toClaim = newSlots.stream()
                .filter(s -> !(sameDay && oldSlots.contains(s)))
                .toList();
        List<String> toRelease = oldSlots.stream()
                .filter(s -> !(sameDay && newSlots.contains(s)))
                .toList();
        String coachId = noted.coachId();
        if (!claimAll(coachId, appointmentId, newTime.dateText(), toClaim)) {
            forgetReschedule(appointmentId, startedAt);
            throw overlap(coachId);
        }
        Appointment moved;
        try {
            moved = store.change(appointmentId, current -> {
                        if (!startedAt.equals(current.rescheduleStartedAt())) {
                            throw ProblemException.conflict(
                                    "the appointment was changed by another request; try again");
                        }
                        return withNotes(
                                        current.toBuilder()
                                                .status(statusOf(current)
                                                        .moveTo(AppointmentStatus.SCHEDULED, "appointment")
                                                        .value())
                                                .scheduledDate(newTime.dateText())
                                                .startTime(newTime.startText())
                                                .endTime(newTime.endText()),
                                        change)
                                .rescheduleDate(null)
                                .rescheduleStartTime(null)
                                .rescheduleEndTime(null)
                                .rescheduleStartedAt(null)
                                .build();
                    })
                    .orElseThrow(() -> notFound(appointmentId));
        } catch (RuntimeException e) {
            releaseAll(coachId, appointmentId, newTime.dateText(), toClaim);
            forgetReschedule(appointmentId, startedAt);
            throw e;
        }
        releaseAll(coachId, appointmentId, oldTime.dateText(), toRelease);
        return moved;
    }

    /** Clears the noted new time if it is still this request's (best effort: it lapses after the lease anyway). */
    private void forgetReschedule(String appointmentId, String startedAt) {
        try {
            store.change(
                    appointmentId,
                    current -> !startedAt.equals(current.rescheduleStartedAt())
                            ? current
                            : current.toBuilder()
                                    .rescheduleDate(null)
                                    .rescheduleStartTime(null)
                                    .rescheduleEndTime(null)
                                    .rescheduleStartedAt(null)
                                    .build());
        } catch (RuntimeException e) {
            LOG.warnf(
                    "the abandoned reschedule of appointment %s stays noted until it lapses: %s",
                    appointmentId, e.getMessage());
        }
    }

    /** Whether a reschedule noted on the appointment is still within the guard's lease (else it was abandoned). */
    private boolean rescheduleUnderWay(Appointment appointment) {
        return appointment.rescheduleStartedAt() != null
                && Timestamps.parse(appointment.rescheduleStartedAt())
                        .plus(UniquenessGuard.IN_FLIGHT_LEASE)
                        .isAfter(clock.instant());
    }

    /** Claims the slots in order; on the first one taken, gives back what this call took and says false. */
    private boolean claimAll(String coachId, String appointmentId, String date, List<String> slots) {
        List<String> taken = new ArrayList<>();
        for (String slot : slots) {
            String key = AppointmentStore.slotKey(coachId, date, slot);
            if (!store.claimSlot(key, appointmentId, holder -> occupancy(holder, date, slot))) {
                releaseAll(coachId, appointmentId, date, taken);
                return false;
            }
            taken.add(slot);
        }
        return true;
    }

    private void releaseAll(String coachId, String appointmentId, String date, List<String> slots) {
        for (String slot : slots) {
            store.releaseSlot(AppointmentStore.slotKey(coachId, date, slot), appointmentId);
        }
    }

    /**
     * Whether the holder of a slot guard still occupies that slot: it does not exist (in flight or crashed; the
     * guard's lease decides), it is cancelled or has moved elsewhere (the slot is free), or it is there (or a
     * reschedule under way is moving it there).
     */
    private UniquenessGuard.HolderState occupancy(String holderId, String date, String slot) {
        Optional<Appointment> holder = store.find(holderId);
        if (holder.isEmpty()) {
            return UniquenessGuard.HolderState.MISSING;
        }
        Appointment appointment = holder.get();
        if (!statusOf(appointment).occupiesTime()) {
            return UniquenessGuard.HolderState.CLOSED;
        }
        if (AppointmentTime.of(appointment).holds(date, slot, slotMinutes)) {
            return UniquenessGuard.HolderState.OPEN;
        }
        AppointmentTime moving = AppointmentTime.rescheduleOf(appointment);
        if (moving != null && rescheduleUnderWay(appointment) && moving.holds(date, slot, slotMinutes)) {
            return UniquenessGuard.HolderState.OPEN;
        }
        return UniquenessGuard.HolderState.CLOSED;
    }

    /**
     * The coach's schedule through coach-schedule-index, whose sort key is {@code scheduled_date} only: the index
     * gives the dates in order, and each date is read whole before a page is cut, so that the page is in date and
     * start-time order (a day's appointments are few). The cursor is the position of the last one handed out.
     */
    private Page<Appointment> coachSchedule(String coachId, LocalDate from, LocalDate to, PageRequest page) {
        String low = from == null ? FIRST_DATE : from.toString();
        String high = to == null ? LAST_DATE : to.toString();
        Position after = Position.of(page.startKey(), Appointment.COACH_ID, coachId, low, high);
        if (after != null && after.date().compareTo(low) > 0) {
            low = after.date();
        }
        int size = page.size();
        List<Appointment> collected = new ArrayList<>();
        String inner = null;
        do {
            Page<Appointment> found =
                    store.byCoach(coachId, low, high, new PageRequest(Integer.toString(PageRequest.MAX_LIMIT), inner));
            found.items().stream()
                    .filter(a -> after == null || after.isBefore(a))
                    .forEach(collected::add);
            inner = found.nextCursor();
            if (inner != null && collected.size() > size && !found.items().isEmpty()) {
                collected.sort(ORDER);
                String lastRead = found.items().get(found.items().size() - 1).scheduledDate();
                if (lastRead.compareTo(collected.get(size - 1).scheduledDate()) > 0) {
                    break;
                }
            }
        } while (inner != null);
        collected.sort(ORDER);
        return cut(collected, size, inner != null, Appointment.COACH_ID, coachId);
    }

    /**
     * A parent's appointments through parent-appointments-index. That index has no sort key, so the family's
     * appointments (a small set) are read whole, ordered by date and start time and cut into pages.
     */
    private Page<Appointment> parentAppointments(String parentEmail, LocalDate from, LocalDate to, PageRequest page) {
        String low = from == null ? FIRST_DATE : from.toString();
        String high = to == null ? LAST_DATE : to.toString();
        Position after = Position.of(page.startKey(), Appointment.PARENT_EMAIL, parentEmail, low, high);
        List<Appointment> ordered = store.allOfParent(parentEmail).stream()
                .filter(a -> a.scheduledDate().compareTo(low) >= 0
                        && a.scheduledDate().compareTo(high) <= 0)
                .filter(a -> after == null || after.isBefore(a))
                .sorted(ORDER)
                .toList();
        return cut(ordered, page.size(), false, Appointment.PARENT_EMAIL, parentEmail);
    }

    /** The first {@code size} of the ordered appointments, with a cursor when more follow (or may follow). */
    private static Page<Appointment> cut(
            List<Appointment> ordered, int size, boolean mayBeMore, String owner, String ownerValue) {
        if (ordered.size() < size || (ordered.size() == size && !mayBeMore)) {
            return new Page<>(ordered, null);
        }
        List<Appointment> items = ordered.subList(0, size);
        return new Page<>(items, Position.from(items.get(size - 1)).cursor(owner, ownerValue));
    }

    private static final String FIRST_DATE = "0000-01-01";
    private static final String LAST_DATE = "9999-12-31";

    private static final Comparator<Appointment> ORDER = Comparator.comparing(Appointment::scheduledDate)
            .thenComparing(Appointment::startTime)
            .thenComparing(Appointment::appointmentId);

    /** Where a page of appointments ended, for the list of one coach or one parent ({@code owner}). */
    private record Position(String date, String start, String appointmentId) {

        private static final String DATE = "scheduled_date";
        private static final String START = "start_time";
        private static final String ID = "appointment_id";

        static Position from(Appointment a) {
            return new Position(a.scheduledDate(), a.startTime(), a.appointmentId());
        }

        /**
         * The position a cursor names, if this list handed it out: the same owner, a date within the range. Anything
         * else is 400.
         */
        static Position of(Map<String, AttributeValue> key, String owner, String ownerValue, String low, String high) {
            if (key == null) {
                return null;
            }
            boolean shaped = key.size() == 4
                    && key.keySet().containsAll(List.of(DATE, START, ID, owner))
                    && key.values().stream().allMatch(v -> v.s() != null && !v.s().isEmpty())
                    && key.get(owner).s().equals(ownerValue)
                    && key.get(DATE).s().compareTo(low) >= 0
                    && key.get(DATE).s().compareTo(high) <= 0;
            if (!shaped) {
                throw ProblemException.invalidField("cursor", "is not a cursor this list handed out");
            }
            return new Position(
                    key.get(DATE).s(), key.get(START).s(), key.get(ID).s());
        }

        boolean isBefore(Appointment a) {
            return Comparator.comparing(Position::date)
                            .thenComparing(Position::start)
                            .thenComparing(Position::appointmentId)
                            .compare(this, from(a))
                    < 0;
        }

        String cursor(String owner, String ownerValue) {
            Map<String, AttributeValue> key = new LinkedHashMap<>();
            key.put(owner, AttributeValue.fromS(ownerValue));
            key.put(DATE, AttributeValue.fromS(date));
            key.put(START, AttributeValue.fromS(start));
            key.put(ID, AttributeValue.fromS(appointmentId));
            return PageCursor.encode(key);
        }
    }

    /** Whether a non-cancelled enrollment of the parent is with this coach (the parent's assigned coach). */
    private boolean isAssignedCoach(String parentEmail, String coachId) {
        PageRequest page = PageRequest.first(ENROLLMENT_PAGE);
        while (true) {
            Page<Enrollment> found = enrollments.byParent(parentEmail, page);
            if (found.items().stream()
                    .anyMatch(e -> coachId.equals(e.coachId()) && !CANCELLED_ENROLLMENT.equals(e.enrollmentStatus()))) {
                return true;
            }
            if (found.nextCursor() == null) {
                return false;
            }
            page = new PageRequest(Integer.toString(ENROLLMENT_PAGE), found.nextCursor());
        }
    }

    private boolean visibleToCaller(Appointment appointment) {
        if (caller.isAdmin()) {
            return true;
        }
        if (isCoachOf(appointment)) {
            return true;
        }
        return caller.parentEmail().filter(appointment.parentEmail()::equals).isPresent();
    }

    private boolean isCoachOf(Appointment appointment) {
        return caller.coachId().filter(appointment.coachId()::equals).isPresent();
    }

    private void requireFuture(AppointmentTime time) {
        if (time.startsBefore(ZonedDateTime.ofInstant(clock.instant(), zone), zone)) {
            throw ProblemException.invalidField("scheduledDate", "the appointment must start in the future");
        }
    }

    /**
     * Mails the confirmation after the write, off the request thread, and records {@code confirmation_sent} once
     * the mail went out. The parent is the recipient: parent-service knows no coach's address.
     */
    private void sendConfirmation(Appointment appointment) {
        String what = appointment.appointmentType().replace('_', ' ');
        String text = "Hello,\n\n"
                + "Your " + what + " for " + appointment.studentName() + " is booked for "
                + appointment.scheduledDate() + " from " + appointment.startTime() + " to " + appointment.endTime()
                + (appointment.location() == null ? "" : " at " + appointment.location()) + ".\n\n"
                + "Your coach will confirm it. You can cancel or reschedule it in the parent portal.\n";
        String subject = "Your TSA " + what + " on " + appointment.scheduledDate() + " at " + appointment.startTime();
        String appointmentId = appointment.appointmentId();
        mail.sendLater(MAIL_KIND, appointment.parentEmail(), subject, text, outcome -> {
            if (outcome == MailSender.Outcome.SENT) {
                store.change(
                        appointmentId,
                        current -> Boolean.TRUE.equals(current.confirmationSent())
                                ? current
                                : current.toBuilder().confirmationSent(true).build());
            }
        });
    }

    private static Appointment.Builder withNotes(Appointment.Builder builder, Change change) {
        if (change.location() != null) {
            builder.location(blankToNull(change.location()));
        }
        if (change.notes() != null) {
            builder.notes(blankToNull(change.notes()));
        }
        return builder;
    }

    private static Map<String, Object> state(Appointment a) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", a.status());
        state.put("scheduledDate", a.scheduledDate());
        state.put("startTime", a.startTime());
        state.put("endTime", a.endTime());
        return state;
    }

    private static Map<String, Object> intended(AppointmentStatus target, AppointmentTime newTime) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", target.value());
        if (newTime != null) {
            state.put("scheduledDate", newTime.dateText());
            state.put("startTime", newTime.startText());
            state.put("endTime", newTime.endText());
        }
        return state;
    }

    private static AppointmentStatus statusNamed(String value) {
        return AppointmentStatus.of(value)
                .filter(s -> s != AppointmentStatus.SCHEDULED)
                .orElseThrow(
                        () -> ProblemException.invalidField("status", "must be confirmed, completed or cancelled"));
    }

    private static AppointmentStatus statusOf(Appointment appointment) {
        return AppointmentStatus.of(appointment.status())
                .orElseThrow(() -> new IllegalStateException("unknown appointment status " + appointment.status()));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    private static ProblemException overlap(String coachId) {
        return ProblemException.conflict("coach " + coachId + " has another appointment at that time");
    }

    private static ProblemException notFound(String appointmentId) {
        return ProblemException.notFound("no appointment " + appointmentId);
    }
}
