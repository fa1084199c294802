package com.example.imoc.swap;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.stereotype.Component;

import com.example.imoc.notify.Notice;
import com.example.imoc.people.Eligibility;
import com.example.imoc.people.OnboardingState;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonFacts;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.PublicHolidays;
import com.example.imoc.people.Region;
import com.example.imoc.people.Roster;
import com.example.imoc.people.TimeAway;
import com.example.imoc.people.WorkCalendar;
import com.example.imoc.rotation.Participant;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.RotationLayer;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;
import com.example.imoc.schedule.planning.FairnessLoad;

/**
 * The rules a swap or cover must pass before anything changes, checked again at
 * acceptance, each refusal in plain words; and the what-if preview of the load of both
 * people. One {@link Check} caches what it reads, so listing the possible counterparts of
 * a shift costs a few queries, not hundreds.
 */
@Component
class SwapRules {

	/**
	 * How far around a moved shift other shifts matter (overlap, rest), and the preview's
	 * window.
	 */
	static final Duration AROUND = Duration.ofDays(8);

	static final Duration PREVIEW_WINDOW = Duration.ofDays(28);

	private final Shifts shifts;

	private final PersonRepository people;

	private final Roster roster;

	private final Rotations rotations;

	private final TimeAway timeAway;

	private final Clock clock;

	private final PublicHolidays holidays;

	SwapRules(Shifts shifts, PersonRepository people, Roster roster, Rotations rotations, TimeAway timeAway,
			Clock clock, PublicHolidays holidays) {
		this.holidays = holidays;
		this.shifts = shifts;
		this.people = people;
		this.roster = roster;
		this.rotations = rotations;
		this.timeAway = timeAway;
		this.clock = clock;
	}

	Check check() {
		return new Check(this.clock.instant());
	}

	/**
	 * A part of a shift changing hands: [start, end) of {@code shift} goes to {@code to},
	 * who gives away {@code released}.
	 */
	record Move(ShiftView shift, Instant start, Instant end, long to, ShiftView released) {

		static Move whole(ShiftView shift, long to, ShiftView released) {
			return new Move(shift, shift.start(), shift.end(), to, released);
		}

	}

	/**
	 * One person's load from now until both shifts are over (at least four weeks), before
	 * and after, with its weekend and holiday hours in the person's own zone and region
	 * ({@link WorkCalendar}); and the shortest rest next to the shift they give (before)
	 * and the one they get (after).
	 */
	record Load(String name, double hoursBefore, double hoursAfter, double weekendBefore, double weekendAfter,
			double holidayBefore, double holidayAfter, Duration restBefore, Duration restAfter) {

		public String restBeforeText() {
			return text(this.restBefore);
		}

		public String restAfterText() {
			return text(this.restAfter);
		}

		/**
		 * On-call hours with weekend and holiday hours weighted, as fairness weighs them
		 * ({@link FairnessLoad}), before the change.
		 */
		public double weightedBefore() {
			return FairnessLoad.weightedHours(this.hoursBefore, this.weekendBefore, this.holidayBefore);
		}

		/** {@link #weightedBefore()} after the change. */
		public double weightedAfter() {
			return FairnessLoad.weightedHours(this.hoursAfter, this.weekendAfter, this.holidayAfter);
		}

		private static String text(Duration rest) {
			return rest == null ? "no neighbouring shift" : rest.toHours() + " h " + rest.toMinutesPart() + " min";
		}

	}

	final class Check {

		private final Instant now;

		private final Map<Long, List<ShiftView>> shiftsOf = new HashMap<>();

		private final Map<Long, Person> personOf = new HashMap<>();

		private final Map<Long, PersonFacts> factsOf = new HashMap<>();

		private final Map<Long, Rotation> rotationOf = new HashMap<>();

		private final Map<Long, Map<Long, Long>> layerOf = new HashMap<>();

		private Map<Long, List<TimeAway.Stretch>> away;

