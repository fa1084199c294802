package com.example.imoc.schedule.planning;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.example.imoc.people.WorkCalendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The one fairness formula ({@link FairnessLoad}): its figures worked out by hand, and
 * the assigner's reason text reporting the load it compared with that formula.
 */
class FairnessLoadTests {

	private static final Duration HOUR = Duration.ofHours(1);

	@Test
	void weightedHoursCountWeekendAndHolidayHoursOneAndAHalfTimes() {
		FairnessLoad load = new FairnessLoad(HOUR.multipliedBy(6), HOUR.multipliedBy(2), HOUR, 1);
		assertThat(load.weightedHours()).isCloseTo(7.5, within(1e-9));
		assertThat(FairnessLoad.weightedHours(6, 2, 1)).isCloseTo(7.5, within(1e-9));
	}

	@Test
	void theAssignersScoreIsTheWeightedHoursWhateverTheNumberOfShifts() {
		FairnessLoad load = new FairnessLoad(HOUR.multipliedBy(6), HOUR.multipliedBy(2), HOUR, 1);
		// 360 + 120 / 2 + 60 / 2: no per-shift term
		assertThat(load.scoreMinutes()).isEqualTo(360 + 60 + 30);
		assertThat(new FairnessLoad(HOUR.multipliedBy(6), HOUR.multipliedBy(2), HOUR, 3).scoreMinutes())
			.isEqualTo(load.scoreMinutes());
		assertThat(FairnessLoad.scoreMinutes(6 * 3600, 2 * 3600, 3600)).isEqualTo(load.scoreMinutes());
		assertThat(load.plus(load).scoreMinutes()).isEqualTo(2 * load.scoreMinutes());
	}

	@Test
	void priorLoadFadesLinearlyOverTheWindow() {
		FairnessLoad prior = new FairnessLoad(HOUR.multipliedBy(90), HOUR.multipliedBy(30), HOUR.multipliedBy(6), 0);
		long window = Duration.ofDays(90).toSeconds();
		FairnessLoad half = prior.faded(window / 2, window, Duration.ofHours(5).toSeconds());
		assertThat(half.onCall()).isEqualTo(HOUR.multipliedBy(45));
		assertThat(half.weekend()).isEqualTo(HOUR.multipliedBy(15));
		assertThat(half.holiday()).isEqualTo(HOUR.multipliedBy(3));
		assertThat(half.shifts()).isCloseTo(9, within(1e-9));
		assertThat(prior.faded(0, window, 3600).weightedHours()).isZero();
		assertThat(prior.faded(window, window, 3600).weightedHours()).isCloseTo(prior.weightedHours(), within(1e-9));
	}

	@Test
	void aVolunteersHoursCountTimesTheirWeight() {
		Instant start = Instant.parse("2026-12-30T09:00:00Z");
		FairnessLoad load = FairnessLoad.ofShift(WorkCalendar.UTC, start, start.plus(HOUR.multipliedBy(8)), 1.5);
		assertThat(load.onCall()).isEqualTo(HOUR.multipliedBy(12));
		assertThat(load.shifts()).isEqualTo(1);
		Instant saturday = Instant.parse("2027-01-02T09:00:00Z");
		FairnessLoad weekend = FairnessLoad.ofShift(WorkCalendar.UTC, saturday, saturday.plus(HOUR.multipliedBy(8)), 1);
		assertThat(weekend.weightedHours()).isCloseTo(12, within(1e-9));
	}

	/**
	 * The first shift is planned at the planning origin, where prior load counts fully:
	 * its reason names the prior hours and their weighted sum as {@link FairnessLoad}
	 * computes it (20 h, 8 of them at the weekend: 24 h weighted).
	 */
	@Test
	void theReasonTextNamesTheWeightedLoadTheAssignerCompared() {
		LocalDate monday = LocalDate.of(2027, 1, 4);
		RotationRules rules = new RotationRules(ZoneOffset.UTC, List.of(Slot.of("00:00", "08:00")), 1, monday,
				List.of(Rotations.EVERY_DAY), Duration.ofHours(8), Duration.ofDays(90));
		Candidate ann = new Candidate(1, "Ann", Rotations.EVERY_DAY.name(), Set.of(), Candidate.Role.IM, List.of(),
				HOUR.multipliedBy(20), HOUR.multipliedBy(8), true, null, WorkCalendar.of(ZoneId.of("UTC"), Set.of()),
				false, Duration.ZERO);
		FairnessLoad prior = new FairnessLoad(ann.priorHours(), ann.priorWeekendHours(), ann.priorHolidayHours(), 0);

		List<PlannedShift> planned = new Assigner().extend(rules, List.of(ann), List.of(), monday, monday.plusDays(1));

		assertThat(planned).hasSize(1);
		assertThat(planned.get(0).reason())
			.contains("20h on call (8h weekend, " + Math.round(prior.weightedHours()) + "h weighted) within 90 days")
			.contains("24h weighted");
	}

}
