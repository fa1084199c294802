package com.example.imoc.schedule.planning;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static com.example.imoc.schedule.planning.Rotations.EVERY_DAY;
import static com.example.imoc.schedule.planning.Rotations.im;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One assignment is a block: however the days of a block reach the assigner (a daily job
 * moving the horizon one day at a time, gaps repaired later, a holder away for part of
 * it), each (block, slot) ends up with one holder whenever someone can take all of it.
 */
class BlockProperties {

	private static final List<String> ZONES = List.of("UTC", "America/New_York", "Europe/Berlin", "Australia/Sydney");

	private final Assigner assigner = new Assigner();

	/**
	 * Drives {@link Assigner#extend} the way the daily job does: from yesterday to the
	 * horizon (the end of the block containing today + horizon,
	 * {@link RotationRules#horizonEnd}), on its own stored output, "today" moving one day
	 * per run: no block is split. (Before, the job planned to exactly today + horizon,
	 * cutting the last block; the holder rule keeps such a block whole only while its
	 * first days' holder is free for the rest, which a pick made for the first day alone
	 * does not guarantee, so the job no longer cuts blocks.)
	 */
	@Property(tries = 12)
	void rollingDailyExtendGivesEveryBlockAndSlotOneHolder(@ForAll("zones") ZoneId zone,
			@ForAll @IntRange(min = 0, max = 3) int anchorShift, @ForAll @IntRange(min = 1, max = 6) int horizonWeeks,
			@ForAll @IntRange(min = 0, max = 23) int hourOfRun) {
		LocalDate first = LocalDate.of(2026, 3, 2);
		RotationRules rules = Rotations.realRules(zone, first.plusDays(anchorShift), Duration.ofHours(8));
		List<Candidate> people = LongStream.rangeClosed(1, 30).mapToObj(id -> im(id, EVERY_DAY)).toList();
		List<ExistingShift> stored = rollDaily(rules, people, first, 64, horizonWeeks, hourOfRun);

		Map<String, Set<Long>> holders = holdersByBlockAndSlot(rules, stored);
		assertThat(holders).isNotEmpty();
		assertThat(holders).allSatisfy((block, who) -> assertThat(who).as(block).hasSize(1).doesNotContainNull());
		assertThat(HardRules.allViolations(rules, people, HardRules.ofStored(rules, stored))).isEmpty();
	}

	@Property(tries = 60)
	void repairGivesARunOfGapsInOneBlockToOnePerson(@ForAll("zones") ZoneId zone,
			@ForAll @IntRange(min = 10, max = 30) int roster, @ForAll @IntRange(min = 0, max = 4) int slotIndex,
			@ForAll @IntRange(min = 1, max = 8) int blockIndex, @ForAll @IntRange(min = 0, max = 3) int firstGap,
			@ForAll @IntRange(min = 2, max = 4) int gapDays) {
		LocalDate monday = LocalDate.of(2026, 1, 5);
		RotationRules rules = Rotations.realRules(zone, monday, Duration.ofHours(8));
		List<Candidate> people = LongStream.rangeClosed(1, roster).mapToObj(id -> im(id, EVERY_DAY)).toList();
		List<ExistingShift> stored = Rotations
			.stored(assigner.extend(rules, people, List.of(), monday, monday.plusDays(40)));
		String slot = rules.slots().get(slotIndex).label();
		LocalDate blockStart = monday.plusDays(4L * blockIndex);
		ShiftClock clock = new ShiftClock(zone);
		List<LocalDate> gapDates = blockStart.plusDays(firstGap)
			.datesUntil(blockStart.plusDays(Math.min(4, firstGap + gapDays)))
			.toList();
		List<ExistingShift> withGaps = stored.stream()
			.map(shift -> !shift.shadow() && shift.slot().equals(slot) && gapDates.contains(clock.dateOf(shift.start()))
					? new ExistingShift(shift.id(), shift.slot(), shift.layer(), shift.start(), shift.end(), null,
							false, shift.date())
					: shift)
			.toList();

		List<Reassignment> repairs = assigner.repair(rules, people, withGaps, clock.startOfDay(monday));

		Set<Long> gapIds = withGaps.stream()
			.filter(ExistingShift::isGap)
			.map(ExistingShift::id)
			.collect(Collectors.toSet());
		assertThat(repairs).extracting(Reassignment::shiftId).containsExactlyInAnyOrderElementsOf(gapIds);
		Set<Long> fillers = repairs.stream().map(Reassignment::newAssigneeId).collect(Collectors.toSet());
		assertThat(fillers).hasSize(1).doesNotContainNull();
		Set<Long> holdsTheRest = withGaps.stream()
			.filter(shift -> !shift.shadow() && !shift.isGap() && shift.slot().equals(slot)
					&& rules.blockStart(clock.dateOf(shift.start())).equals(blockStart))
			.map(ExistingShift::assigneeId)
			.collect(Collectors.toSet());
		if (!holdsTheRest.isEmpty()) {
			assertThat(fillers).as("the person holding the block's other days keeps it").isEqualTo(holdsTheRest);
		}
		assertThat(HardRules.allViolations(rules, people, HardRules.ofStored(rules, applied(withGaps, repairs))))
			.isEmpty();
	}

