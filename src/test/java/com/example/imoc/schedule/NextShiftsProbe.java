package com.example.imoc.schedule;

import java.time.Clock;
import java.util.Optional;

import org.springframework.context.ApplicationContext;

/**
 * Asks {@link NextShifts} for a person's next shift now, as {@code GET /} does, without
 * the request around it: for tests that watch what the cache alone reads.
 */
public final class NextShiftsProbe {

	private NextShiftsProbe() {
	}

	public static Optional<ShiftView> next(ApplicationContext context, long personId) {
		return context.getBean(NextShifts.class).of(personId, context.getBean(Clock.class).instant());
	}

}
