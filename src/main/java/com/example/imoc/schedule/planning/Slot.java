package com.example.imoc.schedule.planning;

import java.time.Duration;
import java.time.LocalTime;
import java.util.Objects;

/**
 * A daily shift window in wall-clock time of the rotation zone, for example
 * {@code 05:00-11:00}. An {@code end} at or before {@code start} means the shift ends on
 * the next day, so {@code 23:00-05:00} crosses midnight and {@code 09:00-09:00} lasts a
 * whole day.
 */
public record Slot(String label, LocalTime start, LocalTime end) {

	public Slot {
		Objects.requireNonNull(label, "label");
		Objects.requireNonNull(start, "start");
		Objects.requireNonNull(end, "end");
	}

	public static Slot of(String start, String end) {
		return new Slot(start + "-" + end, LocalTime.parse(start), LocalTime.parse(end));
	}

	public boolean endsNextDay() {
		return !end.isAfter(start);
	}

	/** Length on a day without an offset change. */
	public Duration nominalLength() {
		Duration sameDay = Duration.between(start, end);
		return endsNextDay() ? sameDay.plusDays(1) : sameDay;
	}
}
