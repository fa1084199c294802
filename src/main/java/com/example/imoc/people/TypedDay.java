package com.example.imoc.people;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * A day as typed in a form field: {@code 2027-05-01} (what a date input sends), nothing
 * else.
 */
final class TypedDay {

	private TypedDay() {
	}

	/** The day typed, or {@code null} when it is not a date like 2027-05-01. */
	static LocalDate parse(String text) {
		String trimmed = text.strip();
		if (!trimmed.matches("\\d{4}-\\d{2}-\\d{2}")) {
			return null;
		}
		try {
			return LocalDate.parse(trimmed);
		}
		catch (DateTimeException ex) {
			return null;
		}
	}

}
