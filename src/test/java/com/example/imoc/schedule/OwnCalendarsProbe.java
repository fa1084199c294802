package com.example.imoc.schedule;

import java.time.ZoneId;

import org.springframework.context.ApplicationContext;

import com.example.imoc.people.Region;
import com.example.imoc.people.WorkCalendar;

/**
 * Asks {@link OwnCalendars} for a zone's and region's work calendar, as
 * {@code GET /my/shifts} does, without the request around it: for tests that watch what
 * the cache alone reads.
 */
public final class OwnCalendarsProbe {

	private OwnCalendarsProbe() {
	}

	public static WorkCalendar calendar(ApplicationContext context, ZoneId zone, Region region) {
		return context.getBean(OwnCalendars.class).of(zone, region);
	}

}
