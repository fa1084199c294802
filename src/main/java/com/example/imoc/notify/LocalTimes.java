package com.example.imoc.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Instants as the recipient reads them: in their own zone, with the zone's abbreviation,
 * e.g. {@code Tue 1 Dec 06:00 GMT}. Notices are composed per recipient, so each reads
 * their own clock.
 */
final class LocalTimes {

	private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("EEE d MMM HH:mm zzz",
			Locale.ENGLISH);

	private static final Pattern MARK = Pattern
		.compile("\\{(time|span):(\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z(?:/\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z)?)}");

	private static final DateTimeFormatter DAY_AND_HOUR = DateTimeFormatter.ofPattern("EEE d MMM HH:mm",
			Locale.ENGLISH);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm zzz", Locale.ENGLISH);

	private LocalTimes() {
	}

	static String dayAndTime(Instant instant, ZoneId zone) {
		return DAY_AND_TIME.format(instant.atZone(zone));
	}

	static String time(Instant instant, ZoneId zone) {
		return TIME.format(instant.atZone(zone));
	}

	/**
	 * A shift's span: {@code Tue 1 Dec 06:00 – 12:00 GMT}, or with both dates when it
	 * ends on another day.
	 */
	static String span(Instant start, Instant end, ZoneId zone) {
		boolean sameDay = start.atZone(zone).toLocalDate().equals(end.atZone(zone).toLocalDate());
		String from = DAY_AND_HOUR.format(start.atZone(zone));
		return from + " – " + (sameDay ? time(end, zone) : dayAndTime(end, zone));
	}

	/**
	 * The text with the times {@link Notice#time} and {@link Notice#span} marked put in
	 * this zone.
	 */
	static String resolve(String text, ZoneId zone) {
		if (text == null || !text.contains("{")) {
			return text;
		}
		Matcher marks = MARK.matcher(text);
		StringBuilder resolved = new StringBuilder();
		while (marks.find()) {
			String value = marks.group(2);
			String worded;
			try {
				int slash = value.indexOf('/');
				worded = "time".equals(marks.group(1)) && slash < 0 ? dayAndTime(Instant.parse(value), zone)
						: "span".equals(marks.group(1)) && slash > 0 ? span(Instant.parse(value.substring(0, slash)),
								Instant.parse(value.substring(slash + 1)), zone) : marks.group();
			}
			catch (DateTimeParseException ex) {
				// someone typed something like a mark into a message: it stays as typed
				worded = marks.group();
			}
			marks.appendReplacement(resolved, Matcher.quoteReplacement(worded));
		}
		marks.appendTail(resolved);
		return resolved.toString();
	}

	/** "in 24 hours", "in 1 hour", "in 45 minutes", rounded to whole minutes. */
	static String inWords(Duration until) {
		long minutes = Math.max(0, (until.getSeconds() + 30) / 60);
		if (minutes >= 120 && minutes % 60 == 0 || minutes >= 48 * 60) {
			long hours = Math.round(minutes / 60.0);
			return "in " + hours + " hours";
		}
		if (minutes >= 60) {
			long hours = minutes / 60;
			long rest = minutes % 60;
			return "in " + hours + (hours == 1 ? " hour" : " hours") + (rest == 0 ? "" : " " + rest + " min");
		}
		return "in " + minutes + (minutes == 1 ? " minute" : " minutes");
	}

}
