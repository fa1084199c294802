package com.example.imoc.schedule.planning;

import com.example.imoc.schedule.planning.Candidate.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.example.imoc.schedule.planning.Rotations.EVERY_DAY;
import static com.example.imoc.schedule.planning.Rotations.im;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Onboarding in the schedule: a reverse shadow holds the pager for a whole block with an
 * IM beside them on a shadow row of every day; a shadow trainee rides along with an IM,
 * never with a reverse shadow.
 */
class ReverseShadowTests {

	private static final ZoneId UTC = ZoneId.of("UTC");

	private static final LocalDate MONDAY = LocalDate.of(2026, 1, 5);

	/** One slot, so who takes the single block of each run is plain to see. */
	private static final RotationRules ONE_SLOT = new RotationRules(UTC, List.of(Slot.of("09:00", "17:00")), 4, MONDAY,
			Rotations.REAL_LAYERS, Duration.ofHours(8), Duration.ofDays(90));

	private final Assigner assigner = new Assigner();

	private static Candidate trainee(long id, Role role) {
		return new Candidate(id, "trainee-" + id, EVERY_DAY.name(), Set.of(), role, List.of(), Duration.ZERO,
				Duration.ZERO, true);
	}

	/** An IM with so many prior hours that anyone lighter takes the pager first. */
	private static Candidate busyIm(long id) {
		return new Candidate(id, "person-" + id, EVERY_DAY.name(), Set.of(), Role.IM, List.of(), Duration.ofHours(400),
				Duration.ZERO, true);
	}

	private static Candidate away(Candidate person, Instant from, Instant to) {
		return Rotations.withAbsence(person, new TimeRange(from, to));
	}

	private static Instant at(String instant) {
		return Instant.parse(instant);
	}

	@Test
	void aReverseShadowHoldsAWholeBlockWithAnActiveImBesideThemOnEveryDay() {
		List<Candidate> people = List.of(busyIm(1), busyIm(2), trainee(50, Role.REVERSE_SHADOW));

		List<PlannedShift> plan = assigner.extend(ONE_SLOT, people, List.of(), MONDAY, MONDAY.plusDays(4));

		List<PlannedShift> primaries = plan.stream().filter(shift -> !shift.shadow()).toList();
		List<PlannedShift> beside = plan.stream().filter(PlannedShift::shadow).toList();
		assertThat(primaries).hasSize(4).allSatisfy(shift -> {
			assertThat(shift.assigneeId()).isEqualTo(50L);
			assertThat(shift.reason()).contains("reverse shadow, person-1 beside them");
		});
		assertThat(beside).hasSize(4).allSatisfy(row -> {
			assertThat(row.assigneeId()).isEqualTo(1L);
			assertThat(row.reason()).isEqualTo("beside reverse shadow trainee-50");
		});
		assertThat(beside.stream().map(PlannedShift::range).toList())
			.isEqualTo(primaries.stream().map(PlannedShift::range).toList());
		assertThat(HardRules.allViolations(ONE_SLOT, people, HardRules.ofPlanned(plan))).isEmpty();
		assertThat(assigner.repair(ONE_SLOT, people, Rotations.stored(plan), at("2026-01-05T00:00:00Z"))).isEmpty();
	}

	@Test
	void aReverseShadowWithNoImFreeForTheWholeBlockDoesNotHoldThePager() {
		// The only IM is away on Wednesday: they cannot sit beside the trainee for the
		// whole block, so nobody takes
		// it whole; single days go to the IM, and Wednesday is a gap the trainee may not
		// fill alone.
		Candidate onlyIm = away(im(1, EVERY_DAY), at("2026-01-07T00:00:00Z"), at("2026-01-08T00:00:00Z"));
		List<Candidate> people = List.of(onlyIm, trainee(50, Role.REVERSE_SHADOW));

		List<PlannedShift> plan = assigner.extend(ONE_SLOT, people, List.of(), MONDAY, MONDAY.plusDays(4));

		assertThat(plan).noneMatch(PlannedShift::shadow);
		assertThat(plan).filteredOn(shift -> !shift.isGap()).extracting(PlannedShift::assigneeId).containsOnly(1L);
		assertThat(plan).filteredOn(PlannedShift::isGap)
			.singleElement()
			.satisfies(gap -> assertThat(gap.reason()).isEqualTo("no eligible person: 1 on PTO, 1 reverse shadow"));
	}

