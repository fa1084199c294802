package com.example.imoc.schedule.planning;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A shift already stored (published). {@code assigneeId} is null for a coverage gap;
 * {@code shadow} rows belong to a shadow riding along with the IM of the same slot.
 * {@code date} is the shift's stored local date: the day its slot starts in the
 * rotation's zone, which every part of a split shift keeps (the part of a night shift
 * after midnight belongs to the day before). The rules read the weekday from it, never
 * from {@code start}.
 */
public record ExistingShift(long id, String slot, String layer, Instant start, Instant end, Long assigneeId,
		boolean shadow, LocalDate date) {

	public ExistingShift {
		Objects.requireNonNull(slot, "slot");
		Objects.requireNonNull(start, "start");
		Objects.requireNonNull(end, "end");
		Objects.requireNonNull(date, "date");
	}

	public TimeRange range() {
		return new TimeRange(start, end);
	}

	public boolean isGap() {
		return assigneeId == null;
	}
}
