package com.example.imoc.schedule.planning;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.example.imoc.people.WorkCalendar;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Someone who never works weekends can take only the blocks without a weekend day, so
 * such a block goes to them unless they are more than half a block ahead of the fairest
 * person who could take any block (issue 14, item 1: in the 80-person year the
 * weekdays-only people ended two blocks below the mean without it).
 */
class WeekendFreeCreditTests {

	private static final LocalDate MONDAY = LocalDate.of(2027, 1, 4);

	/**
	 * One 8-hour day slot, 4-day blocks from a Monday: Monday to Thursday is
	 * weekday-only.
	 */
	private static final RotationRules RULES = new RotationRules(ZoneOffset.UTC, List.of(Slot.of("09:00", "17:00")), 4,
			MONDAY, Rotations.REAL_LAYERS, Duration.ofHours(8), Duration.ofDays(90));

	private static Candidate person(long id, Layer layer, int priorHours, boolean weekdaysOnly) {
		return new Candidate(id, "person-" + id, layer.name(), Set.of(), Candidate.Role.IM, List.of(),
				Duration.ofHours(priorHours), Duration.ZERO, true, null, WorkCalendar.UTC, weekdaysOnly, Duration.ZERO);
	}

	private static long holderOfTheWeekdayBlock(Candidate... roster) {
		List<PlannedShift> planned = new Assigner().extend(RULES, List.of(roster), List.of(), MONDAY,
				MONDAY.plusDays(4));
		assertThat(planned).hasSize(4);
		assertThat(planned).extracting(PlannedShift::assigneeId).containsOnly(planned.get(0).assigneeId());
		return planned.get(0).assigneeId();
	}

	/**
	 * Weekdays-only Wes has one shift (8 h) more than Ann in the window: less than half
	 * the block's hours (4 × 8 h / 2), so the weekday block is his.
	 */
	@Test
	void aWeekdayBlockGoesToTheWeekdaysOnlyPersonWhoIsLessThanHalfABlockAhead() {
		Candidate ann = person(1, Rotations.EVERY_DAY, 20, false);
		Candidate wes = person(2, Rotations.WEEKDAYS_ONLY, 28, false);
		assertThat(holderOfTheWeekdayBlock(ann, wes)).isEqualTo(2);
	}

	/** The same for a weekdays-only contract on the every-day layer. */
	@Test
	void theContractFlagCountsLikeTheLayer() {
		Candidate ann = person(1, Rotations.EVERY_DAY, 20, false);
		Candidate con = person(3, Rotations.EVERY_DAY, 28, true);
		assertThat(holderOfTheWeekdayBlock(ann, con)).isEqualTo(3);
	}

	/**
	 * Five shifts ahead is more than half the block's hours: the fairer person takes it.
	 */
	@Test
	void aWeekdaysOnlyPersonFarAheadDoesNotTakeIt() {
		Candidate ann = person(1, Rotations.EVERY_DAY, 20, false);
		Candidate wes = person(2, Rotations.WEEKDAYS_ONLY, 60, false);
		assertThat(holderOfTheWeekdayBlock(ann, wes)).isEqualTo(1);
	}

}
