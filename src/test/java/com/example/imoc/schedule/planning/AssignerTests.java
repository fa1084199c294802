package com.example.imoc.schedule.planning;

import com.example.imoc.people.WorkCalendar;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static com.example.imoc.schedule.planning.Rotations.EVERY_DAY;
import static com.example.imoc.schedule.planning.Rotations.WEEKDAYS_ONLY;
import static com.example.imoc.schedule.planning.Rotations.im;
import static org.assertj.core.api.Assertions.assertThat;

class AssignerTests {

	private static final ZoneId UTC = ZoneId.of("UTC");

	private static final LocalDate MONDAY = LocalDate.of(2026, 1, 5);

	private final Assigner assigner = new Assigner();

	@Test
	void tenPeopleOverAYearGetHoursWithinOneBlockOfEachOther() {
		RotationRules rules = Rotations.realRules(UTC, MONDAY, Duration.ZERO);
		List<Candidate> people = LongStream.rangeClosed(1, 10).mapToObj(id -> im(id, EVERY_DAY)).toList();

		List<PlannedShift> year = assigner.extend(rules, people, List.of(), MONDAY, MONDAY.plusDays(360));

		Map<Long, Set<String>> blocksByPerson = year.stream()
			.collect(Collectors.groupingBy(PlannedShift::assigneeId, TreeMap::new, Collectors
				.mapping(shift -> rules.blockStart(shift.date()) + " " + shift.slot(), Collectors.toSet())));
		List<Integer> blockCounts = blocksByPerson.values().stream().map(Set::size).toList();
		assertThat(year).noneMatch(PlannedShift::isGap);
		assertThat(blocksByPerson).hasSize(10);
		assertThat(blockCounts.stream().mapToInt(Integer::intValue).sum()).isEqualTo(90 * 5);
		// Hours even out, not block counts (issue 14): someone who took more 4-hour
		// blocks holds more blocks for the same hours.
		assertThat(min(blockCounts)).isPositive();

		Map<Long, Long> weekendHours = year.stream()
			.collect(Collectors.groupingBy(PlannedShift::assigneeId, Collectors
				.summingLong(shift -> WorkCalendar.UTC.hours(shift.start(), shift.end()).weekend().toHours())));
		List<Integer> weekend = weekendHours.values().stream().map(Long::intValue).toList();
		Map<Long, Long> hours = year.stream()
			.collect(Collectors.groupingBy(PlannedShift::assigneeId,
					Collectors.summingLong(shift -> shift.range().duration().toHours())));
		List<Integer> total = hours.values().stream().map(Long::intValue).toList();
		// About 2,450 weekend hours a year, some 245 each; one block holds up to 18 of
		// them.
		// The score evens weighted hours, of which weekend hours are one part, not
		// weekend hours on their own.
		assertThat(max(weekend) - min(weekend)).isLessThanOrEqualTo(60);
		// Plain hours: within a 6-hour block and a half (someone with more weekend
		// hours holds fewer plain ones for the same weighted load).
		assertThat(max(total) - min(total)).isLessThanOrEqualTo(36);
	}

