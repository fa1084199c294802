package com.example.imoc.schedule.planning;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** Half-open interval {@code [start, end)}. */
public record TimeRange(Instant start, Instant end) {

	public TimeRange {
		Objects.requireNonNull(start, "start");
		Objects.requireNonNull(end, "end");
		if (end.isBefore(start)) {
			throw new IllegalArgumentException("end " + end + " is before start " + start);
		}
	}

	public boolean overlaps(TimeRange other) {
		return start.isBefore(other.end) && other.start.isBefore(end);
	}

	public Duration duration() {
		return Duration.between(start, end);
	}
}
