package com.example.imoc.schedule;

import java.time.Instant;
import java.util.List;

/**
 * Published when the coordinator moves a rotation's publication boundary from
 * {@code from} to {@code until}: {@code shifts} are the held shifts that became published
 * and have not ended, so their owners hear about them (notifications listen, in the
 * publishing transaction).
 */
public record SchedulePublished(long rotationId, String rotationName, Instant from, Instant until,
		List<ShiftView> shifts) {

	public SchedulePublished {
		shifts = List.copyOf(shifts);
	}

}
