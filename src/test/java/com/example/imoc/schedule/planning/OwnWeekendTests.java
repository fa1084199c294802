package com.example.imoc.schedule.planning;

import com.example.imoc.people.WorkCalendar;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import static com.example.imoc.schedule.planning.Rotations.EVERY_DAY;
import static com.example.imoc.schedule.planning.Rotations.WEEKDAYS_ONLY;
import static com.example.imoc.schedule.planning.Rotations.im;
import static com.example.imoc.schedule.planning.Rotations.livingIn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Weekends are the person's own: a weekdays-only person (by contract or by layer) never
 * holds an hour that falls on a Saturday or Sunday in their own time zone, in a rotation
 * that runs in UTC.
 */
class OwnWeekendTests {

	private static final ZoneId UTC = ZoneId.of("UTC");

	/**
	 * Monday 30 November 2026; Friday 4 December 23:00 UTC is Saturday 00:00 in Berlin,
	 * 10:00 in Sydney.
	 */
	private static final LocalDate MONDAY = LocalDate.of(2026, 11, 30);

	private static final long BERLIN = 101;

	private static final long SYDNEY = 102;

	private final Assigner assigner = new Assigner();

	@Test
	void aWeekdaysOnlyContractKeepsEveryLocalWeekendHourFreeWhateverTheLayer() {
		RotationRules rules = Rotations.realRules(UTC, MONDAY, Duration.ofHours(8));
		List<Candidate> people = new ArrayList<>(
				LongStream.rangeClosed(1, 8).mapToObj(id -> im(id, EVERY_DAY)).toList());
		people.add(livingIn(im(BERLIN, EVERY_DAY), "Europe/Berlin", Set.of(), true));
		people.add(livingIn(im(SYDNEY, EVERY_DAY), "Australia/Sydney", Set.of(), true));

		List<PlannedShift> plan = assigner.extend(rules, people, List.of(), MONDAY, MONDAY.plusDays(84));

		assertOnlyLocalWeekdays(plan, BERLIN, "Europe/Berlin");
		assertOnlyLocalWeekdays(plan, SYDNEY, "Australia/Sydney");
	}

	@Test
	void theWeekdaysOnlyLayerIsJudgedInTheMembersOwnZone() {
		RotationRules rules = Rotations.realRules(UTC, MONDAY, Duration.ofHours(8));
		List<Candidate> people = new ArrayList<>(
				LongStream.rangeClosed(1, 8).mapToObj(id -> im(id, EVERY_DAY)).toList());
		people.add(livingIn(im(BERLIN, WEEKDAYS_ONLY), "Europe/Berlin", Set.of(), false));
		people.add(livingIn(im(SYDNEY, WEEKDAYS_ONLY), "Australia/Sydney", Set.of(), false));

		List<PlannedShift> plan = assigner.extend(rules, people, List.of(), MONDAY, MONDAY.plusDays(84));

		assertOnlyLocalWeekdays(plan, BERLIN, "Europe/Berlin");
		assertOnlyLocalWeekdays(plan, SYDNEY, "Australia/Sydney");
	}

	@Test
	void fridayNightInUtcStaysAGapRatherThanGoToAWeekdaysOnlyEuropean() {
		RotationRules rules = Rotations.realRules(UTC, MONDAY, Duration.ofHours(8));
		List<Candidate> berliner = List.of(livingIn(im(BERLIN, EVERY_DAY), "Europe/Berlin", Set.of(), true));
		ExistingShift fridayNight = gap(1, "23:00-05:00", "2026-12-04T23:00:00Z", "2026-12-05T05:00:00Z");
		// Sunday 23:00 UTC is Monday 00:00 in Berlin: a weekday there.
		ExistingShift sundayNight = gap(2, "23:00-05:00", "2026-12-06T23:00:00Z", "2026-12-07T05:00:00Z");

		List<Reassignment> repairs = assigner.repair(rules, berliner, List.of(fridayNight, sundayNight),
				Instant.parse("2026-12-01T00:00:00Z"));

		assertThat(repairs).singleElement().satisfies(repair -> {
			assertThat(repair.shiftId()).isEqualTo(2);
			assertThat(repair.newAssigneeId()).isEqualTo(BERLIN);
		});
		assertThat(assigner.repair(rules, berliner, List.of(fridayNight), Instant.parse("2026-12-01T00:00:00Z")))
			.isEmpty();
	}

