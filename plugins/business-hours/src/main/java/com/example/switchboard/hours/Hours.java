package com.example.switchboard.hours;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Opening hours in one time zone: open from {@code open} to {@code close} on {@code days} (a window whose close
 * is earlier than its open runs past midnight and belongs to the day it opens), closed on holidays. Immutable.
 *
 * @param zone   the time zone
 * @param open   opening time
 * @param close  closing time (exclusive)
 * @param days   days the hours apply
 * @param dates  one-off holidays
 * @param yearly holidays every year
 */
record Hours(ZoneId zone, LocalTime open, LocalTime close, Set<DayOfWeek> days, Set<LocalDate> dates,
             Set<MonthDay> yearly) {

    /** Why it is closed at a moment, or {@code OPEN}. */
    enum State { OPEN, CLOSED_DAY, HOLIDAY, BEFORE_OPENING, AFTER_CLOSING }

    private boolean overnight() {
        return close.isBefore(open);
    }

    private boolean holiday(LocalDate d) {
        return dates.contains(d) || yearly.contains(MonthDay.from(d));
    }

    private boolean opensOn(LocalDate d) {
        return days.contains(d.getDayOfWeek()) && !holiday(d);
    }

    /**
     * @param at an instant
     * @return whether the business is open then, and if not why
     */
    State at(Instant at) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        LocalDate today = local.toLocalDate();
        LocalTime t = local.toLocalTime();
        if (overnight() && t.isBefore(close) && opensOn(today.minusDays(1))) {
            return State.OPEN; // still inside the window that opened yesterday evening
        }
        if (holiday(today)) {
            return State.HOLIDAY;
        }
        if (!days.contains(today.getDayOfWeek())) {
            return State.CLOSED_DAY;
        }
        if (t.isBefore(open)) {
            return State.BEFORE_OPENING;
        }
        if (overnight() || t.isBefore(close)) {
            return State.OPEN;
        }
        return State.AFTER_CLOSING;
    }

    /**
     * @param after an instant at which the business is closed
     * @return the next opening, or null when none within a year (no opening days configured)
     */
    Instant nextOpening(Instant after) {
        LocalDate d = LocalDateTime.ofInstant(after, zone).toLocalDate();
        for (int i = 0; i <= 366; i++) {
            LocalDate day = d.plusDays(i);
            if (opensOn(day)) {
                // atZone resolves a time in a daylight-saving gap to the first valid instant after it.
                Instant opening = ZonedDateTime.of(day, open, zone).toInstant();
                if (opening.isAfter(after)) {
                    return opening;
                }
            }
        }
        return null;
    }
}