		private final Map<Region, Set<LocalDate>> holidaysOf = new EnumMap<>(Region.class);

		Check(Instant now) {
			this.now = now;
		}

		Instant now() {
			return this.now;
		}

		/**
		 * Loads many people (as entities, for callers that show more than the rules read,
		 * e.g. email addresses) and their shifts in a few statements instead of two per
		 * person: checking every participant of a large rotation otherwise sends
		 * thousands.
		 */
		void prefetch(java.util.Collection<Long> personIds) {
			List<Long> missing = personIds.stream().filter(id -> !this.personOf.containsKey(id)).toList();
			SwapRules.this.people.findAllById(missing).forEach(p -> this.personOf.put(p.getId(), p));
			prefetchFacts(personIds);
		}

		/**
		 * What the rules read about many people ({@link PersonFacts}, one statement, no
		 * entities) and their shifts (one statement): an open cover checks every
		 * participant of the rotation, and loading a thousand entities to read a few
		 * fields cost more than the checks.
		 */
		void prefetchFacts(java.util.Collection<Long> personIds) {
			List<Long> missingFacts = personIds.stream().filter(id -> !this.factsOf.containsKey(id)).toList();
			SwapRules.this.roster.facts(missingFacts).forEach(p -> this.factsOf.put(p.id(), p));
			if (personIds.stream().allMatch(this.shiftsOf::containsKey)) {
				return;
			}
			Map<Long, List<ShiftView>> byPerson = new HashMap<>();
			// One person's live shifts never overlap, so start order within a person is
			// the same as ofPerson's.
			for (ShiftView shift : SwapRules.this.shifts.between(this.now.minus(AROUND),
					this.now.plus(Duration.ofDays(400)), null)) {
				if (shift.assigneeId() != null) {
					byPerson.computeIfAbsent(shift.assigneeId(), k -> new ArrayList<>()).add(shift);
				}
			}
			for (Long id : personIds) {
				this.shiftsOf.putIfAbsent(id, byPerson.getOrDefault(id, new ArrayList<>()));
			}
		}

		Person person(long id) {
			return this.personOf.computeIfAbsent(id, k -> SwapRules.this.people.findById(k).orElseThrow());
		}

		/** What the rules read about a person (no entity). */
		PersonFacts facts(long id) {
			PersonFacts facts = this.factsOf.get(id);
			if (facts == null) {
				facts = SwapRules.this.roster.facts(List.of(id))
					.stream()
					.findFirst()
					.orElseThrow(() -> new java.util.NoSuchElementException("no person " + id));
				this.factsOf.put(id, facts);
			}
			return facts;
		}

		/**
		 * The person's own calendar: their zone and their region's holidays (read once
		 * per region).
		 */
		WorkCalendar calendar(PersonFacts person) {
			return WorkCalendar.of(person.zone(),
					this.holidaysOf.computeIfAbsent(person.region(), SwapRules.this.holidays::holidaysOf));
		}

		Rotation rotation(long id) {
			return this.rotationOf.computeIfAbsent(id, k -> SwapRules.this.rotations.find(k).orElseThrow());
		}

		/**
		 * Problems with the shift itself: started, inside the freeze window, not live.
		 */
		List<String> timing(ShiftView shift, boolean coordinator) {
			List<String> problems = new ArrayList<>();
			if (shift.isCancelled()) {
				problems.add("The shift on " + describe(shift) + " is no longer on the schedule.");
			}
			else if (!shift.start().isAfter(this.now)) {
				problems.add("The shift on " + describe(shift)
						+ " has already started; only future shifts can change hands.");
			}
			else if (!coordinator) {
				Rotation rotation = rotation(shift.rotationId());
				if (shift.start().isBefore(this.now.plus(Duration.ofDays(rotation.freezeDays())))) {
					problems.add("The shift on " + describe(shift) + " starts within the " + rotation.name()
							+ " freeze window (" + rotation.freezeDays() + " days); ask the coordinator to change it.");
				}
			}
			return problems;
		}

