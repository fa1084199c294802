package com.example.imoc.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A stored shift as the rest of the app sees it. {@code assigneeId == null} is a coverage
 * gap.
 *
 * @param sequence counts changes of time or owner (the iCalendar SEQUENCE)
 * @param updatedAt when the row last changed (the iCalendar LAST-MODIFIED)
 * @param published the shift starts before its rotation's publication boundary; later
 * ones are drafts
 */
public record ShiftView(long id, long rotationId, String rotationName, String rotationZone, long layerId, String layer,
		long slotId, String slot, LocalDate date, Instant start, Instant end, Long assigneeId, String assigneeName,
		String assigneeEmail, boolean shadow, String state, String reason, int sequence, long version,
		Instant updatedAt, boolean published) {

	public boolean isGap() {
		return this.assigneeId == null;
	}

	/**
	 * Planned but not yet published by the coordinator: may still change without notice.
	 */
	public boolean isDraft() {
		return !this.published;
	}

	public boolean isCancelled() {
		return "CANCELLED".equals(this.state);
	}

	public Duration length() {
		return Duration.between(this.start, this.end);
	}

	public boolean covers(Instant at) {
		return !this.start.isAfter(at) && this.end.isAfter(at);
	}

}
