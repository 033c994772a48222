package tsa.parent.appointment.service;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import tsa.parent.appointment.store.Appointment;
import tsa.runtime.problem.ProblemException;

/**
 * When an appointment takes place: a local date and a start and end time on it, and the units of the coach's day it
 * touches ({@code HH:mm} of each unit's start; the start rounded down and the end rounded up to the unit).
 */
public record AppointmentTime(LocalDate date, LocalTime start, LocalTime end) {

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm").withResolverStyle(ResolverStyle.STRICT);
    private static final int MINUTES_PER_DAY = 24 * 60;

    /** The time a client asked for; a malformed value or an end not after the start is a 400 naming the field. */
    public static AppointmentTime parse(String date, String start, String end) {
        if (date == null) {
            throw ProblemException.invalidField("scheduledDate", "is required with startTime and endTime");
        }
        LocalDate day = parseDate(date, "scheduledDate");
        LocalTime from = parseTime(start, "startTime");
        LocalTime to = parseTime(end, "endTime");
        if (!to.isAfter(from)) {
            throw ProblemException.invalidField("endTime", "must be after startTime");
        }
        return new AppointmentTime(day, from, to);
    }

    /** The time the appointment is at now. */
    public static AppointmentTime of(Appointment appointment) {
        return new AppointmentTime(
                LocalDate.parse(appointment.scheduledDate(), DATE),
                LocalTime.parse(appointment.startTime(), TIME),
                LocalTime.parse(appointment.endTime(), TIME));
    }

    /** The time a reschedule under way moves the appointment to, or null. */
    public static AppointmentTime rescheduleOf(Appointment appointment) {
        if (appointment.rescheduleDate() == null) {
            return null;
        }
        return new AppointmentTime(
                LocalDate.parse(appointment.rescheduleDate(), DATE),
                LocalTime.parse(appointment.rescheduleStartTime(), TIME),
                LocalTime.parse(appointment.rescheduleEndTime(), TIME));
    }

    /** An ISO date of a query ({@code from}, {@code to}); null stays null. */
    public static LocalDate parseDate(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value, DATE);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(field, "must be an ISO date (yyyy-MM-dd)");
        }
    }

    private static LocalTime parseTime(String value, String field) {
        try {
            return LocalTime.parse(value, TIME);
        } catch (DateTimeParseException | NullPointerException e) {
            throw ProblemException.invalidField(
                    field, value == null ? "is required with scheduledDate" : "must be a time HH:mm");
        }
    }

    public String dateText() {
        return DATE.format(date);
    }

    public String startText() {
        return TIME.format(start);
    }

    public String endText() {
        return TIME.format(end);
    }

    /** Whether it begins before {@code now} in the academy's zone. */
    public boolean startsBefore(ZonedDateTime now, ZoneId zone) {
        return ZonedDateTime.of(date, start, zone).isBefore(now);
    }

    /** The start ({@code HH:mm}) of every unit of {@code slotMinutes} that this time touches, earliest first. */
    public List<String> slots(int slotMinutes) {
        int first = minutes(start) / slotMinutes * slotMinutes;
        int last = (minutes(end) + slotMinutes - 1) / slotMinutes * slotMinutes;
        List<String> slots = new ArrayList<>();
        for (int at = first; at < last && at < MINUTES_PER_DAY; at += slotMinutes) {
            slots.add(TIME.format(LocalTime.of(at / 60, at % 60)));
        }
        return slots;
    }

    /** Whether this time holds the unit of {@code date} starting at {@code slot}. */
    public boolean holds(String date, String slot, int slotMinutes) {
        return dateText().equals(date) && slots(slotMinutes).contains(slot);
    }

    private static int minutes(LocalTime time) {
        return time.getHour() * 60 + time.getMinute();
    }
}
