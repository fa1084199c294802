package com.example.imoc.swap;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Shift times as a person reads them, in their own zone, 24-hour, with the zone named:
 * "Thu 3 Dec, 23:00–08:00 (Asia/Kolkata)". A span ending the next morning keeps the short
 * form (shifts are never a day long); a longer one names both days.
 */
final class ShiftTimes {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

	private ShiftTimes() {
	}

	/** "Thu 3 Dec, 23:00–08:00", without the zone. */
	static String span(Instant start, Instant end, ZoneId zone) {
		ZonedDateTime from = start.atZone(zone);
		ZonedDateTime to = end.atZone(zone);
		boolean shortForm = !to.toLocalDate().isAfter(from.toLocalDate().plusDays(1))
				&& (to.toLocalDate().equals(from.toLocalDate()) || !to.toLocalTime().isAfter(from.toLocalTime()));
		return DAY.format(from) + ", " + CLOCK.format(from) + "–"
				+ (shortForm ? CLOCK.format(to) : DAY.format(to) + ", " + CLOCK.format(to));
	}

	/** "Thu 3 Dec, 23:00–08:00 (Asia/Kolkata)". */
	static String spanInZone(Instant start, Instant end, ZoneId zone) {
		return span(start, end, zone) + " (" + zone.getId() + ")";
	}

}
