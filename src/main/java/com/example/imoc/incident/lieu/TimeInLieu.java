package com.example.imoc.incident.lieu;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import com.example.imoc.people.WorkCalendar;

/**
 * Time in lieu for weekend and holiday shifts (DOMAIN.md): the shift's weekend and
 * holiday hours times 1.25 when the IM was not paged during it, times 2 when they were
 * (both configurable).
 * <p>
 * Weekends and holidays are the person's own, as everywhere else: {@link WorkCalendar}
 * (Saturday and Sunday in their time zone, the public holidays of their region; a holiday
 * on a weekend counts once, as weekend). Only the weekend or holiday part of a shift
 * earns time in lieu. Plain Java, no Spring.
 */
public final class TimeInLieu {

	/** The multipliers, e.g. 1.25 when not paged and 2 when paged. */
	public record Multipliers(double notPaged, double paged) {
	}

	private final Multipliers multipliers;

	public TimeInLieu(Multipliers multipliers) {
		this.multipliers = multipliers;
	}

	/** Totals per person, in the order people first appear in {@code shifts}. */
	public Map<Long, PersonHours> tally(List<OnCallShift> shifts, LongFunction<WorkCalendar> calendarOf) {
		Map<Long, PersonHours> totals = new LinkedHashMap<>();
		for (OnCallShift shift : shifts) {
			totals.merge(shift.personId(), hoursOf(shift, calendarOf.apply(shift.personId())), PersonHours::plus);
		}
		return totals;
	}

	public PersonHours hoursOf(OnCallShift shift, WorkCalendar calendar) {
		WorkCalendar.Hours off = calendar.hours(shift.start(), shift.end());
		double multiplier = shift.paged() ? this.multipliers.paged() : this.multipliers.notPaged();
		double weekend = off.weekendHours();
		double holiday = off.holidayHours();
		return new PersonHours(shift.personId(), 1, shift.paged() ? 1 : 0,
				Duration.between(shift.start(), shift.end()).toMillis() / 3_600_000.0, weekend, holiday,
				(weekend + holiday) * multiplier);
	}

}