	@Test
	void aShadowTraineeRidesAlongWithAnImButNeverWithAReverseShadow() {
		RotationRules rules = Rotations.realRules(UTC, MONDAY, Duration.ofHours(8));
		List<Candidate> people = new ArrayList<>();
		for (long id = 1; id <= 8; id++) {
			people.add(busyIm(id));
		}
		people.add(trainee(50, Role.REVERSE_SHADOW));
		people.add(trainee(60, Role.SHADOW));

		List<PlannedShift> plan = assigner.extend(rules, people, List.of(), MONDAY, MONDAY.plusDays(8));

		Map<String, PlannedShift> primary = plan.stream()
			.filter(shift -> !shift.shadow())
			.collect(Collectors.toMap(shift -> shift.slot() + shift.start(), Function.identity()));
		assertThat(plan).filteredOn(shift -> !shift.shadow()).extracting(PlannedShift::assigneeId).contains(50L);
		List<PlannedShift> trainee = plan.stream()
			.filter(shift -> shift.shadow() && shift.assigneeId() == 60L)
			.toList();
		assertThat(trainee).isNotEmpty().allSatisfy(row -> {
			assertThat(primary.get(row.slot() + row.start()).assigneeId()).isNotEqualTo(50L);
			assertThat(row.reason()).startsWith("shadowing person-");
		});
		assertThat(HardRules.allViolations(rules, people, HardRules.ofPlanned(plan))).isEmpty();
	}

	@Test
	void whenTheImBesideAReverseShadowGoesAwayAnotherImTakesTheirPlace() {
		List<Candidate> people = List.of(busyIm(1), busyIm(2), trainee(50, Role.REVERSE_SHADOW));
		List<ExistingShift> stored = Rotations
			.stored(assigner.extend(ONE_SLOT, people, List.of(), MONDAY, MONDAY.plusDays(4)));
		// person-1 sat beside the trainee; now they are away on Tuesday.
		List<Candidate> later = List.of(away(busyIm(1), at("2026-01-06T00:00:00Z"), at("2026-01-07T00:00:00Z")),
				busyIm(2), trainee(50, Role.REVERSE_SHADOW));

		List<Reassignment> repairs = assigner.repair(ONE_SLOT, later, stored, at("2026-01-05T00:00:00Z"));

		ExistingShift tuesdayBeside = stored.stream()
			.filter(shift -> shift.shadow() && shift.start().equals(at("2026-01-06T09:00:00Z")))
			.findFirst()
			.orElseThrow();
		assertThat(repairs).singleElement().satisfies(repair -> {
			assertThat(repair.shiftId()).isEqualTo(tuesdayBeside.id());
			assertThat(repair.newAssigneeId()).isEqualTo(2L);
			assertThat(repair.reason()).isEqualTo("person-1: on PTO; beside reverse shadow trainee-50");
		});
	}

