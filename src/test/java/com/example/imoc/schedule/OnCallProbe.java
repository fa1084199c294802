package com.example.imoc.schedule;

import org.springframework.context.ApplicationContext;

/**
 * Asks {@link ScheduleApi} who is on call now, as {@code GET /api/v1/oncall} does, but
 * without the request around it: for tests that watch what the answer alone reads.
 */
public final class OnCallProbe {

	private OnCallProbe() {
	}

	public static Object onCallNow(ApplicationContext context) {
		return context.getBean(ScheduleApi.class).onCall(null);
	}

}
