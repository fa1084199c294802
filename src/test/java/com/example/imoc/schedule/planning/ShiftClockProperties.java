package com.example.imoc.schedule.planning;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ShiftClockProperties {

	/**
	 * Holds in every zone as long as no offset change in the range is as long as the
	 * shortest slot (so never for Pacific/Apia's skipped 2011-12-30, which the assumption
	 * filters out).
	 */
	@Property(tries = 300)
	void consecutiveShiftsTileEveryDayInAnyZone(@ForAll("zones") ZoneId zone, @ForAll("days") LocalDate first,
			@ForAll("lengths") int days, @ForAll("slotPatterns") List<Slot> slots) {
		Assume.that(everyOffsetChangeShorterThan(zone, first, first.plusDays(days + 1), shortest(slots)));
		ShiftClock clock = new ShiftClock(zone);
		List<TimeRange> shifts = new ArrayList<>();
		for (LocalDate day = first; day.isBefore(first.plusDays(days)); day = day.plusDays(1)) {
			for (Slot slot : slots) {
				shifts.add(clock.shift(day, slot));
			}
		}
		for (int i = 1; i < shifts.size(); i++) {
			assertThat(shifts.get(i).start()).isEqualTo(shifts.get(i - 1).end());
		}
		assertThat(shifts).allSatisfy(shift -> assertThat(shift.duration()).isPositive());
	}

	@Provide
	Arbitrary<ZoneId> zones() {
		return Arbitraries.of(ZoneId.getAvailableZoneIds().stream().sorted().toList()).map(ZoneId::of);
	}

	@Provide
	Arbitrary<LocalDate> days() {
		return Arbitraries.integers().between(0, 365 * 60).map(offset -> LocalDate.of(1990, 1, 1).plusDays(offset));
	}

	@Provide
	Arbitrary<Integer> lengths() {
		return Arbitraries.integers().between(1, 400);
	}

	/**
	 * Slots that tile 24 hours in half-hour steps, each at least three hours, starting
	 * anywhere.
	 */
	@Provide
	Arbitrary<List<Slot>> slotPatterns() {
		Arbitrary<List<Integer>> lengths = Arbitraries.integers().between(6, 20).list().ofMinSize(1).ofMaxSize(8);
		Arbitrary<Integer> firstStart = Arbitraries.integers().between(0, 47);
		return lengths.flatMap(halfHours -> firstStart.map(start -> tile(start, halfHours)));
	}

	private static List<Slot> tile(int firstStart, List<Integer> lengths) {
		List<Integer> starts = new ArrayList<>();
		int used = 0;
		for (int length : lengths) {
			if (48 - used - length < 6) {
				break;
			}
			starts.add(firstStart + used);
			used += length;
		}
		starts.add(firstStart + used);
		List<Slot> slots = new ArrayList<>();
		for (int i = 0; i < starts.size(); i++) {
			LocalTime start = halfHour(starts.get(i));
			LocalTime end = halfHour(i + 1 < starts.size() ? starts.get(i + 1) : firstStart + 48);
			slots.add(new Slot(start + "-" + end, start, end));
		}
		// One day's shifts in chronological order: by local start, the one crossing
		// midnight last.
		slots.sort(java.util.Comparator.comparing(Slot::start));
		return slots;
	}

	private static LocalTime halfHour(int index) {
		return LocalTime.MIDNIGHT.plusMinutes(30L * Math.floorMod(index, 48));
	}

	private static Duration shortest(List<Slot> slots) {
		return slots.stream().map(Slot::nominalLength).min(Duration::compareTo).orElseThrow();
	}

	private static boolean everyOffsetChangeShorterThan(ZoneId zone, LocalDate from, LocalDate until, Duration limit) {
		ZoneOffsetTransition transition = zone.getRules()
			.nextTransition(from.minusDays(2).atStartOfDay(zone).toInstant());
		while (transition != null
				&& transition.getInstant().isBefore(until.plusDays(2).atStartOfDay(zone).toInstant())) {
			if (transition.getDuration().abs().compareTo(limit) >= 0) {
				return false;
			}
			transition = zone.getRules().nextTransition(transition.getInstant());
		}
		return true;
	}

}
