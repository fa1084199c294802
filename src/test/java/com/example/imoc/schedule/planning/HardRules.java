package com.example.imoc.schedule.planning;

import com.example.imoc.schedule.planning.Candidate.Role;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Independent re-statement of the rules no schedule may break, for checking the
 * assigner's output.
 */
final class HardRules {

	record Booked(long id, String slot, LocalDate date, TimeRange range, Long assigneeId, boolean shadow) {
	}

	private HardRules() {
	}

	static List<Booked> ofPlanned(List<PlannedShift> planned) {
		List<Booked> booked = new ArrayList<>();
		for (int i = 0; i < planned.size(); i++) {
			PlannedShift shift = planned.get(i);
			booked
				.add(new Booked(i + 1, shift.slot(), shift.date(), shift.range(), shift.assigneeId(), shift.shadow()));
		}
		return booked;
	}

	static List<Booked> ofStored(RotationRules rules, List<ExistingShift> stored) {
		ShiftClock clock = new ShiftClock(rules.zone());
		return stored.stream()
			.map(shift -> new Booked(shift.id(), shift.slot(), clock.dateOf(shift.start()), shift.range(),
					shift.assigneeId(), shift.shadow()))
			.toList();
	}

	/**
	 * Problems with a person holding this shift, ignoring their other shifts; empty when
	 * fine.
	 */
	static List<String> personViolations(RotationRules rules, Map<Long, Candidate> people, Booked shift) {
		List<String> problems = new ArrayList<>();
		Candidate person = people.get(shift.assigneeId());
		if (person == null) {
			problems.add("unknown person in " + shift);
			return problems;
		}
		if (!person.isEligibleOn(shift.date()))
			problems.add("ineligible person in " + shift);
		// A primary row carries the pager: an IM, or a reverse shadow (with an IM beside,
		// see pairingViolations).
		// A shadow row rides along: a trainee, or the IM sitting beside a reverse shadow.
		boolean roleFits = shift.shadow() ? person.role() == Role.SHADOW || person.role() == Role.IM
				: person.role() == Role.IM || person.role() == Role.REVERSE_SHADOW;
		if (!roleFits)
			problems.add("wrong role in " + shift);
		// Every local date the shift has time on, in the person's own zone, must be a day
		// of their
		// layer, and no Saturday or Sunday for a weekdays-only contract.
		LocalDate first = shift.range().start().atZone(person.calendar().zone()).toLocalDate();
		LocalDate last = shift.range().end().minusNanos(1).atZone(person.calendar().zone()).toLocalDate();
		for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
			DayOfWeek weekday = day.getDayOfWeek();
			boolean dayInLayer = rules.layer(person.layer()).map(layer -> layer.covers(weekday)).orElse(false);
			if (!dayInLayer)
				problems.add("day outside layer in " + shift);
			if (person.weekdaysOnly() && (weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY)) {
				problems.add("weekend hour for a weekdays-only contract in " + shift);
			}
		}
		if (person.isUnavailableDuring(shift.range()))
			problems.add("absent person in " + shift);
		return problems;
	}

	/**
	 * Overlap and rest problems between shifts of the same person, shadow rows included.
	 */
	static List<String> restViolations(RotationRules rules, List<Booked> shifts) {
		List<String> problems = new ArrayList<>();
		Map<Long, List<Booked>> byPerson = shifts.stream()
			.filter(shift -> shift.assigneeId() != null)
			.collect(Collectors.groupingBy(Booked::assigneeId));
		for (List<Booked> own : byPerson.values()) {
			List<Booked> ordered = own.stream().sorted(Comparator.comparing(shift -> shift.range().start())).toList();
			for (int i = 1; i < ordered.size(); i++) {
				Instant restedUntil = ordered.get(i - 1).range().end().plus(rules.minimumRest());
				if (restedUntil.isAfter(ordered.get(i).range().start())) {
					problems.add("too close: " + ordered.get(i - 1) + " and " + ordered.get(i));
				}
			}
		}
		return problems;
	}

	/**
	 * For shifts starting at or after {@code from}: a reverse shadow never holds the
	 * pager alone (an IM fit to sit there has a shadow row of the same slot covering the
	 * whole shift), and a trainee shadow never rides along with a reverse shadow.
	 */
	static List<String> pairingViolations(RotationRules rules, Map<Long, Candidate> people, List<Booked> shifts,
			Instant from) {
		List<String> problems = new ArrayList<>();
		for (Booked shift : shifts) {
			if (shift.assigneeId() == null || shift.range().start().isBefore(from)
					|| !people.containsKey(shift.assigneeId())) {
				continue;
			}
			Role role = people.get(shift.assigneeId()).role();
			if (!shift.shadow() && role == Role.REVERSE_SHADOW && backupsOf(rules, people, shifts, shift).isEmpty()) {
				problems.add("reverse shadow without an IM beside them in " + shift);
			}
			if (shift.shadow() && role == Role.SHADOW
					&& shifts.stream()
						.filter(other -> !other.shadow() && other.assigneeId() != null
								&& other.slot().equals(shift.slot()) && other.range().overlaps(shift.range()))
						.anyMatch(other -> people.containsKey(other.assigneeId())
								&& people.get(other.assigneeId()).role() == Role.REVERSE_SHADOW)) {
				problems.add("trainee shadowing a reverse shadow in " + shift);
			}
		}
		return problems;
	}

	/** The valid IM shadow rows covering a primary shift. */
	static List<Booked> backupsOf(RotationRules rules, Map<Long, Candidate> people, List<Booked> shifts,
			Booked primary) {
		return shifts.stream()
			.filter(other -> other.shadow() && other.assigneeId() != null && other.slot().equals(primary.slot()))
			.filter(other -> !other.range().start().isAfter(primary.range().start())
					&& !other.range().end().isBefore(primary.range().end()))
			.filter(other -> people.containsKey(other.assigneeId()) && people.get(other.assigneeId()).role() == Role.IM)
			.filter(other -> personViolations(rules, people, other).isEmpty())
			.toList();
	}

	static List<String> allViolations(RotationRules rules, List<Candidate> roster, List<Booked> shifts) {
		Map<Long, Candidate> people = byId(roster);
		List<String> problems = new ArrayList<>(restViolations(rules, shifts));
		problems.addAll(pairingViolations(rules, people, shifts, Instant.MIN));
		shifts.stream()
			.filter(shift -> shift.assigneeId() != null)
			.forEach(shift -> problems.addAll(personViolations(rules, people, shift)));
		return problems;
	}

	static Map<Long, Candidate> byId(List<Candidate> roster) {
		return roster.stream().collect(Collectors.toMap(Candidate::personId, Function.identity()));
	}

}