		/**
		 * Whether {@code move.to} may take the part of the shift, in words; empty when
		 * they may.
		 */
		List<String> problems(Move move) {
			return problems(move, List.of(), List.of());
		}

		/**
		 * As {@link #problems(Move)} for one shift of a set that changes hands together:
		 * {@code alsoReleased} are the other shifts {@code move.to} gives up in the same
		 * request (their time is free), {@code alsoGained} the other shifts they get
		 * (their time counts for overlap and rest).
		 */
		List<String> problems(Move move, Collection<ShiftView> alsoReleased, Collection<ShiftView> alsoGained) {
			List<String> problems = new ArrayList<>();
			PersonFacts to = facts(move.to());
			ShiftView shift = move.shift();
			Rotation rotation = rotation(shift.rotationId());
			if (!to.active()) {
				problems.add(to.name() + " is no longer active.");
				return problems;
			}
			Eligibility eligibility = SwapRules.this.roster.eligibilityOn(to, shift.date());
			if (!eligibility.eligible()) {
				problems
					.add(to.name() + " is not eligible for " + rotation.name() + " (" + eligibility.reason() + ").");
			}
			if (to.onboardingState() != OnboardingState.ACTIVE) {
				problems.add(
						to.name() + " is still onboarding (" + to.onboardingState().label() + ") and can only shadow.");
			}
			Long layerId = layers(rotation.id()).get(to.id());
			if (layerId == null) {
				problems.add(to.name() + " is not in the " + rotation.name() + " rotation.");
			}
			else {
				// The days are the receiver's own: the part they would hold, cut at
				// midnight in their zone.
				RotationLayer layer = rotation.layer(layerId).orElseThrow();
				WorkCalendar own = calendar(to);
				int touched = own.daysTouched(move.start(), move.end());
				int outsideLayer = touched & ~WorkCalendar.dayBits(layer.days());
				if (outsideLayer != 0) {
					problems.add(to.name() + " is in the " + layer.name() + " layer, which does not cover "
							+ dayNames(outsideLayer) + " (this shift has time on one in " + own.zone() + ").");
				}
				else if (to.weekdaysOnly() && (touched & WorkCalendar.WEEKEND_DAYS) != 0) {
					problems.add(to.name() + " has a weekdays-only contract, and this shift has time on "
							+ dayNames(touched & WorkCalendar.WEEKEND_DAYS) + " in their time zone (" + own.zone()
							+ ").");
				}
			}
			for (TimeAway.Stretch entry : away().getOrDefault(to.id(), List.of())) {
				if (entry.startsAt().isBefore(move.end()) && entry.endsAt().isAfter(move.start())) {
					problems.add(to.name() + " is away then.");
					break;
				}
			}
			Duration rest = rotation.minimumRest();
			Set<Long> released = new HashSet<>();
			alsoReleased.forEach(s -> released.add(s.id()));
			if (move.released() != null) {
				released.add(move.released().id());
			}
			List<ShiftView> held = new ArrayList<>(shiftsOf(to.id()));
			held.addAll(alsoGained);
			for (ShiftView other : held) {
				if (other.id() == shift.id() || released.contains(other.id())) {
					continue;
				}
				if (other.start().isBefore(move.end()) && other.end().isAfter(move.start())) {
					problems.add(to.name() + " already holds a shift then (" + describe(other) + ").");
				}
				else if (gap(other, move.start(), move.end()).compareTo(rest) < 0) {
					problems.add(to.name() + " would have only " + Load.text(gap(other, move.start(), move.end()))
							+ " of rest next to their shift on " + describe(other) + " (the minimum is "
							+ rest.toHours() + " h).");
				}
			}
			return problems;
		}

