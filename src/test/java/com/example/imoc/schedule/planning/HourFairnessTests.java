package com.example.imoc.schedule.planning;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import com.example.imoc.people.WorkCalendar;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assigner evens out weighted hours, not the number of shifts, across slots of
 * different lengths, and a preferred slot yields only when someone is more than a share
 * of the block behind (issue 14: in the 80-person year the 6-hour-slot people ended 20–40
 * weighted hours above the 4-hour-slot people while holding fewer blocks, because every
 * shift cost 48 hours of "disruption" in the score and a preference yielded only at two
 * whole blocks behind).
 */
class HourFairnessTests {

	private static final LocalDate MONDAY = LocalDate.of(2027, 1, 4);

	private static final Slot SIX_HOURS = Slot.of("05:00", "11:00");

	private static final Slot FOUR_HOURS = Slot.of("11:00", "15:00");

	private static final Duration WINDOW = Duration.ofDays(90);

	private static final RotationRules RULES = new RotationRules(ZoneOffset.UTC, List.of(SIX_HOURS, FOUR_HOURS), 4,
			MONDAY, Rotations.REAL_LAYERS, Duration.ofHours(8), WINDOW);

	/** Weighted hours of one 4-day block of the 6-hour slot with both weekend days. */
	private static final double LONG_BLOCK_WITH_A_WEEKEND = 4 * 6 + 2 * 6 * (FairnessLoad.WEEKEND_WEIGHT - 1);

	private static Candidate person(long id, Slot preferred, Duration prior) {
		return new Candidate(id, "person-" + id, Rotations.EVERY_DAY.name(), Set.of(preferred.label()),
				Candidate.Role.IM, List.of(), prior, Duration.ZERO, true, null, WorkCalendar.UTC, false, Duration.ZERO);
	}

	/**
	 * The daily job over half a year, one simulated day at a time: each morning the
	 * assigner plans up to the end of the block six weeks ahead, with the shifts stored
	 * by the runs before (the last day's for rest) and each person's hours of the
	 * fairness window before today as prior hours, as {@code ScheduleMaintenance} hands
	 * them over. Two people prefer the 6-hour slot and two the 4-hour slot.
	 */
	@Test
	void weightedHoursEvenOutAcrossFourAndSixHourSlotsOverMonthsOfDailyRuns() {
		List<Candidate> roster = List.of(person(1, SIX_HOURS, Duration.ZERO), person(2, SIX_HOURS, Duration.ZERO),
				person(3, FOUR_HOURS, Duration.ZERO), person(4, FOUR_HOURS, Duration.ZERO));
		LocalDate end = MONDAY.plusDays(26 * 7);
		List<ExistingShift> stored = runDaily(roster, MONDAY, end);

		Map<Long, Double> weighted = new TreeMap<>();
		Map<Long, Long> blocks = new TreeMap<>();
		Map<Long, Double> preferredHours = new TreeMap<>();
		double hours = 0;
		Instant cut = end.atStartOfDay(ZoneOffset.UTC).toInstant();
		for (ExistingShift shift : stored) {
			if (!shift.start().isBefore(cut) || shift.isGap()) {
				continue;
			}
			FairnessLoad load = FairnessLoad.ofShift(WorkCalendar.UTC, shift.start(), shift.end(), 1);
			weighted.merge(shift.assigneeId(), load.weightedHours(), Double::sum);
			if (shift.date().equals(RULES.blockStart(shift.date()))) {
				blocks.merge(shift.assigneeId(), 1L, Long::sum);
			}
			double length = Duration.between(shift.start(), shift.end()).toMinutes() / 60.0;
			hours += length;
			Candidate holder = roster.get(shift.assigneeId().intValue() - 1);
			if (holder.prefers(shift.slot())) {
				preferredHours.merge(shift.assigneeId(), length, Double::sum);
			}
		}
		assertThat(stored).noneMatch(ExistingShift::isGap);
		assertThat(weighted).hasSize(4);
		double min = weighted.values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
		double max = weighted.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
		// Before: each person kept to their own slot and the same number of blocks, so
		// the 6-hour people held about 1.5 times the hours (some 180 weighted hours
		// apart). Now the spread at the cut is at most the block someone just took.
		assertThat(max - min).as("weighted hours per person %s", weighted)
			.isLessThanOrEqualTo(LONG_BLOCK_WITH_A_WEEKEND);
		// The 4-hour people even out by taking some 6-hour blocks; the 6-hour people
		// still hold fewer blocks for the same hours.
		assertThat(blocks.get(1L) + blocks.get(2L)).as("blocks %s", blocks).isLessThan(blocks.get(3L) + blocks.get(4L));
		// The preference still decides most hours (evening out needs at least a tenth
		// of them moved: 24 of every 40 hours are in the 6-hour slot, which two of four
		// people prefer).
		double preferred = preferredHours.values().stream().mapToDouble(Double::doubleValue).sum();
		assertThat(preferred / hours).as("share of hours in a preferred slot").isGreaterThan(0.7);
	}