	@Test
	void repairMovesFridayNightShiftsOffPeopleWhoseContractBecameWeekdaysOnly() {
		RotationRules rules = Rotations.realRules(UTC, MONDAY, Duration.ofHours(8));
		List<Candidate> people = List.of(livingIn(im(BERLIN, EVERY_DAY), "Europe/Berlin", Set.of(), true),
				livingIn(im(SYDNEY, EVERY_DAY), "Australia/Sydney", Set.of(), true),
				livingIn(im(103, EVERY_DAY), "UTC", Set.of(), true), im(1, EVERY_DAY), im(2, EVERY_DAY));
		List<ExistingShift> held = List.of(
				new ExistingShift(1, "19:00-23:00", EVERY_DAY.name(), Instant.parse("2026-12-04T19:00:00Z"),
						Instant.parse("2026-12-04T23:00:00Z"), SYDNEY, false, LocalDate.parse("2026-12-04")),
				new ExistingShift(2, "23:00-05:00", EVERY_DAY.name(), Instant.parse("2026-12-04T23:00:00Z"),
						Instant.parse("2026-12-05T05:00:00Z"), BERLIN, false, LocalDate.parse("2026-12-04")),
				// In UTC, Friday 11:00–15:00 is a weekday: the UTC weekdays-only person
				// keeps it.
				new ExistingShift(3, "11:00-15:00", EVERY_DAY.name(), Instant.parse("2026-12-04T11:00:00Z"),
						Instant.parse("2026-12-04T15:00:00Z"), 103L, false, LocalDate.parse("2026-12-04")));

		List<Reassignment> repairs = assigner.repair(rules, people, held, Instant.parse("2026-12-01T00:00:00Z"));

		assertThat(repairs).extracting(Reassignment::shiftId).containsExactlyInAnyOrder(1L, 2L);
		assertThat(repairs).allSatisfy(repair -> assertThat(repair.reason()).contains("weekdays-only contract"));
		// Friday 19:00–23:00 UTC is Saturday in Sydney but Friday evening in Berlin: the
		// Berlin weekdays-only person may take it (and goes first: they can take only
		// weekday hours); Friday 23:00 UTC is Saturday in Berlin too.
		assertThat(repairs).filteredOn(repair -> repair.shiftId() == 1)
			.singleElement()
			.satisfies(repair -> assertThat(repair.newAssigneeId()).isIn(1L, 2L, BERLIN));
		assertThat(repairs).filteredOn(repair -> repair.shiftId() == 2)
			.singleElement()
			.satisfies(repair -> assertThat(repair.newAssigneeId()).isIn(1L, 2L));
	}