		/**
		 * The what-if preview for one person: they receive {@code gains} and give away
		 * {@code loses}.
		 */
		Load load(long personId, List<Move> gains, List<ShiftView> loses, Instant partStartGiven,
				Instant partEndGiven) {
			PersonFacts person = facts(personId);
			WorkCalendar own = calendar(person);
			Instant from = this.now;
			Instant latest = this.now.plus(PREVIEW_WINDOW);
			for (Move move : gains) {
				latest = move.end().isAfter(latest) ? move.end() : latest;
			}
			for (ShiftView lost : loses) {
				latest = lost.end().isAfter(latest) ? lost.end() : latest;
			}
			Instant to = latest;
			List<Interval> before = new ArrayList<>();
			for (ShiftView s : shiftsOf(personId)) {
				if (!s.shadow()) {
					before.add(new Interval(s.start(), s.end(), s.id()));
				}
			}
			List<Interval> after = new ArrayList<>();
			for (Interval i : before) {
				boolean given = loses.stream().anyMatch(l -> l.id() == i.shiftId());
				if (!given) {
					after.add(i);
				}
				else if (partStartGiven != null) {
					if (partStartGiven.isAfter(i.start())) {
						after.add(new Interval(i.start(), partStartGiven, i.shiftId()));
					}
					if (partEndGiven.isBefore(i.end())) {
						after.add(new Interval(partEndGiven, i.end(), i.shiftId()));
					}
				}
			}
			for (Move move : gains) {
				after.add(new Interval(move.start(), move.end(), move.shift().id()));
			}
			Predicate<Interval> inWindow = i -> i.end().isAfter(from) && i.start().isBefore(to);
			Instant focusStart = gains.isEmpty() ? null : gains.get(0).start();
			WorkCalendar.Hours offBefore = offHours(before, inWindow, own);
			WorkCalendar.Hours offAfter = offHours(after, inWindow, own);
			return new Load(person.name(), hours(before, inWindow), hours(after, inWindow), offBefore.weekendHours(),
					offAfter.weekendHours(), offBefore.holidayHours(), offAfter.holidayHours(),
					shortestRest(before, focusStart), shortestRest(after, focusStart));
		}

		List<ShiftView> shiftsOf(long personId) {
			return this.shiftsOf.computeIfAbsent(personId, id -> SwapRules.this.shifts.ofPerson(id,
					this.now.minus(AROUND), this.now.plus(Duration.ofDays(400))));
		}

		private Map<Long, Long> layers(long rotationId) {
			return this.layerOf.computeIfAbsent(rotationId, id -> {
				Map<Long, Long> byPerson = new HashMap<>();
				for (Participant p : SwapRules.this.rotations.participants(id)) {
					byPerson.put(p.personId(), p.layerId());
				}
				return byPerson;
			});
		}

		/**
		 * Everyone's time away around now, by person, read once per check without
		 * entities: checking every participant (an open cover's possible takers) looks up
		 * each person's own.
		 */
		private Map<Long, List<TimeAway.Stretch>> away() {
			if (this.away == null) {
				this.away = new HashMap<>();
				for (TimeAway.Stretch entry : SwapRules.this.timeAway.stretches(this.now.minus(AROUND),
						this.now.plus(Duration.ofDays(400)), null)) {
					this.away.computeIfAbsent(entry.personId(), k -> new ArrayList<>()).add(entry);
				}
			}
			return this.away;
		}

	}

	private record Interval(Instant start, Instant end, long shiftId) {
	}

	private static double hours(List<Interval> intervals, Predicate<Interval> filter) {
		return intervals.stream().filter(filter).mapToLong(i -> Duration.between(i.start(), i.end()).toMinutes()).sum()
				/ 60.0;
	}

	private static WorkCalendar.Hours offHours(List<Interval> intervals, Predicate<Interval> filter, WorkCalendar own) {
		return intervals.stream()
			.filter(filter)
			.map(i -> own.hours(i.start(), i.end()))
			.reduce(WorkCalendar.Hours.NONE, WorkCalendar.Hours::plus);
	}