	@Test
	void whenNoImIsLeftToSitBesideThemTheRowGoesAndTheTraineesShiftBecomesAGap() {
		Candidate first = busyIm(1);
		List<Candidate> people = List.of(first, trainee(50, Role.REVERSE_SHADOW));
		List<ExistingShift> stored = Rotations
			.stored(assigner.extend(ONE_SLOT, people, List.of(), MONDAY, MONDAY.plusDays(4)));
		ExistingShift tuesday = stored.stream()
			.filter(shift -> !shift.shadow() && shift.start().equals(at("2026-01-06T09:00:00Z")))
			.findFirst()
			.orElseThrow();
		ExistingShift tuesdayBeside = stored.stream()
			.filter(shift -> shift.shadow() && shift.start().equals(at("2026-01-06T09:00:00Z")))
			.findFirst()
			.orElseThrow();
		assertThat(tuesday.assigneeId()).isEqualTo(50L);
		assertThat(tuesdayBeside.assigneeId()).isEqualTo(1L);
		Candidate firstAway = away(first, at("2026-01-06T00:00:00Z"), at("2026-01-07T00:00:00Z"));

		// Nobody else can sit beside her: the row goes, and she may not hold Tuesday
		// alone, so it becomes a gap.
		List<Reassignment> gapRepairs = assigner.repair(ONE_SLOT, List.of(firstAway, trainee(50, Role.REVERSE_SHADOW)),
				stored, at("2026-01-05T00:00:00Z"));
		assertThat(gapRepairs).extracting(Reassignment::shiftId).containsExactly(tuesdayBeside.id(), tuesday.id());
		assertThat(gapRepairs.get(0).newAssigneeId()).isNull();
		assertThat(gapRepairs.get(1).newAssigneeId()).isNull();
		assertThat(gapRepairs.get(1).reason())
			.startsWith("trainee-50: reverse shadow with no IM free beside them; no eligible person");
	}

	@Test
	void whenTheReverseShadowGoesAwayTheImBesideThemTakesThePager() {
		List<Candidate> people = List.of(busyIm(1), trainee(50, Role.REVERSE_SHADOW));
		List<ExistingShift> stored = Rotations
			.stored(assigner.extend(ONE_SLOT, people, List.of(), MONDAY, MONDAY.plusDays(4)));
		List<Candidate> later = List.of(busyIm(1),
				away(trainee(50, Role.REVERSE_SHADOW), at("2026-01-08T00:00:00Z"), at("2026-01-09T00:00:00Z")));

		List<Reassignment> repairs = assigner.repair(ONE_SLOT, later, stored, at("2026-01-05T00:00:00Z"));

		ExistingShift thursday = stored.stream()
			.filter(shift -> !shift.shadow() && shift.start().equals(at("2026-01-08T09:00:00Z")))
			.findFirst()
			.orElseThrow();
		ExistingShift thursdayBeside = stored.stream()
			.filter(shift -> shift.shadow() && shift.start().equals(at("2026-01-08T09:00:00Z")))
			.findFirst()
			.orElseThrow();
		// The row beside goes first (freeing person-1), then person-1 takes the pager.
		assertThat(repairs).extracting(Reassignment::shiftId).containsExactly(thursdayBeside.id(), thursday.id());
		assertThat(repairs.get(0).newAssigneeId()).isNull();
		assertThat(repairs.get(1).newAssigneeId()).isEqualTo(1L);
		assertThat(repairs.get(1).reason()).startsWith("trainee-50: on PTO; fairest of 1 available");
	}

	@Test
	void aShadowPromotedToReverseShadowLeavesTheShadowRowsTheyStillHad() {
		List<Candidate> people = List.of(busyIm(1), busyIm(2), trainee(60, Role.SHADOW));
		List<ExistingShift> stored = Rotations
			.stored(assigner.extend(ONE_SLOT, people, List.of(), MONDAY, MONDAY.plusDays(4)));
		List<Long> ridden = stored.stream()
			.filter(shift -> shift.shadow() && shift.assigneeId() == 60L)
			.map(ExistingShift::id)
			.toList();
		assertThat(ridden).hasSize(4);

		List<Reassignment> repairs = assigner.repair(ONE_SLOT,
				List.of(busyIm(1), busyIm(2), trainee(60, Role.REVERSE_SHADOW)), stored, at("2026-01-06T12:00:00Z"));

		// Monday and Tuesday have started (frozen); Wednesday and Thursday's rows go.
		assertThat(repairs).extracting(Reassignment::shiftId).containsExactlyElementsOf(ridden.subList(2, 4));
		assertThat(repairs).allSatisfy(repair -> {
			assertThat(repair.newAssigneeId()).isNull();
			assertThat(repair.reason()).isEqualTo("shadow removed: trainee-60: reverse shadow");
		});
	}

}
