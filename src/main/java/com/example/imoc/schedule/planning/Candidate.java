package com.example.imoc.schedule.planning;

import com.example.imoc.people.WorkCalendar;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A person the assigner may put on a shift.
 *
 * @param layer name of the {@link Layer} the person belongs to; its days bound theirs
 * @param preferredSlots slot labels the person chose; empty means no preference
 * @param unavailable PTO and other absences; no shift may touch any of them
 * @param priorHours on-call hours inside the fairness window before the planning origin,
 * computed by the caller from stored shifts
 * @param priorWeekendHours the part of {@code priorHours} that fell on a Saturday or
 * Sunday in the person's own zone ({@code calendar.hours(...)}, as for planned shifts)
 * @param eligible false for people who are paused, offboarded or not yet onboarded
 * @param eligibleFrom first local date (in the rotation's zone) of the shifts the person
 * may take, for someone who reaches the tenure rule later; null when {@code eligible}
 * alone decides
 * @param calendar the person's own zone and their region's public holidays: the one
 * definition of their weekend and holiday hours
 * @param weekdaysOnly their contract bars weekend work: they never hold an hour that
 * falls on a Saturday or Sunday in their own zone, whatever their layer
 * @param priorHolidayHours the part of {@code priorHours} that fell on a holiday of their
 * region
 */
public record Candidate(long personId, String name, String layer, Set<String> preferredSlots, Role role,
		List<TimeRange> unavailable, Duration priorHours, Duration priorWeekendHours, boolean eligible,
		LocalDate eligibleFrom, WorkCalendar calendar, boolean weekdaysOnly, Duration priorHolidayHours) {

	/**
	 * IMs carry the pager. Reverse shadows (the last onboarding step) carry it too, but
	 * only for whole blocks with an IM sitting beside them as their shadow. Shadows only
	 * ever ride along with an IM.
	 */
	public enum Role {

		IM, REVERSE_SHADOW, SHADOW

	}

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
	 * Someone in UTC without public holidays, without a weekdays-only contract and whose
	 * eligibility does not depend on the shift's date, for rosters that need nothing else
	 * (property tests, the benchmark).
	 */
	public Candidate(long personId, String name, String layer, Set<String> preferredSlots, Role role,
			List<TimeRange> unavailable, Duration priorHours, Duration priorWeekendHours, boolean eligible) {
		this(personId, name, layer, preferredSlots, role, unavailable, priorHours, priorWeekendHours, eligible, null,
				WorkCalendar.UTC, false, Duration.ZERO);
	}

	/**
	 * Whether the person may hold a shift of this local date (in the rotation's zone).
	 */
	public boolean isEligibleOn(LocalDate date) {
		return eligible && (eligibleFrom == null || !date.isBefore(eligibleFrom));
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
