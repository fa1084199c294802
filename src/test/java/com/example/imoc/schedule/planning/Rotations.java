package com.example.imoc.schedule.planning;

import com.example.imoc.people.WorkCalendar;
import com.example.imoc.schedule.planning.Candidate.Role;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/** The real rotation's defaults and small builders for test rosters. */
final class Rotations {

	static final List<Slot> REAL_SLOTS = List.of(Slot.of("23:00", "05:00"), Slot.of("05:00", "11:00"),
			Slot.of("11:00", "15:00"), Slot.of("15:00", "19:00"), Slot.of("19:00", "23:00"));
	static final Layer EVERY_DAY = new Layer("weekdays and weekends", Layer.EVERY_DAY, 0);
	static final Layer WEEKDAYS_ONLY = new Layer("weekdays-only", Layer.WEEKDAYS, 1);
	static final List<Layer> REAL_LAYERS = List.of(EVERY_DAY, WEEKDAYS_ONLY);

	private Rotations() {
	}

	static RotationRules realRules(ZoneId zone, LocalDate anchor, Duration minimumRest) {
		return new RotationRules(zone, REAL_SLOTS, 4, anchor, REAL_LAYERS, minimumRest, Duration.ofDays(90));
	}

	static Candidate im(long id, Layer layer) {
		return new Candidate(id, "person-" + id, layer.name(), Set.of(), Role.IM, List.of(), Duration.ZERO,
				Duration.ZERO, true);
	}

	static Candidate withPreferences(Candidate candidate, Set<String> slots) {
		return new Candidate(candidate.personId(), candidate.name(), candidate.layer(), slots, candidate.role(),
				candidate.unavailable(), candidate.priorHours(), candidate.priorWeekendHours(), candidate.eligible(),
				candidate.eligibleFrom(), candidate.calendar(), candidate.weekdaysOnly(),
				candidate.priorHolidayHours());
	}

	static Candidate eligibleFrom(Candidate candidate, LocalDate date) {
		return new Candidate(candidate.personId(), candidate.name(), candidate.layer(), candidate.preferredSlots(),
				candidate.role(), candidate.unavailable(), candidate.priorHours(), candidate.priorWeekendHours(),
				candidate.eligible(), date, candidate.calendar(), candidate.weekdaysOnly(),
				candidate.priorHolidayHours());
	}

	static Candidate withAbsence(Candidate candidate, TimeRange absence) {
		List<TimeRange> unavailable = new java.util.ArrayList<>(candidate.unavailable());
		unavailable.add(absence);
		return new Candidate(candidate.personId(), candidate.name(), candidate.layer(), candidate.preferredSlots(),
				candidate.role(), unavailable, candidate.priorHours(), candidate.priorWeekendHours(),
				candidate.eligible(), candidate.eligibleFrom(), candidate.calendar(), candidate.weekdaysOnly(),
				candidate.priorHolidayHours());
	}

	/**
	 * The same person living in {@code zone}, with {@code holidays}, and with or without
	 * a weekdays-only contract.
	 */
	static Candidate livingIn(Candidate candidate, String zone, Set<LocalDate> holidays, boolean weekdaysOnly) {
		return new Candidate(candidate.personId(), candidate.name(), candidate.layer(), candidate.preferredSlots(),
				candidate.role(), candidate.unavailable(), candidate.priorHours(), candidate.priorWeekendHours(),
				candidate.eligible(), candidate.eligibleFrom(), WorkCalendar.of(ZoneId.of(zone), holidays),
				weekdaysOnly, candidate.priorHolidayHours());
	}

	/**
	 * Stores planned shifts the way the application would, with ids 1..n in plan order.
	 */
	static List<ExistingShift> stored(List<PlannedShift> planned) {
		return java.util.stream.IntStream.range(0, planned.size()).mapToObj(i -> {
			PlannedShift shift = planned.get(i);
			return new ExistingShift(i + 1, shift.slot(), shift.layer(), shift.start(), shift.end(), shift.assigneeId(),
					shift.shadow(), shift.date());
		}).toList();
	}

}
