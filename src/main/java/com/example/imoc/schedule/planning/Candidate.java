package com.example.imoc.schedule.planning;

import com.example.imoc.people.WorkCalendar;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A person the assigner may put on a shift.
 *
 * @param layer             name of the {@link Layer} the person belongs to; its days bound theirs
 * @param preferredSlots    slot labels the person chose; empty means no preference
 * @param unavailable       PTO and other absences; no shift may touch any of them
 * @param priorHours        on-call hours inside the fairness window before the planning origin,
 *                          computed by the caller from stored shifts
 * @param priorWeekendHours the part of {@code priorHours} that fell on a Saturday or Sunday in the
 *                          person's own zone ({@code calendar.hours(...)}, as for planned shifts)
 * @param eligible          false for people who are paused, offboarded or not yet onboarded
 * @param calendar          the person's own zone and their region's public holidays: the one
 *                          definition of their weekend and holiday hours
 * @param weekdaysOnly      their contract bars weekend work: they never hold an hour that falls on a
 *                          Saturday or Sunday in their own zone, whatever their layer
 * @param priorHolidayHours the part of {@code priorHours} that fell on a holiday of their region
 */
public record Candidate(
        long personId,
        String name,
        String layer,
        Set<String> preferredSlots,
        Role role,
        List<TimeRange> unavailable,
        Duration priorHours,
        Duration priorWeekendHours,
        boolean eligible,
        WorkCalendar calendar,
        boolean weekdaysOnly,
        Duration priorHolidayHours) {

    /** IMs carry the pager; shadows only ever ride along with an IM. */
    public enum Role { IM, SHADOW }

    public Candidate {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(role, "role");
        preferredSlots = Set.copyOf(preferredSlots);
        unavailable = List.copyOf(unavailable);
        priorHours = Objects.requireNonNullElse(priorHours, Duration.ZERO);
        priorWeekendHours = Objects.requireNonNullElse(priorWeekendHours, Duration.ZERO);
        Objects.requireNonNull(calendar, "calendar");
        priorHolidayHours = Objects.requireNonNullElse(priorHolidayHours, Duration.ZERO);
    }

    /**
     * Someone in UTC without public holidays and without a weekdays-only contract, for rosters that
     * need nothing else (property tests, the benchmark).
     */
    public Candidate(long personId, String name, String layer, Set<String> preferredSlots, Role role,
                     List<TimeRange> unavailable, Duration priorHours, Duration priorWeekendHours, boolean eligible) {
        this(personId, name, layer, preferredSlots, role, unavailable, priorHours, priorWeekendHours, eligible,
                WorkCalendar.UTC, false, Duration.ZERO);
    }

    public boolean isUnavailableDuring(TimeRange shift) {
        return unavailable.stream().anyMatch(shift::overlaps);
    }

    public boolean hasPreferences() {
        return !preferredSlots.isEmpty();
    }

    public boolean prefers(String slotLabel) {
        return preferredSlots.contains(slotLabel);
    }
}
