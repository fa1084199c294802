package com.example.imoc.rotation;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A layer: the weekdays its people may cover, and its precedence (higher wins ties:
 * weekdays-only people get weekday blocks first because they cannot share the weekend
 * load).
 */
public record RotationLayer(long id, String name, Set<DayOfWeek> days, int precedence) {

	/** "Mon–Fri", "every day", or the days in order. */
	public String daysLabel() {
		if (this.days.size() == 7) {
			return "every day";
		}
		if (this.days.equals(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY))) {
			return "Mon–Fri";
		}
		return this.days.stream()
			.sorted()
			.map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH))
			.collect(Collectors.joining(", "));
	}

	public boolean coversWeekends() {
		return this.days.contains(DayOfWeek.SATURDAY) || this.days.contains(DayOfWeek.SUNDAY);
	}

}