	@Property(tries = 60)
	void repairGivesTheShiftsAnAbsenceInvalidatesToOnePerson(@ForAll("zones") ZoneId zone,
			@ForAll @IntRange(min = 10, max = 30) int roster, @ForAll @IntRange(min = 0, max = 4) int slotIndex,
			@ForAll @IntRange(min = 1, max = 8) int blockIndex, @ForAll @IntRange(min = 0, max = 2) int firstDayAway,
			@ForAll @IntRange(min = 2, max = 4) int daysAway) {
		LocalDate monday = LocalDate.of(2026, 1, 5);
		RotationRules rules = Rotations.realRules(zone, monday, Duration.ofHours(8));
		List<Candidate> people = LongStream.rangeClosed(1, roster).mapToObj(id -> im(id, EVERY_DAY)).toList();
		List<ExistingShift> stored = Rotations
			.stored(assigner.extend(rules, people, List.of(), monday, monday.plusDays(40)));
		String slot = rules.slots().get(slotIndex).label();
		ShiftClock clock = new ShiftClock(zone);
		LocalDate blockStart = monday.plusDays(4L * blockIndex);
		ExistingShift firstOfBlock = stored.stream()
			.filter(shift -> !shift.shadow() && shift.slot().equals(slot)
					&& clock.dateOf(shift.start()).equals(blockStart))
			.findFirst()
			.orElseThrow();
		long holder = firstOfBlock.assigneeId();
		LocalDate awayFrom = blockStart.plusDays(firstDayAway);
		LocalDate awayUntil = blockStart.plusDays(Math.min(4, firstDayAway + daysAway));
		TimeRange away = new TimeRange(clock.shift(awayFrom, rules.slot(slot).orElseThrow()).start(),
				clock.shift(awayUntil.minusDays(1), rules.slot(slot).orElseThrow()).end());
		List<Candidate> changed = people.stream()
			.map(person -> person.personId() == holder ? Rotations.withAbsence(person, away) : person)
			.toList();

		List<Reassignment> repairs = assigner.repair(rules, changed, stored, clock.startOfDay(monday));

		assertThat(repairs).isNotEmpty();
		assertThat(repairs).allSatisfy(repair -> {
			ExistingShift shift = stored.stream().filter(s -> s.id() == repair.shiftId()).findFirst().orElseThrow();
			assertThat(shift.assigneeId()).isEqualTo(holder);
		});
		List<ExistingShift> ofThisSlot = repairs.stream()
			.map(repair -> stored.stream().filter(s -> s.id() == repair.shiftId()).findFirst().orElseThrow())
			.filter(shift -> shift.slot().equals(slot) && !shift.shadow())
			.toList();
		assertThat(ofThisSlot).hasSize((int) awayFrom.datesUntil(awayUntil).count());
		Set<Long> takers = repairs.stream()
			.filter(repair -> ofThisSlot.stream().anyMatch(shift -> shift.id() == repair.shiftId()))
			.map(Reassignment::newAssigneeId)
			.collect(Collectors.toSet());
		assertThat(takers).hasSize(1).doesNotContainNull().doesNotContain(holder);
		assertThat(HardRules.allViolations(rules, changed, HardRules.ofStored(rules, applied(stored, repairs))))
			.isEmpty();
	}

