package com.example.imoc.incident.lieu;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.example.imoc.people.WorkCalendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TimeInLieuTests {

	private final TimeInLieu rules = new TimeInLieu(new TimeInLieu.Multipliers(1.25, 2));

	@Test
	void weekendHoursAreCutAtTheLocalMidnightOfThePerson() {
		// Friday 19:00–23:00 UTC is Saturday 04:00–08:00 in Tokyo: all weekend there,
		// none in London.
		OnCallShift shift = new OnCallShift(1, Instant.parse("2026-11-06T19:00:00Z"),
				Instant.parse("2026-11-06T23:00:00Z"), false);
		PersonHours tokyo = this.rules.hoursOf(shift, WorkCalendar.of(ZoneId.of("Asia/Tokyo"), Set.of()));
		PersonHours london = this.rules.hoursOf(shift, WorkCalendar.of(ZoneId.of("Europe/London"), Set.of()));
		assertThat(tokyo.weekendHours()).isCloseTo(4, within(1e-9));
		assertThat(tokyo.lieuHours()).isCloseTo(5, within(1e-9));
		assertThat(london.weekendHours()).isZero();
		assertThat(london.lieuHours()).isZero();
	}

	@Test
	void aPagedShiftEarnsTwiceItsWeekendAndHolidayHours() {
		// Sunday 23:00 UTC → Monday 05:00 UTC in UTC, Monday being a holiday: 1 weekend
		// hour + 5 holiday hours.
		OnCallShift shift = new OnCallShift(1, Instant.parse("2026-12-27T23:00:00Z"),
				Instant.parse("2026-12-28T05:00:00Z"), true);
		PersonHours hours = this.rules.hoursOf(shift,
				WorkCalendar.of(ZoneId.of("UTC"), Set.of(LocalDate.of(2026, 12, 28))));
		assertThat(hours.onCallHours()).isCloseTo(6, within(1e-9));
		assertThat(hours.weekendHours()).isCloseTo(1, within(1e-9));
		assertThat(hours.holidayHours()).isCloseTo(5, within(1e-9));
		assertThat(hours.lieuHours()).isCloseTo(12, within(1e-9));
		assertThat(hours.pagedShifts()).isEqualTo(1);
	}

}
