package com.example.imoc.schedule.planning;

import com.example.imoc.people.WorkCalendar;
import com.example.imoc.schedule.planning.Candidate.Role;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class AssignerProperties {

	private static final List<String> ZONES = List.of("UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata",
			"Australia/Sydney");

	private static final List<List<Slot>> SLOT_PATTERNS = List.of(Rotations.REAL_SLOTS,
			List.of(Slot.of("08:00", "20:00"), Slot.of("20:00", "08:00")),
			List.of(Slot.of("02:30", "10:30"), Slot.of("10:30", "18:30"), Slot.of("18:30", "02:30")));

	private final Assigner assigner = new Assigner();

	record Absence(int startHour, int hours) {
	}

	/**
	 * {@code zone} indexes {@link #ZONES}: people live in their own zone, not necessarily
	 * the rotation's.
	 */
	record Person(int layer, Set<Integer> preferredSlots, Role role, boolean eligible, List<Absence> absences,
			int priorHours, int zone, boolean weekdaysOnly) {
	}

	record Scenario(RotationRules rules, List<Candidate> people, LocalDate from, LocalDate until) {
		Instant at(int hoursFromStart) {
			return from.atStartOfDay(rules.zone()).toInstant().plus(Duration.ofHours(hoursFromStart));
		}
	}

	record Change(int personIndex, Absence absence, boolean alsoIneligible, boolean becomesWeekdaysOnly) {
	}

	@Property(tries = 150)
	void everyPlannedShiftKeepsEveryHardRule(@ForAll("scenarios") Scenario scenario) {
		List<PlannedShift> plan = extend(scenario);

		assertThat(HardRules.allViolations(scenario.rules(), scenario.people(), HardRules.ofPlanned(plan))).isEmpty();
		ShiftClock clock = new ShiftClock(scenario.rules().zone());
		assertThat(plan).allSatisfy(shift -> assertThat(shift.range())
			.isEqualTo(clock.shift(shift.date(), scenario.rules().slot(shift.slot()).orElseThrow())));
	}

	@Property(tries = 150)
	void everyDateAndSlotHasExactlyOneImShiftOrGap(@ForAll("scenarios") Scenario scenario) {
		List<PlannedShift> plan = extend(scenario);

		Map<String, Long> imRows = plan.stream()
			.filter(shift -> !shift.shadow())
			.collect(Collectors.groupingBy(shift -> shift.date() + " " + shift.slot(), Collectors.counting()));
		List<String> expected = scenario.from()
			.datesUntil(scenario.until())
			.flatMap(day -> scenario.rules().slots().stream().map(slot -> day + " " + slot.label()))
			.toList();
		assertThat(imRows.keySet()).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(imRows.values()).allMatch(count -> count == 1);
		assertThat(plan).filteredOn(PlannedShift::isGap)
			.allSatisfy(gap -> assertThat(gap.reason()).startsWith("no eligible person"));
		Map<String, PlannedShift> imBySlotAndStart = plan.stream()
			.filter(shift -> !shift.shadow())
			.collect(Collectors.toMap(shift -> shift.slot() + shift.start(), Function.identity()));
		assertThat(plan).filteredOn(PlannedShift::shadow)
			.allSatisfy(shadow -> assertThat(imBySlotAndStart.get(shadow.slot() + shadow.start()).isGap()).isFalse());
	}

	@Property(tries = 100)
	void sameInputGivesTheSamePlan(@ForAll("scenarios") Scenario scenario) {
		assertThat(extend(scenario)).isEqualTo(extend(scenario));
	}

	@Property(tries = 100)
	void extendingAgainWithItsOwnOutputPlansNothing(@ForAll("scenarios") Scenario scenario) {
		List<ExistingShift> stored = Rotations.stored(extend(scenario));

		assertThat(assigner.extend(scenario.rules(), scenario.people(), stored, scenario.from(), scenario.until()))
			.isEmpty();
		assertThat(assigner.repair(scenario.rules(), scenario.people(), stored, scenario.at(0))).isEmpty();
	}

	@Property(tries = 100)
	void repairAfterNewPtoTouchesOnlyInvalidShiftsAndLeavesAValidSchedule(@ForAll("scenarios") Scenario scenario,
			@ForAll("changes") List<Change> changes, @ForAll("frozenHours") int frozenHours) {
		RotationRules rules = scenario.rules();
		List<ExistingShift> stored = Rotations.stored(extend(scenario));
		List<Candidate> people = withChanges(scenario, changes);
		Instant frozenUntil = scenario.at(frozenHours);

		List<Reassignment> repairs = assigner.repair(rules, people, stored, frozenUntil);

		Map<Long, Candidate> byId = HardRules.byId(people);
		Map<Long, ExistingShift> storedById = stored.stream()
			.collect(Collectors.toMap(ExistingShift::id, Function.identity()));
		List<HardRules.Booked> before = HardRules.ofStored(rules, stored);
		Set<Long> mustChange = before.stream()
			.filter(shift -> shift.assigneeId() != null && !shift.range().start().isBefore(frozenUntil))
			.filter(shift -> !HardRules.personViolations(rules, byId, shift).isEmpty())
			.map(HardRules.Booked::id)
			.collect(Collectors.toSet());
		// A reverse shadow left without a fit IM beside them needs a change too: a new IM
		// on the backup row, or
		// their shift goes to an IM. When a reverse shadow's shift changes hands, the IM
		// rows beside it may go.
		List<HardRules.Booked> unbacked = before.stream()
			.filter(shift -> !shift.shadow() && shift.assigneeId() != null
					&& !shift.range().start().isBefore(frozenUntil))
			.filter(shift -> byId.get(shift.assigneeId()).role() == Role.REVERSE_SHADOW)
			.filter(shift -> HardRules.backupsOf(rules, byId, before, shift).isEmpty())
			.toList();
		Set<Long> mayChange = new java.util.HashSet<>(mustChange);
		before.stream().filter(shift -> shift.assigneeId() == null).forEach(shift -> mayChange.add(shift.id()));
		unbacked.forEach(shift -> mayChange.add(shift.id()));
		before.stream()
			.filter(shift -> !shift.shadow() && shift.assigneeId() != null
					&& (mustChange.contains(shift.id()) || unbacked.contains(shift)))
			.forEach(primary -> before.stream()
				.filter(row -> row.shadow() && row.assigneeId() != null && row.slot().equals(primary.slot())
						&& row.range().overlaps(primary.range()) && byId.get(row.assigneeId()).role() == Role.IM)
				.forEach(row -> mayChange.add(row.id())));
		Set<Long> touched = repairs.stream().map(Reassignment::shiftId).collect(Collectors.toSet());
		assertThat(touched).hasSize(repairs.size()).containsAll(mustChange);
		assertThat(repairs).allSatisfy(repair -> {
			ExistingShift shift = storedById.get(repair.shiftId());
			assertThat(shift.start()).isAfterOrEqualTo(frozenUntil);
			assertThat(mayChange).contains(shift.id());
		});
		assertThat(
				unbacked)
			.allSatisfy(
					primary -> assertThat(
							touched.contains(primary.id()) || before.stream()
								.anyMatch(row -> row.shadow() && touched.contains(row.id())
										&& row.slot().equals(primary.slot()) && row.range().overlaps(primary.range())))
						.isTrue());

		Map<Long, Reassignment> byShift = repairs.stream()
			.collect(Collectors.toMap(Reassignment::shiftId, Function.identity()));
		List<HardRules.Booked> after = new ArrayList<>();
		for (HardRules.Booked shift : before) {
			Reassignment repair = byShift.get(shift.id());
			if (repair == null) {
				after.add(shift);
			}
			else if (!(shift.shadow() && repair.newAssigneeId() == null)) {
				after.add(new HardRules.Booked(shift.id(), shift.slot(), shift.date(), shift.range(),
						repair.newAssigneeId(), shift.shadow()));
			}
		}
		assertThat(HardRules.restViolations(rules, after)).isEmpty();
		List<HardRules.Booked> open = after.stream()
			.filter(shift -> shift.assigneeId() != null && !shift.range().start().isBefore(frozenUntil))
			.toList();
		assertThat(open).allSatisfy(shift -> assertThat(HardRules.personViolations(rules, byId, shift)).isEmpty());
		assertThat(HardRules.pairingViolations(rules, byId, after, frozenUntil)).isEmpty();
	}

	@Property(tries = 100)
	void anImRidesAlongOnlyBesideAReverseShadowAndATraineeOnlyBesideAnIm(@ForAll("scenarios") Scenario scenario) {
		List<PlannedShift> plan = extend(scenario);
		Map<Long, Candidate> byId = HardRules.byId(scenario.people());
		Map<String, PlannedShift> primaryBySlotAndStart = plan.stream()
			.filter(shift -> !shift.shadow())
			.collect(Collectors.toMap(shift -> shift.slot() + shift.start(), Function.identity()));
		assertThat(plan).filteredOn(PlannedShift::shadow).allSatisfy(row -> {
			PlannedShift primary = primaryBySlotAndStart.get(row.slot() + row.start());
			Role expected = byId.get(row.assigneeId()).role() == Role.IM ? Role.REVERSE_SHADOW : Role.IM;
			assertThat(byId.get(primary.assigneeId()).role()).isEqualTo(expected);
			assertThat(row.range()).isEqualTo(primary.range());
		});
		// Every block a reverse shadow holds is a whole block (never a single day filled
		// in).
		assertThat(plan)
			.filteredOn(shift -> !shift.shadow() && !shift.isGap()
					&& byId.get(shift.assigneeId()).role() == Role.REVERSE_SHADOW)
			.allSatisfy(shift -> assertThat(shift.reason()).doesNotStartWith("no one free for the whole block"));
	}

	private List<PlannedShift> extend(Scenario scenario) {
		return assigner.extend(scenario.rules(), scenario.people(), List.of(), scenario.from(), scenario.until());
	}

	private static List<Candidate> withChanges(Scenario scenario, List<Change> changes) {
		Map<Long, Candidate> people = new HashMap<>(HardRules.byId(scenario.people()));
		List<Long> ids = scenario.people().stream().map(Candidate::personId).sorted().toList();
		for (Change change : changes) {
			long id = ids.get(change.personIndex() % ids.size());
			Candidate person = Rotations.withAbsence(people.get(id), absence(scenario, change.absence()));
			if (change.alsoIneligible()) {
				person = new Candidate(person.personId(), person.name(), person.layer(), person.preferredSlots(),
						person.role(), person.unavailable(), person.priorHours(), person.priorWeekendHours(), false,
						person.eligibleFrom(), person.calendar(), person.weekdaysOnly(), person.priorHolidayHours());
			}
			if (change.becomesWeekdaysOnly()) {
				person = new Candidate(person.personId(), person.name(), person.layer(), person.preferredSlots(),
						person.role(), person.unavailable(), person.priorHours(), person.priorWeekendHours(),
						person.eligible(), person.eligibleFrom(), person.calendar(), true, person.priorHolidayHours());
			}
			people.put(id, person);
		}
		return ids.stream().map(people::get).toList();
	}

	private static TimeRange absence(Scenario scenario, Absence absence) {
		Instant start = scenario.at(absence.startHour());
		return new TimeRange(start, start.plus(Duration.ofHours(absence.hours())));
	}

	@Provide
	Arbitrary<Scenario> scenarios() {
		Arbitrary<ZoneId> zone = Arbitraries.of(ZONES).map(ZoneId::of);
		Arbitrary<LocalDate> from = Arbitraries.integers()
			.between(0, 730)
			.map(day -> LocalDate.of(2025, 6, 1).plusDays(day));
		Arbitrary<Integer> days = Arbitraries.integers().between(1, 120);
		Arbitrary<Integer> blockDays = Arbitraries.of(1, 2, 4, 7);
		Arbitrary<Integer> anchorShift = Arbitraries.integers().between(-10, 10);
		Arbitrary<Integer> restHours = Arbitraries.of(0, 4, 8, 12);
		Arbitrary<List<Slot>> slots = Arbitraries.of(SLOT_PATTERNS);
		Arbitrary<List<Person>> roster = persons().list().ofMinSize(1).ofMaxSize(40);
		return Combinators.combine(zone, from, days, blockDays, anchorShift, restHours, slots, roster)
			.as((z, start, length, block, shift, rest, pattern, drafts) -> {
				RotationRules rules = new RotationRules(z, pattern, block, start.plusDays(shift), Rotations.REAL_LAYERS,
						Duration.ofHours(rest), Duration.ofDays(90));
				Scenario bare = new Scenario(rules, List.of(), start, start.plusDays(length));
				List<Candidate> people = new ArrayList<>();
				for (int i = 0; i < drafts.size(); i++) {
					people.add(candidate(bare, 1000 - 7L * i, drafts.get(i)));
				}
				return new Scenario(rules, people, start, start.plusDays(length));
			});
	}

	private static Candidate candidate(Scenario scenario, long id, Person draft) {
		List<Slot> slots = scenario.rules().slots();
		Set<String> preferred = draft.preferredSlots()
			.stream()
			.map(index -> slots.get(index % slots.size()).label())
			.collect(Collectors.toSet());
		List<TimeRange> absences = draft.absences().stream().map(absence -> absence(scenario, absence)).toList();
		Duration prior = Duration.ofHours(draft.priorHours());
		return new Candidate(id, "person-" + id, Rotations.REAL_LAYERS.get(draft.layer()).name(), preferred,
				draft.role(), absences, prior, prior.dividedBy(4), draft.eligible(), null,
				WorkCalendar.of(ZoneId.of(ZONES.get(draft.zone())), Set.of(scenario.from().plusDays(draft.zone()))),
				draft.weekdaysOnly(), prior.dividedBy(10));
	}

	private Arbitrary<Person> persons() {
		Arbitrary<Integer> layer = Arbitraries.integers().between(0, 1);
		Arbitrary<Set<Integer>> preferred = Arbitraries.integers().between(0, 4).set().ofMaxSize(3);
		Arbitrary<Role> role = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(78, Arbitraries.just(Role.IM)),
				net.jqwik.api.Tuple.of(12, Arbitraries.just(Role.SHADOW)),
				net.jqwik.api.Tuple.of(10, Arbitraries.just(Role.REVERSE_SHADOW)));
		Arbitrary<Boolean> eligible = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, Arbitraries.just(true)),
				net.jqwik.api.Tuple.of(1, Arbitraries.just(false)));
		Arbitrary<List<Absence>> absences = absences().list().ofMaxSize(3);
		Arbitrary<Integer> prior = Arbitraries.integers().between(0, 300);
		Arbitrary<Integer> zone = Arbitraries.integers().between(0, ZONES.size() - 1);
		Arbitrary<Boolean> weekdaysOnly = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, Arbitraries.just(false)),
				net.jqwik.api.Tuple.of(2, Arbitraries.just(true)));
		return Combinators.combine(layer, preferred, role, eligible, absences, prior, zone, weekdaysOnly)
			.as(Person::new);
	}

	private static Arbitrary<Absence> absences() {
		return Combinators
			.combine(Arbitraries.integers().between(-48, 24 * 125), Arbitraries.integers().between(1, 24 * 14))
			.as(Absence::new);
	}

	@Provide
	Arbitrary<List<Change>> changes() {
		return Combinators
			.combine(Arbitraries.integers().between(0, 39), absences(),
					Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, Arbitraries.just(false)),
							net.jqwik.api.Tuple.of(1, Arbitraries.just(true))),
					Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, Arbitraries.just(false)),
							net.jqwik.api.Tuple.of(1, Arbitraries.just(true))))
			.as(Change::new)
			.list()
			.ofMinSize(1)
			.ofMaxSize(5);
	}

	@Provide
	Arbitrary<Integer> frozenHours() {
		return Arbitraries.integers().between(-24, 24 * 60);
	}

}
