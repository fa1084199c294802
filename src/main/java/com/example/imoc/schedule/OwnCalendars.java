package com.example.imoc.schedule;

import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import com.example.imoc.database.CacheDependencies;
import com.example.imoc.database.DataChanges;
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

	private record Kept(long stamp, WorkCalendar calendar) {
	}

	private record Key(ZoneId zone, Region region) {
	}

	private final Map<Key, Kept> kept = new ConcurrentHashMap<>();

	private final PublicHolidays holidays;

	private final DataChanges changes;

	OwnCalendars(PublicHolidays holidays, DataChanges changes) {
		this.holidays = holidays;
		this.changes = changes;
	}

	WorkCalendar of(ZoneId zone, Region region) {
		Key key = new Key(zone, region);
		Kept hit = this.kept.get(key);
		if (hit != null && this.changes.isCurrent(hit.stamp())) {
			return hit.calendar();
		}
		long stamp = this.changes.stamp(); // before reading: a later change voids it
		WorkCalendar calendar = this.holidays.calendarOf(zone, region);
		if (stamp >= 0) {
			if (this.kept.size() >= LIMIT) {
				this.kept.clear();
			}
			this.kept.put(key, new Kept(stamp, calendar));
		}
		return calendar;
	}

}