	/**
	 * Ann prefers the slot and is a little ahead (less than the allowance, a share of the
	 * block's hours): she keeps her preferred slot. Bob, who prefers another slot, takes
	 * it only once he is further behind than that.
	 */
	@Test
	void aPreferenceWinsWithinItsAllowanceAndYieldsBeyondIt() {
		long allowanceHours = Math
			.round(SIX_HOURS.nominalLength().toHours() * RULES.blockDays() * Assigner.PREFERENCE_BLOCKS);
		assertThat(allowanceHours).isPositive();
		Duration bob = Duration.ofHours(40);
		assertThat(holderOfTheSixHourBlock(bob.plusHours(allowanceHours - 2), bob)).isEqualTo(1);
		assertThat(holderOfTheSixHourBlock(bob.plusHours(allowanceHours + 2), bob)).isEqualTo(2);
		// Before: a preference yielded only at two whole blocks of 48-hour "disruption"
		// (384 hours) behind, so Bob never took it.
		assertThat(holderOfTheSixHourBlock(bob.plusHours(3 * SIX_HOURS.nominalLength().toHours() * 4), bob))
			.isEqualTo(2);
	}

	/**
	 * Someone who stated no preference stands halfway: Ann, who chose the slot, goes
	 * before Nat at equal load and while Nat is less than half the allowance behind
	 * (before: a tie, and the lower id, Nat's, won).
	 */
	@Test
	void whoChoseTheSlotGoesBeforeWhoStatedNoPreference() {
		long halfAllowanceHours = Math
			.round(SIX_HOURS.nominalLength().toHours() * RULES.blockDays() * Assigner.PREFERENCE_BLOCKS / 2);
		Duration nat = Duration.ofHours(40);
		Candidate noPreference = new Candidate(1, "nat", Rotations.EVERY_DAY.name(), Set.of(), Candidate.Role.IM,
				List.of(), nat, Duration.ZERO, true);
		assertThat(holderOfTheSixHourBlock(person(2, SIX_HOURS, nat), noPreference)).isEqualTo(2);
		assertThat(holderOfTheSixHourBlock(person(2, SIX_HOURS, nat.plusHours(halfAllowanceHours - 1)), noPreference))
			.isEqualTo(2);
		assertThat(holderOfTheSixHourBlock(person(2, SIX_HOURS, nat.plusHours(halfAllowanceHours + 1)), noPreference))
			.isEqualTo(1);
	}

	private static long holderOfTheSixHourBlock(Duration annPrior, Duration bobPrior) {
		return holderOfTheSixHourBlock(person(1, SIX_HOURS, annPrior), person(2, FOUR_HOURS, bobPrior));
	}

	private static long holderOfTheSixHourBlock(Candidate first, Candidate second) {
		RotationRules oneSlot = new RotationRules(ZoneOffset.UTC, List.of(SIX_HOURS), 4, MONDAY, Rotations.REAL_LAYERS,
				Duration.ofHours(8), WINDOW);
		List<PlannedShift> planned = new Assigner().extend(oneSlot, List.of(first, second), List.of(), MONDAY,
				MONDAY.plusDays(4));
		assertThat(planned).hasSize(4).extracting(PlannedShift::assigneeId).containsOnly(planned.get(0).assigneeId());
		return planned.get(0).assigneeId();
	}

	/**
	 * Runs the assigner as the daily job does from {@code from} to {@code until}; returns
	 * every shift it stored.
	 */
	private static List<ExistingShift> runDaily(List<Candidate> roster, LocalDate from, LocalDate until) {
		Assigner assigner = new Assigner();
		List<ExistingShift> stored = new ArrayList<>();
		for (LocalDate today = from; today.isBefore(until); today = today.plusDays(1)) {
			Instant midnight = today.atStartOfDay(ZoneOffset.UTC).toInstant();
			LocalDate horizon = RULES.blockStart(today.plusWeeks(6)).plusDays(RULES.blockDays());
			List<Candidate> withPrior = new ArrayList<>();
			for (Candidate candidate : roster) {
				Duration prior = Duration.ZERO;
				Duration weekend = Duration.ZERO;
				for (ExistingShift shift : stored) {
					if (shift.assigneeId() != null && shift.assigneeId() == candidate.personId()
							&& shift.start().isBefore(midnight) && !shift.start().isBefore(midnight.minus(WINDOW))) {
						WorkCalendar.Hours off = WorkCalendar.UTC.hours(shift.start(), shift.end());
						prior = prior.plus(Duration.between(shift.start(), shift.end()));
						weekend = weekend.plus(off.weekend());
					}
				}
				withPrior.add(new Candidate(candidate.personId(), candidate.name(), candidate.layer(),
						candidate.preferredSlots(), candidate.role(), candidate.unavailable(), prior, weekend, true,
						null, WorkCalendar.UTC, false, Duration.ZERO));
			}
			List<ExistingShift> existing = stored.stream()
				.filter(shift -> shift.end().isAfter(midnight.minus(Duration.ofDays(1))))
				.toList();
			for (PlannedShift shift : assigner.extend(RULES, withPrior, existing, today, horizon)) {
				stored.add(new ExistingShift(stored.size() + 1, shift.slot(), shift.layer(), shift.start(), shift.end(),
						shift.assigneeId(), shift.shadow(), shift.date()));
			}
		}
		return stored;
	}

}
