package com.example.imoc.simulation;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.example.imoc.people.EligibilityPolicy;
import com.example.imoc.people.JobTitle;
import com.example.imoc.people.OnboardingState;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.RotationLayer;
import com.example.imoc.rotation.RotationSlot;
import com.example.imoc.simulation.Invariants.Away;
import com.example.imoc.simulation.Invariants.Violation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness's invariant checks on hand-made rows: each reports what it must and nothing
 * else, so a clean simulation report means something.
 */
class InvariantsTests {

	static final LocalDate MONDAY = LocalDate.of(2027, 1, 4);

	static final Instant LONG_AGO = Instant.parse("2026-01-01T00:00:00Z");

	static final RotationLayer ALL_DAYS = new RotationLayer(1, "weekdays and weekends", EnumSet.allOf(DayOfWeek.class),
			0);

	static final RotationLayer WEEKDAYS = new RotationLayer(2, "weekdays-only",
			EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), 1);

	// The real IMOC rotation: blocks of 4 days from Monday 2026-01-05, so 2027-01-04
	// starts a block.
	static final Rotation ROTATION = new Rotation(1, "IMOC", ZoneOffset.UTC, 4, LocalDate.of(2026, 1, 5),
			Duration.ofHours(8), 6, 1, 90, 0,
			List.of(new RotationSlot(1, "05:00-11:00", LocalTime.of(5, 0), LocalTime.of(11, 0), 0),
					new RotationSlot(2, "19:00-23:00", LocalTime.of(19, 0), LocalTime.of(23, 0), 1)),
			List.of(ALL_DAYS, WEEKDAYS), 24, false);

	final Map<Long, SimPerson> people = new HashMap<>();

	final Invariants invariants = new Invariants(ROTATION, this.people, EligibilityPolicy.defaults());

	long ids = 100;

	SimPerson person(long id, LocalDate startDate, OnboardingState state, RotationLayer layer) {
		SimPerson person = new SimPerson(id, "Person " + id, "p" + id + "@example.com", ZoneId.of("UTC"),
				JobTitle.BACKEND_ENGINEERING_MANAGER, 8, startDate);
		person.onboarding.put(LONG_AGO, state);
		person.active.put(LONG_AGO, true);
		person.layer.put(LONG_AGO, layer.id());
		this.people.put(id, person);
		return person;
	}

	SimPerson im(long id) {
		return person(id, LocalDate.of(2020, 1, 1), OnboardingState.ACTIVE, ALL_DAYS);
	}

	ShiftRow shift(LocalDate date, String slot, Long owner) {
		LocalTime start = LocalTime.parse(slot.substring(0, 5));
		LocalTime end = LocalTime.parse(slot.substring(6));
		return part(date, slot, date.atTime(start).toInstant(ZoneOffset.UTC),
				date.atTime(end).toInstant(ZoneOffset.UTC), owner);
	}

	ShiftRow part(LocalDate date, String slot, Instant start, Instant end, Long owner) {
		return new ShiftRow(this.ids++, slot, date, start, end, owner, false, true, "planned");
	}

	static Cause cause(Cause.Kind kind) {
		return new Cause(kind, 0, LONG_AGO, kind.label());
	}

	List<ShiftRow> block(Long first, Long second) {
		List<ShiftRow> rows = new ArrayList<>();
		for (int day = 0; day < 4; day++) {
			rows.add(shift(MONDAY.plusDays(day), "05:00-11:00", day < 2 ? first : second));
		}
		return rows;
	}

	@Test
	void aBlockSplitByTheDailyExtendIsReportedWithItsOwnersAndCauses() {
		im(1);
		im(2);
		List<ShiftRow> rows = block(1L, 2L);
		Map<Long, Cause> causes = new HashMap<>();
		rows.forEach(r -> causes.put(r.id(), cause(Cause.Kind.EXTEND)));

		List<Violation> found = this.invariants.splitBlocks(0, rows, causes, LONG_AGO);

		assertThat(found).singleElement().satisfies(v -> {
			assertThat(v.invariant()).isEqualTo('a');
			assertThat(v.text()).contains("block 2027-01-04 05:00-11:00", "Person 1 (#1) on 01-04, 01-05",
					"Person 2 (#2) on 01-06, 01-07", "created by the daily extend");
		});
	}

	@Test
	void aBlockSplitByASwapOrAGapIsNotAViolationButOneMovedByTheSchedulerAloneIs() {
		im(1);
		im(2);
		List<ShiftRow> swapped = block(1L, 2L);
		Map<Long, Cause> causes = new HashMap<>();
		swapped.forEach(r -> causes.put(r.id(), cause(Cause.Kind.EXTEND)));
		causes.put(swapped.get(2).id(), cause(Cause.Kind.SWAP));
		causes.put(swapped.get(3).id(), cause(Cause.Kind.REPAIR_AFTER_TIME_AWAY));
		assertThat(this.invariants.splitBlocks(0, swapped, causes, LONG_AGO)).isEmpty();

		List<ShiftRow> gap = block(1L, null);
		gap.forEach(r -> causes.put(r.id(), cause(Cause.Kind.EXTEND)));
		assertThat(this.invariants.splitBlocks(0, gap, causes, LONG_AGO)).isEmpty();

		List<ShiftRow> moved = block(1L, 2L);
		moved.forEach(r -> causes.put(r.id(), cause(Cause.Kind.EXTEND)));
		causes.put(moved.get(2).id(), cause(Cause.Kind.DAILY_REPAIR));
		assertThat(this.invariants.splitBlocks(0, moved, causes, LONG_AGO)).hasSize(1);
	}

	@Test
	void restIsCheckedBetweenShiftsButNotBetweenThePartsOfOneShift() {
		im(1);
		ShiftRow evening = shift(MONDAY, "19:00-23:00", 1L);
		ShiftRow nextMorning = shift(MONDAY.plusDays(1), "05:00-11:00", 1L);
		assertThat(this.invariants.hardRules(0, List.of(evening, nextMorning), List.of(), LONG_AGO)).singleElement()
			.satisfies(v -> assertThat(v.text()).contains("rests less than 8 h"));

		Instant start = MONDAY.atTime(5, 0).toInstant(ZoneOffset.UTC);
		List<ShiftRow> split = List.of(part(MONDAY, "05:00-11:00", start, start.plus(Duration.ofHours(2)), 1L),
				part(MONDAY, "05:00-11:00", start.plus(Duration.ofHours(2)), start.plus(Duration.ofHours(3)), 2L),
				part(MONDAY, "05:00-11:00", start.plus(Duration.ofHours(3)), start.plus(Duration.ofHours(6)), 1L));
		im(2);
		assertThat(this.invariants.hardRules(0, split, List.of(), LONG_AGO)).isEmpty();
	}

	@Test
	void timeAwayCountsFromTheShiftsThatStartAfterItWasEntered() {
		im(1);
		ShiftRow monday = shift(MONDAY, "05:00-11:00", 1L);
		ShiftRow tuesday = shift(MONDAY.plusDays(1), "05:00-11:00", 1L);
		// Entered the instant Monday's shift started: that one can no longer be handed
		// over, Tuesday's can.
		Away sick = new Away(7, 1, MONDAY.atStartOfDay(ZoneOffset.UTC).toInstant(),
				MONDAY.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant(), monday.start(), "Sick");

		List<Violation> found = this.invariants.hardRules(0, List.of(monday, tuesday), List.of(sick), LONG_AGO);

		assertThat(found).singleElement().satisfies(v -> assertThat(v.text()).contains("#" + tuesday.id(), "away"));
	}

	@Test
	void layerDaysOnboardingAndTenureOnTheShiftsDateAreHardRules() {
		person(1, LocalDate.of(2020, 1, 1), OnboardingState.ACTIVE, WEEKDAYS);
		person(2, LocalDate.of(2020, 1, 1), OnboardingState.SHADOW, ALL_DAYS);
		person(3, MONDAY.minusMonths(2), OnboardingState.ACTIVE, ALL_DAYS);
		ShiftRow saturday = shift(MONDAY.plusDays(5), "05:00-11:00", 1L);
		ShiftRow trainee = shift(MONDAY, "05:00-11:00", 2L);
		ShiftRow tooNew = shift(MONDAY.plusDays(1), "19:00-23:00", 3L);
		ShiftRow laterOn = shift(MONDAY.plusMonths(1).plusDays(1), "19:00-23:00", 3L);

		List<Violation> found = this.invariants.hardRules(0, List.of(saturday, trainee, tooNew, laterOn), List.of(),
				LONG_AGO);

		assertThat(found).extracting(Violation::key)
			.containsExactlyInAnyOrder("b|" + saturday.id() + "|layer", "b|" + trainee.id() + "|onboarding",
					"b|" + tooNew.id() + "|eligible");
	}

	@Test
	void aHoleInASlotIsReportedAndATiledSlotIsNot() {
		im(1);
		im(2);
		Instant start = MONDAY.atTime(5, 0).toInstant(ZoneOffset.UTC);
		List<ShiftRow> rows = new ArrayList<>(List.of(
				part(MONDAY, "05:00-11:00", start, start.plus(Duration.ofHours(2)), 1L),
				part(MONDAY, "05:00-11:00", start.plus(Duration.ofHours(2)), start.plus(Duration.ofHours(6)), null),
				shift(MONDAY, "19:00-23:00", 2L)));
		assertThat(this.invariants.holes(0, rows, MONDAY, MONDAY, LONG_AGO)).isEmpty();

		rows.remove(1);
		assertThat(this.invariants.holes(0, rows, MONDAY, MONDAY, LONG_AGO)).singleElement()
			.satisfies(v -> assertThat(v.text()).contains("slot 05:00-11:00 on 2027-01-04",
					"nothing holds [2027-01-04T07:00:00Z – 2027-01-04T11:00:00Z)"));
	}

}
