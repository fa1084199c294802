package com.example.imoc.incident.lieu;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Time in lieu for weekend and holiday shifts (DOMAIN.md): the shift's weekend and holiday hours times 1.25 when the
 * IM was not paged during it, times 2 when they were (both configurable).
 * <p>
 * Weekends and holidays are the person's own: a shift is cut at midnight in their time zone, and each piece counts
 * as weekend when its local date is a Saturday or Sunday, as holiday when its local date is a holiday of their region.
 * Only the weekend or holiday part of a shift earns time in lieu. Plain Java, no Spring.
 */
public final class TimeInLieu {

	/** The multipliers, e.g. 1.25 when not paged and 2 when paged. */
	public record Multipliers(double notPaged, double paged) {
	}

	/** Where a person lives, for their weekends, and their region's holidays. */
	public record Calendar(ZoneId zone, Set<LocalDate> holidays) {
	}

	private final Multipliers multipliers;

	public TimeInLieu(Multipliers multipliers) {
		this.multipliers = multipliers;
	}

	/** Totals per person, in the order people first appear in {@code shifts}. */
	public Map<Long, PersonHours> tally(List<OnCallShift> shifts, LongFunction<Calendar> calendarOf) {
		Map<Long, PersonHours> totals = new LinkedHashMap<>();
		for (OnCallShift shift : shifts) {
			totals.merge(shift.personId(), hoursOf(shift, calendarOf.apply(shift.personId())), PersonHours::plus);
		}
		return totals;
	}

	public PersonHours hoursOf(OnCallShift shift, Calendar calendar) {
		double weekend = 0;
		double holiday = 0;
		Instant from = shift.start();
		while (from.isBefore(shift.end())) {
			LocalDate day = from.atZone(calendar.zone()).toLocalDate();
			Instant midnight = day.plusDays(1).atStartOfDay(calendar.zone()).toInstant();
			Instant to = midnight.isBefore(shift.end()) ? midnight : shift.end();
			double hours = hours(from, to);
			if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
				weekend += hours;
			}
			else if (calendar.holidays().contains(day)) {
				holiday += hours;
			}
			from = to;
		}
		double multiplier = shift.paged() ? this.multipliers.paged() : this.multipliers.notPaged();
		return new PersonHours(shift.personId(), 1, shift.paged() ? 1 : 0, hours(shift.start(), shift.end()), weekend,
				holiday, (weekend + holiday) * multiplier);
	}

	private static double hours(Instant from, Instant to) {
		return Duration.between(from, to).toMillis() / 3_600_000.0;
	}

}
