package com.example.imoc.schedule.planning;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * Turns (local date, slot) into the instants a shift runs.
 *
 * <p>
 * A shift on local date D in slot S runs from D at S.start to S.end on D (or on D+1 when
 * S.end is at or before S.start), both read as wall-clock time in the rotation zone.
 *
 * <p>
 * DST rule: a boundary that falls in a skipped hour (spring forward) moves forward by the
 * length of the gap, so 02:30 becomes 03:30; a boundary in a repeated hour (fall back)
 * takes the earlier offset, i.e. the first time the clock shows it. This is exactly how
 * {@link ZonedDateTime#of} resolves local times. Consecutive shifts of a slot sequence
 * share one computed boundary, so they always tile with no gap and no overlap; the shift
 * during which the clocks change is an hour shorter (spring) or longer (autumn) than
 * nominal. Tiling holds whenever every offset change is shorter than the shortest slot; a
 * zone that skips a whole calendar day (Pacific/Apia on 2011-12-30) cannot be tiled by
 * any daily slot pattern.
 */
public final class ShiftClock {

	private final ZoneId zone;

	public ShiftClock(ZoneId zone) {
		this.zone = Objects.requireNonNull(zone, "zone");
	}

	public TimeRange shift(LocalDate date, Slot slot) {
		LocalDate endDate = slot.endsNextDay() ? date.plusDays(1) : date;
		return new TimeRange(boundary(date, slot.start()), boundary(endDate, slot.end()));
	}

	public Instant boundary(LocalDate date, LocalTime time) {
		return ZonedDateTime.of(date, time, zone).toInstant();
	}

	/**
	 * Local day a stored shift belongs to: the day its start falls on in the rotation
	 * zone.
	 */
	public LocalDate dateOf(Instant shiftStart) {
		return LocalDate.ofInstant(shiftStart, zone);
	}

	public Instant startOfDay(LocalDate date) {
		return date.atStartOfDay(zone).toInstant();
	}

}
