package com.example.imoc.rotation;

import java.time.LocalTime;

/**
 * A daily slot: wall-clock start and end in the rotation's zone; an end at or before the
 * start ends the next day.
 */
public record RotationSlot(long id, String label, LocalTime start, LocalTime end, int position) {

	public boolean endsNextDay() {
		return !this.end.isAfter(this.start);
	}

}
