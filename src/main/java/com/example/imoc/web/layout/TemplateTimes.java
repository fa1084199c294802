package com.example.imoc.web.layout;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;

/**
 * Formats instants for people at the edge (templates), as {@code ${@times.utc(x)}} or
 * {@code ${@times.local(x, zone)}}. The model stays in UTC.
 */
@Component("times")
public class TemplateTimes {

	private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ENGLISH)
		.withZone(ZoneOffset.UTC);

	private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);

	public String utc(Instant instant) {
		return instant == null ? "" : UTC.format(instant);
	}

	public String local(Instant instant, String zone) {
		return instant == null ? "" : LOCAL.format(instant.atZone(ZoneId.of(zone)));
	}

	public String clock(Instant instant, String zone) {
		return instant == null ? "" : CLOCK.format(instant.atZone(ZoneId.of(zone)));
	}

	public String zoneAbbreviation(Instant instant, String zone) {
		return DateTimeFormatter.ofPattern("zzz", Locale.ENGLISH).format(instant.atZone(ZoneId.of(zone)));
	}

}
