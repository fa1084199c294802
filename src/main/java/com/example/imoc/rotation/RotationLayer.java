package com.example.imoc.rotation;

import java.time.DayOfWeek;
import java.util.Set;

/**
 * A layer: the weekdays its people may cover, and its precedence (higher wins ties: weekdays-only people get weekday
 * blocks first because they cannot share the weekend load).
 */
public record RotationLayer(long id, String name, Set<DayOfWeek> days, int precedence) {

	public boolean coversWeekends() {
		return this.days.contains(DayOfWeek.SATURDAY) || this.days.contains(DayOfWeek.SUNDAY);
	}

}
