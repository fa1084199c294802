package com.example.imoc.simulation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

/** One row of the {@code shift} table as the harness reads it with SQL. */
record ShiftRow(long id, String slot, LocalDate date, Instant start, Instant end, Long assignee, boolean shadow,
		boolean live, String reason) {

	/**
	 * A live row holding the slot (a person's shift or a coverage gap), not a shadow
	 * beside it.
	 */
	boolean primary() {
		return this.live && !this.shadow;
	}

	boolean gap() {
		return primary() && this.assignee == null;
	}

	double hours() {
		return Duration.between(this.start, this.end).toSeconds() / 3600.0;
	}

	/**
	 * The part of the row that is the same shift: same slot on the same date (a partial
	 * cover splits one).
	 */
	boolean sameShiftAs(ShiftRow other) {
		return this.slot.equals(other.slot) && this.date.equals(other.date);
	}

	@Override
	public String toString() {
		return "shift #" + this.id + " " + this.date + " " + this.slot + " [" + this.start + " – " + this.end + ") "
				+ (this.assignee == null ? "gap" : "person " + this.assignee) + (this.shadow ? " (shadow)" : "")
				+ (this.live ? "" : " CANCELLED") + " «" + this.reason + "»";
	}

}
