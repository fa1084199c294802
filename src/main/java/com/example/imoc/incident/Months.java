package com.example.imoc.incident;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.example.imoc.web.api.InputRanges;

/** Reads a {@code YYYY-MM} month from a request parameter. */
final class Months {

	static final String FORMAT_MESSAGE = "Use the form YYYY-MM for a month " + InputRanges.RANGE + ", like 2026-11.";

	private Months() {
	}

	/**
	 * Empty when the text is not a month (or one outside 1970–9999); {@code fallback}
	 * when there is no text at all.
	 */
	static Optional<YearMonth> parse(String text, YearMonth fallback) {
		if (text == null || text.isBlank()) {
			return Optional.ofNullable(fallback);
		}
		try {
			return Optional.of(YearMonth.parse(text.trim())).filter(InputRanges::accepts);
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

}
