package com.example.imoc.schedule.planning;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A shift the assigner proposes. {@code assigneeId} null is a coverage gap;
 * {@code reason} is one readable line explaining the pick (or the gap) from the numbers
 * the assigner saw.
 */
public record PlannedShift(String slot, String layer, LocalDate date, Instant start, Instant end, Long assigneeId,
		boolean shadow, String reason) {

	public TimeRange range() {
		return new TimeRange(start, end);
	}

	public boolean isGap() {
		return assigneeId == null;
	}
}
