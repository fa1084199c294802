package com.example.imoc.people;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WorkCalendarTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");

	@Test
	void fridayNightInUtcIsSaturdayMorningInEurope() {
		// Friday 4 December 2026, 23:00–05:00 UTC = Saturday 00:00–06:00 in Berlin
		// (UTC+1).
		WorkCalendar berlin = WorkCalendar.of(BERLIN, Set.of());
		WorkCalendar.Hours hours = berlin.hours(Instant.parse("2026-12-04T23:00:00Z"),
				Instant.parse("2026-12-05T05:00:00Z"));

		assertThat(hours.weekend()).isEqualTo(Duration.ofHours(6));
		assertThat(hours.holiday()).isZero();
		assertThat(berlin.daysTouched(Instant.parse("2026-12-04T23:00:00Z"), Instant.parse("2026-12-05T05:00:00Z")))
			.isEqualTo(WorkCalendar.dayBit(DayOfWeek.SATURDAY));
		assertThat(WorkCalendar.UTC.hours(Instant.parse("2026-12-04T23:00:00Z"), Instant.parse("2026-12-05T05:00:00Z"))
			.weekend()).isEqualTo(Duration.ofHours(5));
	}

	@Test
	void fridayEveningInUtcIsSaturdayMorningInSydney() {
		// Friday 4 December 2026, 19:00–23:00 UTC = Saturday 06:00–10:00 in Sydney
		// (UTC+11, summer time).
		WorkCalendar sydney = WorkCalendar.of(SYDNEY, Set.of());
		Instant start = Instant.parse("2026-12-04T19:00:00Z");
		Instant end = Instant.parse("2026-12-04T23:00:00Z");

		assertThat(sydney.hours(start, end).weekend()).isEqualTo(Duration.ofHours(4));
		assertThat(sydney.daysTouched(start, end)).isEqualTo(WorkCalendar.dayBit(DayOfWeek.SATURDAY));
		assertThat(WorkCalendar.UTC.daysTouched(start, end)).isEqualTo(WorkCalendar.dayBit(DayOfWeek.FRIDAY));
	}

	@Test
	void aWeekdayHolidayIsHolidayAndAWeekendHolidayCountsOnceAsWeekend() {
		// Friday 25 December 2026 and Saturday 26 December 2026 are both holidays in this
		// calendar.
		WorkCalendar london = WorkCalendar.of(ZoneId.of("Europe/London"),
				List.of(LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 26)));
		WorkCalendar.Hours hours = london.hours(Instant.parse("2026-12-25T19:00:00Z"),
				Instant.parse("2026-12-26T05:00:00Z"));

		assertThat(hours.holiday()).isEqualTo(Duration.ofHours(5));
		assertThat(hours.weekend()).isEqualTo(Duration.ofHours(5));
	}

	@Test
	void aSundayWithTheClocksGoingBackHasTwentyFiveHours() {
		// Europe/Berlin leaves summer time on Sunday 25 October 2026.
		WorkCalendar berlin = WorkCalendar.of(BERLIN, Set.of());
		WorkCalendar.Hours hours = berlin.hours(Instant.parse("2026-10-23T12:00:00Z"),
				Instant.parse("2026-10-27T12:00:00Z"));

		assertThat(hours.weekend()).isEqualTo(Duration.ofHours(49));
	}

	@Property(tries = 300)
	void cuttingAStretchAnywhereAddsUp(@ForAll("zones") ZoneId zone, @ForAll("instants") Instant start,
			@ForAll("minutes") int length, @ForAll("minutes") int cut) {
		WorkCalendar calendar = WorkCalendar.of(zone, Set.of(LocalDate.ofInstant(start, zone).plusDays(1)));
		Instant end = start.plus(Duration.ofMinutes(length));
		Instant middle = start.plus(Duration.ofMinutes(Math.min(cut, length)));

		WorkCalendar.Hours whole = calendar.hours(start, end);
		assertThat(calendar.hours(start, middle).plus(calendar.hours(middle, end))).isEqualTo(whole);
		assertThat(whole.weekend().plus(whole.holiday())).isLessThanOrEqualTo(Duration.between(start, end));
		assertThat(whole.weekend().isZero())
			.isEqualTo((calendar.daysTouched(start, end) & WorkCalendar.WEEKEND_DAYS) == 0);
	}

	@Provide
	Arbitrary<ZoneId> zones() {
		return Arbitraries
			.of("UTC", "Europe/Berlin", "Australia/Sydney", "America/New_York", "Asia/Kolkata", "Pacific/Auckland",
					"America/Sao_Paulo")
			.map(ZoneId::of);
	}

	@Provide
	Arbitrary<Instant> instants() {
		return Arbitraries.longs()
			.between(0, 3L * 365 * 24 * 60)
			.map(m -> Instant.parse("2025-01-01T00:00:00Z").plus(Duration.ofMinutes(m)));
	}

	@Provide
	Arbitrary<Integer> minutes() {
		return Arbitraries.integers().between(0, 4 * 24 * 60);
	}

}
