package com.example.imoc.schedule;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The period a schedule health report covers, as asked for ({@code from} and {@code to},
 * dates in the rotation's zone, both included), checked field by field. Without them: the
 * last {@link #DEFAULT_DAYS} days and the next {@link #DEFAULT_DAYS}.
 */
record HealthPeriod(LocalDate from, LocalDate to, Map<String, String> errors) {

	static final int DEFAULT_DAYS = 90;

	/**
	 * The longest period one report may cover, so a typo cannot make the server count
	 * decades.
	 */
	static final int MAX_DAYS = 731;

	static HealthPeriod parse(String fromText, String toText, LocalDate today) {
		Map<String, String> errors = new LinkedHashMap<>();
		LocalDate from = date("from", fromText, today.minusDays(DEFAULT_DAYS), errors);
		LocalDate to = date("to", toText, today.plusDays(DEFAULT_DAYS), errors);
		if (errors.isEmpty()) {
			if (to.isBefore(from)) {
				errors.put("to", "The end date " + to + " is before the start date " + from + ".");
			}
			else if (ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
				errors.put("to", "Ask for at most " + MAX_DAYS + " days at a time (two years).");
			}
		}
		return new HealthPeriod(from, to, Map.copyOf(errors));
	}

	boolean ok() {
		return this.errors.isEmpty();
	}

	private static LocalDate date(String field, String text, LocalDate fallback, Map<String, String> errors) {
		if (text == null || text.isBlank()) {
			return fallback;
		}
		try {
			return LocalDate.parse(text.trim());
		}
		catch (DateTimeParseException ex) {
			String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
			errors.put(field, "\"" + shown + "\" is not a date; write it as YYYY-MM-DD, like 2026-12-01.");
			return null;
		}
	}

}
