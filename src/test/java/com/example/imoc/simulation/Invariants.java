package com.example.imoc.simulation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.example.imoc.people.Eligibility;
import com.example.imoc.people.EligibilityPolicy;
import com.example.imoc.people.OnboardingState;
import com.example.imoc.people.WorkCalendar;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.RotationLayer;
import com.example.imoc.rotation.RotationSlot;
import com.example.imoc.schedule.planning.ShiftClock;
import com.example.imoc.schedule.planning.Slot;
import com.example.imoc.schedule.planning.TimeRange;

/**
 * The invariants checked after every simulated day, over the shift rows read from the
 * database, restated here independently of the scheduler's own code:
 * <ul>
 * <li>(a) every (block, slot) is held by one person unless a recorded event split
 * it;</li>
 * <li>(b) no hard rule broken by any live shift not yet over at the previous check;</li>
 * <li>(c) no hole: every instant of every slot, up to the horizon the daily job planned,
 * is a live shift or a recorded gap.</li>
 * </ul>
 * (d) (the past is never rewritten) and (e) (two nodes make the same schedule) need the
 * database and a second run; {@link ScheduleSimulation} checks them.
 */
final class Invariants {

	/**
	 * One broken invariant. {@code key} identifies it across days (the same split block
	 * is reported once, on the day it is first seen).
	 */
	record Violation(char invariant, String key, int day, String text) {

		@Override
		public String toString() {
			return "(" + this.invariant + ") day " + this.day + ": " + this.text;
		}

	}

	/**
	 * A time-away entry, with the simulated instant it was entered (the database's
	 * created_at is wall time).
	 */
	record Away(long id, long personId, Instant start, Instant end, Instant enteredAt, String kind) {
	}

	private final Rotation rotation;

	private final Map<Long, SimPerson> people;

	private final EligibilityPolicy policy;

	Invariants(Rotation rotation, Map<Long, SimPerson> people, EligibilityPolicy policy) {
		this.rotation = rotation;
		this.people = people;
		this.policy = policy;
	}

	long blockOf(LocalDate date) {
		return Math.floorDiv(ChronoUnit.DAYS.between(this.rotation.anchor(), date), this.rotation.blockDays());
	}

	LocalDate blockStart(long block) {
		return this.rotation.anchor().plusDays(block * this.rotation.blockDays());
	}

	/**
	 * (a): the owners of a (block, slot) that no recorded event explains must be one
	 * person.
	 */
	List<Violation> splitBlocks(int day, List<ShiftRow> rows, Map<Long, Cause> lastCause, Instant checkedUntil) {
		Map<String, List<ShiftRow>> byBlock = new TreeMap<>();
		for (ShiftRow row : rows) {
			if (row.primary()) {
				byBlock.computeIfAbsent(blockStart(blockOf(row.date())) + " " + row.slot(), k -> new ArrayList<>())
					.add(row);
			}
		}
		List<Violation> violations = new ArrayList<>();
		byBlock.forEach((block, held) -> {
			if (held.stream().noneMatch(row -> row.end().isAfter(checkedUntil))) {
				return;
			}
			Map<Long, List<ShiftRow>> unexplained = new TreeMap<>();
			for (ShiftRow row : held) {
				Cause cause = lastCause.get(row.id());
				if (row.assignee() != null && (cause == null || !cause.kind().explainsSplit())) {
					unexplained.computeIfAbsent(row.assignee(), k -> new ArrayList<>()).add(row);
				}
			}
			if (unexplained.size() > 1) {
				String owners = unexplained.entrySet()
					.stream()
					.map(e -> name(e.getKey()) + " on "
							+ e.getValue()
								.stream()
								.map(r -> r.date().toString().substring(5))
								.distinct()
								.collect(Collectors.joining(", "))
							+ " [" + describe(e.getValue().get(e.getValue().size() - 1), lastCause) + "]")
					.collect(Collectors.joining("; "));
				violations.add(new Violation('a', "a|" + block, day, "block " + block + " is split between "
						+ unexplained.size() + " people with no recorded event: " + owners));
			}
		});
		return violations;
	}

	private String describe(ShiftRow row, Map<Long, Cause> lastCause) {
		Cause cause = lastCause.get(row.id());
		return (cause == null ? "no cause recorded" : cause.toString()) + "; row reason «" + row.reason() + "»";
	}

	/**
	 * (b): the hard rules, for every live shift that was not yet over at the previous
	 * check.
	 */
	List<Violation> hardRules(int day, List<ShiftRow> rows, List<Away> away, Instant checkedUntil) {
		List<Violation> violations = new ArrayList<>();
		Map<Long, List<Away>> awayOf = away.stream().collect(Collectors.groupingBy(Away::personId));
		Map<Long, List<ShiftRow>> byPerson = new TreeMap<>();
		for (ShiftRow row : rows) {
			if (row.live() && row.assignee() != null) {
				byPerson.computeIfAbsent(row.assignee(), k -> new ArrayList<>()).add(row);
			}
		}
		byPerson.forEach((personId, held) -> {
			SimPerson person = this.people.get(personId);
			held.sort(Comparator.comparing(ShiftRow::start).thenComparing(ShiftRow::id));
			for (int i = 0; i < held.size(); i++) {
				ShiftRow row = held.get(i);
				if (!row.end().isAfter(checkedUntil)) {
					continue;
				}
				if (person == null) {
					violations.add(new Violation('b', "b|" + row.id() + "|unknown", day,
							row + " is held by someone the simulation never created"));
					continue;
				}
				personRules(day, person, row, awayOf.getOrDefault(personId, List.of()), violations);
				if (i > 0) {
					ShiftRow before = held.get(i - 1);
					if (row.start().isBefore(before.end())) {
						violations.add(new Violation('b', "b|" + row.id() + "|overlap", day,
								person + " holds two shifts at once: " + before + " and " + row));
					}
					else if (!row.sameShiftAs(before)
							&& row.start().isBefore(before.end().plus(this.rotation.minimumRest()))) {
						violations.add(new Violation('b', "b|" + row.id() + "|rest", day, person + " rests less than "
								+ this.rotation.minimumRest().toHours() + " h between " + before + " and " + row));
					}
				}
			}
		});
		return violations;
	}

