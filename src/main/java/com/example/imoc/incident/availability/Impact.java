package com.example.imoc.incident.availability;

import java.time.Instant;

/**
 * One incident's impact on one service: from {@code start} to {@code end} ({@code null}
 * while it is still going on) at {@code fraction} of a full outage (1.0 = down, 0.25 = a
 * quarter degraded).
 */
public record Impact(String service, Instant start, Instant end, double fraction) {

	public Impact {
		if (fraction <= 0 || fraction > 1) {
			throw new IllegalArgumentException("impact fraction must be in (0, 1], was " + fraction);
		}
		if (end != null && end.isBefore(start)) {
			throw new IllegalArgumentException("impact ends before it starts");
		}
	}

}
