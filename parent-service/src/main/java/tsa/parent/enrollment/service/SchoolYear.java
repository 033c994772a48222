package tsa.parent.enrollment.service;

import java.time.LocalDate;
import java.time.Month;

/**
 * Ed-Fi's school year is named for the calendar year it ends in; TSA's school year starts on August 1, so
 * 2026-08-01 .. 2027-07-31 is school year 2027.
 */
public final class SchoolYear {

    private SchoolYear() {}

    public static int of(LocalDate day) {
        return day.getMonthValue() >= Month.AUGUST.getValue() ? day.getYear() + 1 : day.getYear();
    }
}