	@Test
	void holidayHoursWeighLikeWeekendHoursInTheScore() {
		RotationRules rules = Rotations.realRules(UTC, MONDAY, Duration.ofHours(8));
		LocalDate holiday = MONDAY.plusDays(2);
		Candidate a = livingIn(im(1, EVERY_DAY), "UTC", Set.of(holiday), false);
		Candidate b = livingIn(im(2, EVERY_DAY), "UTC", Set.of(), false);
		// Both hold one 6-hour Wednesday shift; only for person 1 is that Wednesday a
		// holiday of their region.
		List<ExistingShift> held = List.of(
				new ExistingShift(1, "05:00-11:00", EVERY_DAY.name(), Instant.parse("2026-12-02T05:00:00Z"),
						Instant.parse("2026-12-02T11:00:00Z"), 1L, false, LocalDate.parse("2026-12-02")),
				new ExistingShift(2, "11:00-15:00", EVERY_DAY.name(), Instant.parse("2026-12-02T11:00:00Z"),
						Instant.parse("2026-12-02T17:00:00Z"), 2L, false, LocalDate.parse("2026-12-02")),
				gap(3, "15:00-19:00", "2026-12-09T15:00:00Z", "2026-12-09T19:00:00Z"));

		List<Reassignment> repairs = assigner.repair(rules, List.of(a, b), held, Instant.parse("2026-12-01T00:00:00Z"));

		assertThat(repairs).singleElement().satisfies(repair -> assertThat(repair.newAssigneeId()).isEqualTo(2L));

		Candidate aWithHistory = new Candidate(1, a.name(), a.layer(), Set.of(), a.role(), List.of(),
				Duration.ofHours(6), Duration.ZERO, true, null, WorkCalendar.of(UTC, Set.of()), false,
				Duration.ofHours(6));
		Candidate bWithHistory = new Candidate(2, b.name(), b.layer(), Set.of(), b.role(), List.of(),
				Duration.ofHours(6), Duration.ZERO, true, null, WorkCalendar.of(UTC, Set.of()), false, Duration.ZERO);
		List<Reassignment> fromHistory = assigner.repair(rules, List.of(aWithHistory, bWithHistory),
				List.of(gap(3, "15:00-19:00", "2026-12-09T15:00:00Z", "2026-12-09T19:00:00Z")),
				Instant.parse("2026-12-09T15:00:00Z"));

		assertThat(fromHistory).singleElement().satisfies(repair -> assertThat(repair.newAssigneeId()).isEqualTo(2L));
	}

	@Test
	void theReasonNamesHolidayHoursInTheOwnZone() {
		RotationRules rules = Rotations.realRules(UTC, MONDAY, Duration.ofHours(8));
		Candidate only = livingIn(im(1, EVERY_DAY), "Europe/Berlin", Set.of(LocalDate.of(2026, 12, 2)), false);
		List<ExistingShift> held = List.of(
				new ExistingShift(1, "05:00-11:00", EVERY_DAY.name(), Instant.parse("2026-12-02T05:00:00Z"),
						Instant.parse("2026-12-02T11:00:00Z"), 1L, false, LocalDate.parse("2026-12-02")),
				new ExistingShift(2, "23:00-05:00", EVERY_DAY.name(), Instant.parse("2026-12-04T23:00:00Z"),
						Instant.parse("2026-12-05T05:00:00Z"), 1L, false, LocalDate.parse("2026-12-04")),
				gap(3, "15:00-19:00", "2026-12-09T15:00:00Z", "2026-12-09T19:00:00Z"));

		List<Reassignment> repairs = assigner.repair(rules, List.of(only), held, Instant.parse("2026-12-01T00:00:00Z"));

		assertThat(repairs).singleElement()
			.satisfies(repair -> assertThat(repair.reason())
				.contains("12h on call (6h weekend, 6h holiday, 18h weighted)"));
	}

	private static ExistingShift gap(long id, String slot, String start, String end) {
		return new ExistingShift(id, slot, EVERY_DAY.name(), Instant.parse(start), Instant.parse(end), null, false,
				LocalDate.ofInstant(Instant.parse(start), UTC));
	}

	private static void assertOnlyLocalWeekdays(List<PlannedShift> plan, long personId, String zone) {
		WorkCalendar own = WorkCalendar.of(ZoneId.of(zone), Set.of());
		List<PlannedShift> theirs = plan.stream()
			.filter(shift -> Long.valueOf(personId).equals(shift.assigneeId()))
			.toList();
		assertThat(theirs).as("shifts of " + zone)
			.hasSizeGreaterThan(10)
			.allSatisfy(
					shift -> assertThat(own.hours(shift.start(), shift.end()).weekend()).as(shift.toString()).isZero());
	}

}
