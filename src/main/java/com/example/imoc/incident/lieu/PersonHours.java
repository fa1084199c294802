package com.example.imoc.incident.lieu;

/**
 * One person's on-call hours over a period.
 *
 * @param weekendHours hours on a Saturday or Sunday in the person's zone
 * @param holidayHours hours on a weekday holiday of their region (a holiday on a weekend
 * counts as weekend, once)
 * @param lieuHours time in lieu owed: weekend and holiday hours times the paged or
 * not-paged multiplier of the shift
 */
public record PersonHours(long personId, int shifts, int pagedShifts, double onCallHours, double weekendHours,
		double holidayHours, double lieuHours) {

	PersonHours plus(PersonHours other) {
		return new PersonHours(this.personId, this.shifts + other.shifts, this.pagedShifts + other.pagedShifts,
				this.onCallHours + other.onCallHours, this.weekendHours + other.weekendHours,
				this.holidayHours + other.holidayHours, this.lieuHours + other.lieuHours);
	}

}