	/** "Saturdays and Sundays" for the day bits of {@link WorkCalendar#daysTouched}. */
	private static String dayNames(int days) {
		List<String> names = new ArrayList<>();
		for (DayOfWeek day : DayOfWeek.values()) {
			if ((days & WorkCalendar.dayBit(day)) != 0) {
				names.add(day.getDisplayName(TextStyle.FULL, Locale.ENGLISH) + "s");
			}
		}
		return String.join(" and ", names);
	}

	/**
	 * The shortest rest between the shift starting at {@code focus} and its neighbours
	 * (or overall, without focus).
	 */
	private static Duration shortestRest(List<Interval> intervals, Instant focus) {
		List<Interval> sorted = intervals.stream().sorted((a, b) -> a.start().compareTo(b.start())).toList();
		Duration shortest = null;
		for (int i = 1; i < sorted.size(); i++) {
			Interval previous = sorted.get(i - 1);
			Interval next = sorted.get(i);
			if (focus != null && !Objects.equals(next.start(), focus) && !Objects.equals(previous.start(), focus)) {
				continue;
			}
			Duration gap = Duration.between(previous.end(), next.start());
			if (gap.isNegative() || gap.isZero()) {
				continue;
			}
			if (shortest == null || gap.compareTo(shortest) < 0) {
				shortest = gap;
			}
		}
		return shortest;
	}

	private static Duration gap(ShiftView other, Instant start, Instant end) {
		return other.end().isAfter(start) ? Duration.between(end, other.start()) : Duration.between(other.end(), start);
	}

	static String describe(ShiftView shift) {
		return shift.date() + " " + shift.slot() + " " + shift.rotationZone() + " (" + shift.rotationName() + ")";
	}

	/**
	 * The shifts of a set in one phrase naming every date: one shift as
	 * {@link #describe(ShiftView)}, a block as "4 shifts on 2026-12-01, 2026-12-02,
	 * 2026-12-03 and 2026-12-04 05:00-11:00 UTC (IMOC)".
	 */
	static String describe(List<ShiftView> shifts) {
		if (shifts.size() == 1) {
			return describe(shifts.get(0));
		}
		ShiftView first = shifts.get(0);
		boolean oneSlot = shifts.stream()
			.allMatch(s -> s.slotId() == first.slotId() && s.rotationId() == first.rotationId());
		if (oneSlot) {
			return shifts.size() + " shifts on " + and(shifts.stream().map(s -> s.date().toString()).toList()) + " "
					+ first.slot() + " " + first.rotationZone() + " (" + first.rotationName() + ")";
		}
		return shifts.size() + " shifts: " + and(shifts.stream().map(SwapRules::describe).toList());
	}

	/**
	 * A shift in a notice: "the IMOC shift Tue 1 Dec 06:00 – 12:00 GMT", its times marked
	 * so each recipient reads them in their own zone ({@link Notice#span}).
	 */
	static String told(ShiftView shift) {
		return "the " + shift.rotationName() + " shift " + Notice.span(shift.start(), shift.end());
	}

	/** The shifts of a set in a notice, every one named in the recipient's zone. */
	static String told(List<ShiftView> shifts) {
		if (shifts.isEmpty()) {
			return "shifts no longer on the schedule";
		}
		if (shifts.size() == 1) {
			return told(shifts.get(0));
		}
		return shifts.size() + " " + shifts.get(0).rotationName() + " shifts: "
				+ and(shifts.stream().map(s -> Notice.span(s.start(), s.end())).toList());
	}

	private static String and(List<String> items) {
		if (items.size() == 1) {
			return items.get(0);
		}
		return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
	}

	Optional<ShiftView> shift(long id) {
		return this.shifts.find(id);
	}

	/** The live shifts a person holds overlapping [from, to), in time order. */
	List<ShiftView> heldBy(long personId, Instant from, Instant to) {
		return this.shifts.ofPerson(personId, from, to);
	}

}
