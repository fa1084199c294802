package com.example.imoc.schedule.planning;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * DST rule under test: a boundary in a skipped hour moves forward by the gap (02:30
 * becomes 03:30), a boundary in a repeated hour takes the earlier offset; shifts sharing
 * a boundary tile, and the shift during which the clocks change is an hour shorter
 * (spring) or longer (autumn).
 */
class ShiftClockTests {

	private static final Slot OVERNIGHT = Slot.of("23:00", "05:00");

	private static final Slot EVENING_TO_HALF_TWO = Slot.of("20:30", "02:30");

	private static final Slot FROM_HALF_TWO = Slot.of("02:30", "08:30");

	private static void assertShift(TimeRange shift, String start, String end, Duration length) {
		assertEquals(Instant.parse(start), shift.start(), "start");
		assertEquals(Instant.parse(end), shift.end(), "end");
		assertEquals(length, shift.duration(), "length");
	}

	@Nested
	class NewYork {

		private final ShiftClock clock = new ShiftClock(ZoneId.of("America/New_York"));

		@Test
		void overnightShiftIsAnHourShorterWhenClocksSpringForward() {
			assertShift(clock.shift(LocalDate.of(2026, 3, 7), OVERNIGHT), "2026-03-08T04:00:00Z",
					"2026-03-08T09:00:00Z", Duration.ofHours(5));
		}

		@Test
		void boundaryInTheSkippedHourMovesForwardAndNeighboursStillTile() {
			TimeRange before = clock.shift(LocalDate.of(2026, 3, 7), EVENING_TO_HALF_TWO);
			TimeRange after = clock.shift(LocalDate.of(2026, 3, 8), FROM_HALF_TWO);
			assertShift(before, "2026-03-08T01:30:00Z", "2026-03-08T07:30:00Z", Duration.ofHours(6));
			assertShift(after, "2026-03-08T07:30:00Z", "2026-03-08T12:30:00Z", Duration.ofHours(5));
		}

		@Test
		void overnightShiftIsAnHourLongerWhenClocksFallBack() {
			assertShift(clock.shift(LocalDate.of(2026, 10, 31), OVERNIGHT), "2026-11-01T03:00:00Z",
					"2026-11-01T10:00:00Z", Duration.ofHours(7));
		}

		@Test
		void boundaryInTheRepeatedHourTakesTheEarlierOffset() {
			TimeRange before = clock.shift(LocalDate.of(2026, 10, 31), Slot.of("19:30", "01:30"));
			TimeRange after = clock.shift(LocalDate.of(2026, 11, 1), Slot.of("01:30", "07:30"));
			assertShift(before, "2026-10-31T23:30:00Z", "2026-11-01T05:30:00Z", Duration.ofHours(6));
			assertShift(after, "2026-11-01T05:30:00Z", "2026-11-01T12:30:00Z", Duration.ofHours(7));
		}

		@Test
		void realSlotsTileTheDayOfTheSpringChange() {
			List<TimeRange> day = List.of(clock.shift(LocalDate.of(2026, 3, 7), OVERNIGHT),
					clock.shift(LocalDate.of(2026, 3, 8), Slot.of("05:00", "11:00")),
					clock.shift(LocalDate.of(2026, 3, 8), Slot.of("11:00", "15:00")),
					clock.shift(LocalDate.of(2026, 3, 8), Slot.of("15:00", "19:00")),
					clock.shift(LocalDate.of(2026, 3, 8), Slot.of("19:00", "23:00")),
					clock.shift(LocalDate.of(2026, 3, 8), OVERNIGHT));
			for (int i = 1; i < day.size(); i++) {
				assertEquals(day.get(i - 1).end(), day.get(i).start());
			}
			assertEquals(Duration.ofHours(23), Duration.between(day.get(0).start(), day.get(5).start()));
		}

	}

	@Nested
	class Berlin {

		private final ShiftClock clock = new ShiftClock(ZoneId.of("Europe/Berlin"));

		@Test
		void overnightShiftIsAnHourShorterWhenClocksSpringForward() {
			assertShift(clock.shift(LocalDate.of(2026, 3, 28), OVERNIGHT), "2026-03-28T22:00:00Z",
					"2026-03-29T03:00:00Z", Duration.ofHours(5));
		}

		@Test
		void boundaryInTheSkippedHourMovesForward() {
			assertShift(clock.shift(LocalDate.of(2026, 3, 29), FROM_HALF_TWO), "2026-03-29T01:30:00Z",
					"2026-03-29T06:30:00Z", Duration.ofHours(5));
			assertEquals(Instant.parse("2026-03-29T01:30:00Z"),
					clock.shift(LocalDate.of(2026, 3, 28), EVENING_TO_HALF_TWO).end());
		}

		@Test
		void overnightShiftIsAnHourLongerWhenClocksFallBack() {
			assertShift(clock.shift(LocalDate.of(2026, 10, 24), OVERNIGHT), "2026-10-24T21:00:00Z",
					"2026-10-25T04:00:00Z", Duration.ofHours(7));
		}

		@Test
		void boundaryInTheRepeatedHourTakesTheEarlierOffset() {
			assertShift(clock.shift(LocalDate.of(2026, 10, 25), FROM_HALF_TWO), "2026-10-25T00:30:00Z",
					"2026-10-25T07:30:00Z", Duration.ofHours(7));
			assertEquals(Instant.parse("2026-10-25T00:30:00Z"),
					clock.shift(LocalDate.of(2026, 10, 24), EVENING_TO_HALF_TWO).end());
		}

	}

	@Test
	void utcShiftsAlwaysLastTheirNominalLength() {
		ShiftClock clock = new ShiftClock(ZoneId.of("UTC"));
		for (LocalDate day : List.of(LocalDate.of(2026, 3, 8), LocalDate.of(2026, 3, 29), LocalDate.of(2026, 10, 25),
				LocalDate.of(2026, 11, 1))) {
			for (Slot slot : Rotations.REAL_SLOTS) {
				assertEquals(slot.nominalLength(), clock.shift(day, slot).duration(), slot + " on " + day);
			}
		}
		assertShift(clock.shift(LocalDate.of(2026, 3, 7), OVERNIGHT), "2026-03-07T23:00:00Z", "2026-03-08T05:00:00Z",
				Duration.ofHours(6));
	}

}
