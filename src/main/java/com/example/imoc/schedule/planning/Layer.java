package com.example.imoc.schedule.planning;

import java.time.DayOfWeek;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A group of people who may only be on call on {@code days}. When two people score the
 * same, the one whose layer has the higher {@code precedence} wins: weekdays-only people
 * get weekday blocks first because they cannot take any of the weekend load.
 */
public record Layer(String name, Set<DayOfWeek> days, int precedence) {

	public static final Set<DayOfWeek> EVERY_DAY = Set.copyOf(EnumSet.allOf(DayOfWeek.class));

	public static final Set<DayOfWeek> WEEKDAYS = Set.copyOf(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));

	public Layer {
		Objects.requireNonNull(name, "name");
		days = Set.copyOf(days);
	}

	public boolean covers(DayOfWeek day) {
		return days.contains(day);
	}
}