	private void personRules(int day, SimPerson person, ShiftRow row, List<Away> away, List<Violation> out) {
		Instant at = row.start();
		OnboardingState state = person.onboardingAt(at);
		boolean active = person.activeAt(at);
		String prefix = row + " held by " + person + ": ";
		if (state == null) {
			out.add(new Violation('b', "b|" + row.id() + "|not-yet", day, prefix + "starts before they joined"));
			return;
		}
		Eligibility eligibility = Eligibility.of(person.title, person.grade, person.startDate, active, state, false,
				false, false, this.policy, row.date());
		if (!eligibility.eligible()) {
			out.add(new Violation('b', "b|" + row.id() + "|eligible", day,
					prefix + "not eligible on " + row.date() + " (" + eligibility.reason() + ")"));
		}
		// A reverse shadow holds the pager (with an IM beside them on a shadow row); a
		// shadow never does.
		if (!row.shadow() && state != OnboardingState.ACTIVE && state != OnboardingState.REVERSE_SHADOW) {
			out.add(new Violation('b', "b|" + row.id() + "|onboarding", day,
					prefix + "holds the slot while " + state.label().toLowerCase()));
		}
		long layerId = person.layerAt(at);
		RotationLayer layer = layerId == SimPerson.NO_LAYER ? null : this.rotation.layer(layerId).orElse(null);
		DayOfWeek weekday = row.date().getDayOfWeek();
		if (layer == null) {
			out.add(new Violation('b', "b|" + row.id() + "|participant", day, prefix + "not in the rotation"));
		}
		else if ((WorkCalendar.of(person.zone, Set.of()).daysTouched(row.start(), row.end())
				& ~WorkCalendar.dayBits(layer.days())) != 0) {
			// Layer days are judged in the person's own zone (people.WorkCalendar): every
			// local day the shift touches.
			out.add(new Violation('b', "b|" + row.id() + "|layer", day, prefix + "their layer \"" + layer.name()
					+ "\" does not cover every day it touches in " + person.zone + " (dated " + weekday + ")"));
		}
		for (Away entry : away) {
			// A shift already started when the time away was entered cannot be handed
			// over any more (swaps and covers
			// need a shift in the future); from the next shift on, the rule holds.
			if (row.start().isAfter(entry.enteredAt()) && row.start().isBefore(entry.end())
					&& entry.start().isBefore(row.end())) {
				out.add(new Violation('b', "b|" + row.id() + "|away|" + entry.id(), day,
						prefix + "away (" + entry.kind() + " " + entry.start() + " – " + entry.end() + ", entered "
								+ entry.enteredAt() + ")"));
			}
		}
	}

	/**
	 * (c): every slot of every date up to {@code plannedThrough} is tiled by live primary
	 * rows (people's shifts and recorded gaps), from the first one not over at the
	 * previous check.
	 */
	List<Violation> holes(int day, List<ShiftRow> rows, LocalDate from, LocalDate plannedThrough,
			Instant checkedUntil) {
		ShiftClock clock = new ShiftClock(this.rotation.zone());
		Map<String, List<ShiftRow>> bySlotDate = new LinkedHashMap<>();
		for (ShiftRow row : rows) {
			if (row.primary()) {
				bySlotDate.computeIfAbsent(row.slot() + "|" + row.date(), k -> new ArrayList<>()).add(row);
			}
		}
		List<Violation> violations = new ArrayList<>();
		for (LocalDate date = from; !date.isAfter(plannedThrough); date = date.plusDays(1)) {
			for (RotationSlot slot : this.rotation.slots()) {
				TimeRange expected = clock.shift(date, new Slot(slot.label(), slot.start(), slot.end()));
				if (!expected.end().isAfter(checkedUntil)) {
					continue;
				}
				List<ShiftRow> parts = new ArrayList<>(bySlotDate.getOrDefault(slot.label() + "|" + date, List.of()));
				parts.sort(Comparator.comparing(ShiftRow::start));
				Instant covered = expected.start();
				String problem = null;
				for (ShiftRow part : parts) {
					if (part.start().isAfter(covered)) {
						problem = "nothing holds [" + covered + " – " + part.start() + ")";
						break;
					}
					if (part.start().isBefore(covered)) {
						problem = "two rows hold " + part.start() + " (" + part + ")";
						break;
					}
					covered = part.end();
				}
				if (problem == null && !Objects.equals(covered, expected.end())) {
					problem = covered.isBefore(expected.end())
							? "nothing holds [" + covered + " – " + expected.end() + ")"
							: "a row runs past the slot's end " + expected.end();
				}
				if (problem != null) {
					violations.add(new Violation('c', "c|" + slot.label() + "|" + date, day,
							"slot " + slot.label() + " on " + date + ": " + problem));
				}
			}
		}
		return violations;
	}

	private String name(Long personId) {
		SimPerson person = this.people.get(personId);
		return person == null ? "#" + personId : person.toString();
	}

}