	@Property(tries = 40)
	void someoneWhoBecomesEligibleMidwayIsPlannedFromThatDayAndNeverBefore(@ForAll("zones") ZoneId zone,
			@ForAll @IntRange(min = 1, max = 40) int daysUntilEligible) {
		LocalDate monday = LocalDate.of(2026, 1, 5);
		LocalDate eligibleFrom = monday.plusDays(daysUntilEligible);
		RotationRules rules = Rotations.realRules(zone, monday, Duration.ofHours(8));
		List<Candidate> people = new ArrayList<>(
				LongStream.rangeClosed(1, 5).mapToObj(id -> im(id, EVERY_DAY)).toList());
		people.add(Rotations.eligibleFrom(im(6, EVERY_DAY), eligibleFrom));

		List<PlannedShift> plan = assigner.extend(rules, people, List.of(), monday, monday.plusDays(60));

		assertThat(plan).filteredOn(shift -> Long.valueOf(6).equals(shift.assigneeId()))
			.isNotEmpty()
			.allSatisfy(shift -> assertThat(shift.date()).isAfterOrEqualTo(eligibleFrom));
		assertThat(HardRules.allViolations(rules, people, HardRules.ofPlanned(plan))).isEmpty();
	}

	/**
	 * The daily job's calls, one simulated day after another, storing each answer as the
	 * application would.
	 */
	private List<ExistingShift> rollDaily(RotationRules rules, List<Candidate> people, LocalDate first, int days,
			int horizonWeeks, int hourOfRun) {
		ShiftClock clock = new ShiftClock(rules.zone());
		List<ExistingShift> stored = new ArrayList<>();
		for (LocalDate today = first; today.isBefore(first.plusDays(days)); today = today.plusDays(1)) {
			Instant now = clock.startOfDay(today).plus(Duration.ofHours(hourOfRun));
			LocalDate from = today.minusDays(1);
			LocalDate until = rules.horizonEnd(today, horizonWeeks);
			Instant lookBack = clock.startOfDay(from).minus(Duration.ofDays(2));
			List<ExistingShift> existing = stored.stream().filter(shift -> shift.end().isAfter(lookBack)).toList();
			for (PlannedShift shift : assigner.extend(rules, people, existing, from, until)) {
				if (shift.end().isAfter(now)) {
					stored.add(new ExistingShift(stored.size() + 1, shift.slot(), shift.layer(), shift.start(),
							shift.end(), shift.assigneeId(), shift.shadow(), shift.date()));
				}
			}
		}
		return stored;
	}

	static Map<String, Set<Long>> holdersByBlockAndSlot(RotationRules rules, List<ExistingShift> stored) {
		ShiftClock clock = new ShiftClock(rules.zone());
		Map<String, Set<Long>> holders = new TreeMap<>();
		for (ExistingShift shift : stored) {
			if (!shift.shadow()) {
				holders
					.computeIfAbsent(rules.blockStart(clock.dateOf(shift.start())) + " " + shift.slot(),
							key -> new HashSet<>())
					.add(shift.assigneeId());
			}
		}
		return holders;
	}

	private static List<ExistingShift> applied(List<ExistingShift> stored, List<Reassignment> repairs) {
		Map<Long, Reassignment> byShift = repairs.stream().collect(Collectors.toMap(Reassignment::shiftId, r -> r));
		return stored.stream()
			.map(shift -> byShift.containsKey(shift.id()) ? new ExistingShift(shift.id(), shift.slot(), shift.layer(),
					shift.start(), shift.end(), byShift.get(shift.id()).newAssigneeId(), shift.shadow(), shift.date())
					: shift)
			.toList();
	}

	@Provide
	Arbitrary<ZoneId> zones() {
		return Arbitraries.of(ZONES).map(ZoneId::of);
	}

}
