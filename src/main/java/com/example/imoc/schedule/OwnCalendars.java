package com.example.imoc.schedule;

import java.time.Clock;
import java.time.ZoneId;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import com.example.imoc.database.CacheDependencies;
import com.example.imoc.database.DataChanges;
import com.example.imoc.database.KeptReads;
import com.example.imoc.people.PublicHolidays;
import com.example.imoc.people.Region;
import com.example.imoc.people.WorkCalendar;

/**
 * The work calendar of a zone and region ({@code /my/shifts} counts a reader's weekend
 * and holiday hours with it), read once per data generation and shared by everyone with
 * that zone and region (issue 17: was a query per page view).
 */
@Component
class OwnCalendars {

	/** What the calendars are read from: the public holidays. */
	@Bean
	static CacheDependencies ownCalendarsCache() {
		return CacheDependencies.of("own work calendars", OwnCalendars.class, "public_holiday");
	}

	/** Zones times regions in use are far fewer; beyond this the memory starts afresh. */
	static final int LIMIT = 1_000;

	private record Key(ZoneId zone, Region region) {
	}

	private final KeptReads<Key, WorkCalendar> kept;

	private final PublicHolidays holidays;

	OwnCalendars(PublicHolidays holidays, DataChanges changes, Clock clock) {
		this.holidays = holidays;
		this.kept = new KeptReads<>(changes, clock, LIMIT);
	}

	WorkCalendar of(ZoneId zone, Region region) {
		return this.kept.get(new Key(zone, region), key -> this.holidays.calendarOf(key.zone(), key.region()));
	}

}
