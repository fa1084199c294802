package com.example.imoc.people;

import java.time.LocalDate;
import java.util.Locale;

import org.springframework.validation.Errors;

/**
 * Time away as typed on {@code /people/{id}/time-away} (docs/ARCHITECTURE.md, "Forms"):
 * text kept as typed, so a rejected form comes back unchanged; {@link #check} rejects
 * each problem on its field.
 */
public class TimeAwayForm {

	/** Longest note kept with an entry. */
	static final int NOTE_LENGTH = 500;

	/** Time away is planned at most this many years ahead. */
	static final int YEARS_AHEAD = 3;

	private static final LocalDate EARLIEST = LocalDate.of(2000, 1, 1);

	private String kind = Unavailability.Kind.PTO.name();

	private String first = "";

	private String last = "";

	private String note = "";

	/**
	 * Rejects each problem on its field; {@code today} bounds how far ahead a day may be
	 * (a day outside 2000 to three years ahead is a typing mistake).
	 */
	void check(Errors errors, LocalDate today) {
		if (kind() == null) {
			errors.rejectValue("kind", "kind", "Choose what kind of time away this is.");
		}
		LocalDate firstDay = checkDay(errors, "first", this.first, "Enter the first day away.", today);
		LocalDate lastDay = checkDay(errors, "last", this.last, "Enter the last day away.", today);
		if (firstDay != null && lastDay != null && lastDay.isBefore(firstDay)) {
			errors.rejectValue("last", "order", "The last day must be on or after the first day.");
		}
		if (this.note.length() > NOTE_LENGTH) {
			errors.rejectValue("note", "long", "Keep the note under " + NOTE_LENGTH + " characters.");
		}
	}

	private static LocalDate checkDay(Errors errors, String field, String text, String missing, LocalDate today) {
		if (text.isBlank()) {
			errors.rejectValue(field, "required", missing);
			return null;
		}
		LocalDate day = TypedDay.parse(text);
		if (day == null) {
			errors.rejectValue(field, "format", "Enter a date like 2027-05-01.");
		}
		else if (day.isBefore(EARLIEST) || day.isAfter(today.plusYears(YEARS_AHEAD))) {
			errors.rejectValue(field, "range",
					"Enter a day between " + EARLIEST.getYear() + " and " + YEARS_AHEAD + " years from now.");
			return null;
		}
		return day;
	}

	/** The kind chosen, or {@code null} when it is not one the form offers. */
	Unavailability.Kind kind() {
		try {
			return Unavailability.Kind.valueOf(this.kind.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	LocalDate firstDay() {
		return TypedDay.parse(this.first);
	}

	LocalDate lastDay() {
		return TypedDay.parse(this.last);
	}

	public String getKind() {
		return this.kind;
	}

	public void setKind(String kind) {
		this.kind = kind == null ? "" : kind;
	}

	public String getFirst() {
		return this.first;
	}

	public void setFirst(String first) {
		this.first = first == null ? "" : first;
	}

	public String getLast() {
		return this.last;
	}

	public void setLast(String last) {
		this.last = last == null ? "" : last;
	}

	public String getNote() {
		return this.note;
	}

	public void setNote(String note) {
		this.note = note == null ? "" : note;
	}

}