	@Test
	void weekdaysOnlyPersonIsNeverOnCallOnSaturdayOrSunday() {
		RotationRules rules = Rotations.realRules(UTC, MONDAY, Duration.ofHours(8));
		List<Candidate> people = List.of(im(1, WEEKDAYS_ONLY), im(2, WEEKDAYS_ONLY), im(3, EVERY_DAY), im(4, EVERY_DAY),
				im(5, EVERY_DAY), im(6, EVERY_DAY));

		List<PlannedShift> plan = assigner.extend(rules, people, List.of(), MONDAY, MONDAY.plusDays(56));

		assertThat(plan).filteredOn(shift -> shift.assigneeId() != null && shift.assigneeId() <= 2)
			.isNotEmpty()
			.allSatisfy(shift -> {
				assertThat(shift.date().getDayOfWeek()).isNotIn(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
				assertThat(shift.layer()).isEqualTo(WEEKDAYS_ONLY.name());
			});
	}

	@Test
	void preferredSlotIsHonouredWhenThePersonIsFree() {
		RotationRules rules = Rotations.realRules(UTC, MONDAY, Duration.ofHours(8));
		List<Candidate> people = new ArrayList<>(
				LongStream.rangeClosed(1, 9).mapToObj(id -> im(id, EVERY_DAY)).toList());
		people.add(Rotations.withPreferences(im(10, EVERY_DAY), Set.of("23:00-05:00")));

		List<PlannedShift> plan = assigner.extend(rules, people, List.of(), MONDAY, MONDAY.plusDays(120));

		List<PlannedShift> preferring = plan.stream()
			.filter(shift -> Long.valueOf(10).equals(shift.assigneeId()))
			.toList();
		// Issue 14: a preference yields once someone is more than a share of the block
		// behind, and those who stated none stand halfway, so among nine who take any
		// slot the one who chose the night takes most of the nights and most of their
		// hours there, not all (it was all while a preference yielded only two whole
		// blocks behind).
		Map<Long, Long> nightHours = plan.stream()
			.filter(shift -> shift.slot().equals("23:00-05:00"))
			.collect(Collectors.groupingBy(PlannedShift::assigneeId,
					Collectors.summingLong(shift -> shift.range().duration().toHours())));
		long preferringHours = preferring.stream().mapToLong(shift -> shift.range().duration().toHours()).sum();
		assertThat(preferring).isNotEmpty()
			.filteredOn(shift -> shift.slot().equals("23:00-05:00"))
			.allSatisfy(shift -> assertThat(shift.reason()).contains("preferred slot"));
		assertThat(nightHours.get(10L)).isGreaterThan(preferringHours / 2)
			.isGreaterThan(nightHours.entrySet()
				.stream()
				.filter(entry -> entry.getKey() != 10L)
				.mapToLong(Map.Entry::getValue)
				.max()
				.orElseThrow());
	}

	@Test
	void ptoReassignsOnlyTheShiftsItTouches() {
		RotationRules rules = Rotations.realRules(UTC, MONDAY, Duration.ofHours(8));
		List<Candidate> people = LongStream.rangeClosed(1, 8).mapToObj(id -> im(id, EVERY_DAY)).toList();
		List<ExistingShift> stored = Rotations
			.stored(assigner.extend(rules, people, List.of(), MONDAY, MONDAY.plusDays(28)));
		ExistingShift victim = stored.stream()
			.filter(shift -> shift.start().isAfter(MONDAY.plusDays(10).atStartOfDay(UTC).toInstant()))
			.findFirst()
			.orElseThrow();
		TimeRange dentist = new TimeRange(victim.start().plus(1, ChronoUnit.HOURS),
				victim.start().plus(2, ChronoUnit.HOURS));
		List<Candidate> afterPto = people.stream()
			.map(person -> person.personId() == victim.assigneeId() ? Rotations.withAbsence(person, dentist) : person)
			.toList();

		List<Reassignment> changes = assigner.repair(rules, afterPto, stored, MONDAY.atStartOfDay(UTC).toInstant());

		assertThat(changes).singleElement().satisfies(change -> {
			assertThat(change.shiftId()).isEqualTo(victim.id());
			assertThat(change.newAssigneeId()).isNotNull().isNotEqualTo(victim.assigneeId());
			assertThat(change.reason()).contains("on PTO");
		});
		assertThat(assigner.repair(rules, people, stored, MONDAY.atStartOfDay(UTC).toInstant())).isEmpty();
	}

	@Test
	void repairLeavesThePartOfAFridayNightAfterMidnightWithAWeekdaysOnlyCoverForWhomItIsFriday() {
		RotationRules rules = Rotations.realRules(UTC, MONDAY, Duration.ofHours(8));
		// Saturday 00:00–05:00 UTC is Friday evening in New York: a weekday for person 2,
		// whose layer days are
		// judged in their own zone (people.WorkCalendar).
		List<Candidate> people = List.of(im(1, EVERY_DAY),
				Rotations.livingIn(im(2, WEEKDAYS_ONLY), "America/New_York", java.util.Set.of(), false));
		LocalDate friday = MONDAY.plusDays(11);
		Instant start = friday.atTime(23, 0).atZone(UTC).toInstant();
		Instant midnight = friday.plusDays(1).atStartOfDay(UTC).toInstant();
		Instant end = friday.plusDays(1).atTime(5, 0).atZone(UTC).toInstant();
		// A partial cover split Friday's night shift: the part after midnight starts on
		// Saturday but is Friday's.
		List<ExistingShift> stored = List.of(
				new ExistingShift(1, "23:00-05:00", EVERY_DAY.name(), start, midnight, 1L, false, friday),
				new ExistingShift(2, "23:00-05:00", WEEKDAYS_ONLY.name(), midnight, end, 2L, false, friday));

		assertThat(assigner.repair(rules, people, stored, MONDAY.atStartOfDay(UTC).toInstant())).isEmpty();

		List<ExistingShift> saturdays = List.of(new ExistingShift(3, "05:00-11:00", WEEKDAYS_ONLY.name(),
				friday.plusDays(1).atTime(5, 0).atZone(UTC).toInstant(),
				friday.plusDays(1).atTime(11, 0).atZone(UTC).toInstant(), 2L, false, friday.plusDays(1)));
		assertThat(assigner.repair(rules, people, saturdays, MONDAY.atStartOfDay(UTC).toInstant())).singleElement()
			.satisfies(change -> assertThat(change.newAssigneeId()).isEqualTo(1L));
	}

	@Test
	void aTraineeOffSickLosesTheirShadowRowsInsideTheFreezeWindowWhileThePagerStaysPut() {
		RotationRules rules = Rotations.realRules(UTC, MONDAY, Duration.ofHours(8));
		Instant now = MONDAY.atTime(9, 0).atZone(UTC).toInstant();
		Instant frozenUntil = now.plus(Duration.ofDays(7));
		TimeRange sick = new TimeRange(MONDAY.atStartOfDay(UTC).toInstant(),
				MONDAY.plusDays(2).atStartOfDay(UTC).toInstant());
		Candidate im = Rotations.withAbsence(im(1, EVERY_DAY), sick);
		Candidate healthy = new Candidate(2, "trainee", EVERY_DAY.name(), Set.of(), Candidate.Role.SHADOW, List.of(),
				Duration.ZERO, Duration.ZERO, true);
		Candidate trainee = Rotations.withAbsence(healthy, sick);
		Instant morning = MONDAY.atTime(5, 0).atZone(UTC).toInstant();
		Instant noon = MONDAY.atTime(11, 0).atZone(UTC).toInstant();
		Instant evening = MONDAY.atTime(19, 0).atZone(UTC).toInstant();
		Instant late = MONDAY.atTime(23, 0).atZone(UTC).toInstant();
		List<ExistingShift> stored = List.of(
				// Running when the sick day was entered: too late to change.
				new ExistingShift(1, "05:00-11:00", EVERY_DAY.name(), morning, noon, 2L, true, MONDAY),
				// Later today, inside the freeze window: the trainee's row goes, the IM's
				// pager stays (the
				// coordinator decides about that one).
				new ExistingShift(2, "19:00-23:00", EVERY_DAY.name(), evening, late, 1L, false, MONDAY),
				new ExistingShift(3, "19:00-23:00", EVERY_DAY.name(), evening, late, 2L, true, MONDAY));

		List<Reassignment> released = assigner.releaseFrozenShadows(rules, List.of(im, trainee), stored, now,
				frozenUntil);

		assertThat(released).singleElement().satisfies(change -> {
			assertThat(change.shiftId()).isEqualTo(3L);
			assertThat(change.newAssigneeId()).isNull();
			assertThat(change.reason()).startsWith("shadow removed: trainee: on PTO");
		});
		assertThat(assigner.releaseFrozenShadows(rules,
				List.of(im(1, EVERY_DAY),
						Rotations.withAbsence(healthy, new TimeRange(late, late.plus(Duration.ofHours(1))))),
				stored, now, frozenUntil))
			.isEmpty();
	}

	@Test
	void emptyRosterLeavesEveryShiftAGapWithAReason() {
		RotationRules rules = Rotations.realRules(UTC, MONDAY, Duration.ofHours(8));

		List<PlannedShift> plan = assigner.extend(rules, List.of(), List.of(), MONDAY, MONDAY.plusDays(8));

		assertThat(plan).hasSize(8 * 5).allSatisfy(shift -> {
			assertThat(shift.isGap()).isTrue();
			assertThat(shift.shadow()).isFalse();
			assertThat(shift.layer()).isEqualTo(EVERY_DAY.name());
			assertThat(shift.reason()).isEqualTo("no eligible person: the roster is empty");
		});
	}

	@Test
	void gapReasonCountsWhyEachPersonWasLeftOut() {
		RotationRules rules = Rotations.realRules(UTC, MONDAY, Duration.ofHours(8));
		LocalDate saturday = MONDAY.plusDays(5);
		TimeRange wholeWeekend = new TimeRange(saturday.atStartOfDay(UTC).toInstant(),
				saturday.plusDays(2).atStartOfDay(UTC).toInstant());
		List<Candidate> people = List.of(im(1, WEEKDAYS_ONLY), im(2, WEEKDAYS_ONLY),
				Rotations.withAbsence(im(3, EVERY_DAY), wholeWeekend));

		List<PlannedShift> saturdayPlan = assigner.extend(rules, people, List.of(), saturday, saturday.plusDays(1));

		assertThat(saturdayPlan).filteredOn(shift -> !shift.slot().equals("23:00-05:00"))
			.allSatisfy(shift -> assertThat(shift.reason()).isEqualTo("no eligible person: 1 on PTO, 2 weekdays-only"));
	}

	@Test
	void shadowRidesAlongWithTheImForTheWholeBlock() {
		RotationRules rules = Rotations.realRules(UTC, MONDAY, Duration.ofHours(8));
		Candidate shadow = new Candidate(99, "Sam Shadow", EVERY_DAY.name(), Set.of(), Candidate.Role.SHADOW, List.of(),
				Duration.ZERO, Duration.ZERO, true);
		List<Candidate> people = List.of(im(1, EVERY_DAY), im(2, EVERY_DAY), im(3, EVERY_DAY), shadow);

		List<PlannedShift> plan = assigner.extend(rules, people, List.of(), MONDAY, MONDAY.plusDays(4));

		List<PlannedShift> shadowRows = plan.stream().filter(PlannedShift::shadow).toList();
		assertThat(shadowRows).filteredOn(row -> row.slot().equals("05:00-11:00")).hasSize(4);
		assertThat(shadowRows).allSatisfy(row -> {
			assertThat(row.assigneeId()).isEqualTo(99);
			PlannedShift im = plan.stream()
				.filter(s -> !s.shadow() && s.start().equals(row.start()) && s.slot().equals(row.slot()))
				.findFirst()
				.orElseThrow();
			assertThat(row.reason()).isEqualTo("shadowing " + "person-" + im.assigneeId());
		});
	}

	@Test
	void rerunningOnItsOwnOutputPlansNothing() {
		RotationRules rules = Rotations.realRules(ZoneId.of("Europe/Berlin"), MONDAY, Duration.ofHours(8));
		List<Candidate> people = LongStream.rangeClosed(1, 6)
			.mapToObj(id -> im(id, id % 2 == 0 ? WEEKDAYS_ONLY : EVERY_DAY))
			.toList();
		List<PlannedShift> plan = assigner.extend(rules, people, List.of(), MONDAY, MONDAY.plusDays(30));

		assertThat(assigner.extend(rules, people, Rotations.stored(plan), MONDAY, MONDAY.plusDays(30))).isEmpty();
		assertThat(assigner.extend(rules, people, Rotations.stored(plan), MONDAY, MONDAY.plusDays(31)))
			.allSatisfy(shift -> assertThat(shift.date()).isEqualTo(MONDAY.plusDays(30)));
	}

	private static int max(List<Integer> values) {
		return values.stream().mapToInt(Integer::intValue).max().orElseThrow();
	}

	private static int min(List<Integer> values) {
		return values.stream().mapToInt(Integer::intValue).min().orElseThrow();
	}

}
