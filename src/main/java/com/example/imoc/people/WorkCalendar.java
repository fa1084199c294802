package com.example.imoc.people;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;

/**
 * The one definition of weekend and holiday work: a person's own calendar, their IANA
 * time zone and the public holidays of their region. A stretch of time is cut at each
 * local midnight of that zone; a piece whose local date is a Saturday or Sunday is
 * <b>weekend</b>, a piece whose local date is one of the holidays (and not a Saturday or
 * Sunday: a holiday on a weekend counts once, as weekend) is <b>holiday</b>.
 * <p>
 * Every figure that speaks of weekend or holiday load uses this class: the assigner's
 * hard rules (weekdays-only people, layers) and score, the prior load it reads from
 * history, the fairness table, the swap preview and time in lieu. Plain Java, immutable
 * and allocation-light, because the assigner calls it for every booking.
 */
public final class WorkCalendar {

	/**
	 * Bit {@code 1 << DayOfWeek.ordinal()} for Saturday and Sunday, as
	 * {@link #daysTouched} reports them.
	 */
	public static final int WEEKEND_DAYS = dayBit(DayOfWeek.SATURDAY) | dayBit(DayOfWeek.SUNDAY);

	/** UTC without holidays: the calendar of nobody in particular. */
	public static final WorkCalendar UTC = new WorkCalendar(ZoneOffset.UTC, Set.of());

	private final ZoneId zone;

	private final Set<LocalDate> holidays;

	private WorkCalendar(ZoneId zone, Set<LocalDate> holidays) {
		this.zone = zone;
		this.holidays = holidays;
	}

	public static WorkCalendar of(ZoneId zone, Collection<LocalDate> holidays) {
		return new WorkCalendar(Objects.requireNonNull(zone, "zone"), Set.copyOf(holidays));
	}

	/**
	 * Weekend and holiday time within a stretch; {@code weekend} and {@code holiday}
	 * never overlap.
	 */
	public record Hours(Duration weekend, Duration holiday) {

		public static final Hours NONE = new Hours(Duration.ZERO, Duration.ZERO);

		public Hours plus(Hours other) {
			return new Hours(this.weekend.plus(other.weekend), this.holiday.plus(other.holiday));
		}

		public double weekendHours() {
			return this.weekend.toMillis() / 3_600_000.0;
		}

		public double holidayHours() {
			return this.holiday.toMillis() / 3_600_000.0;
		}

	}

	public ZoneId zone() {
		return this.zone;
	}

	public boolean isWeekend(LocalDate day) {
		return (dayBit(day.getDayOfWeek()) & WEEKEND_DAYS) != 0;
	}

	/** The weekend and holiday parts of {@code [start, end)}. */
	public Hours hours(Instant start, Instant end) {
		long weekendSeconds = 0;
		int weekendNanos = 0;
		long holidaySeconds = 0;
		int holidayNanos = 0;
		Instant from = start;
		while (from.isBefore(end)) {
			LocalDate day = LocalDate.ofInstant(from, this.zone);
			Instant midnight = day.plusDays(1).atStartOfDay(this.zone).toInstant();
			Instant to = midnight.isBefore(end) ? midnight : end;
			if (isWeekend(day)) {
				Duration piece = Duration.between(from, to);
				weekendSeconds += piece.getSeconds();
				weekendNanos += piece.getNano();
			}
			else if (this.holidays.contains(day)) {
				Duration piece = Duration.between(from, to);
				holidaySeconds += piece.getSeconds();
				holidayNanos += piece.getNano();
			}
			from = to;
		}
		if (weekendSeconds == 0 && weekendNanos == 0 && holidaySeconds == 0 && holidayNanos == 0) {
			return Hours.NONE;
		}
		return new Hours(Duration.ofSeconds(weekendSeconds, weekendNanos),
				Duration.ofSeconds(holidaySeconds, holidayNanos));
	}

	/**
	 * The local days of the week that {@code [start, end)} has time on, as bits
	 * {@code 1 << DayOfWeek.ordinal()}: the same cutting at local midnight as
	 * {@link #hours}, so a stretch has weekend hours exactly when this includes
	 * {@link #WEEKEND_DAYS}. An empty stretch touches no day.
	 */
	public int daysTouched(Instant start, Instant end) {
		int days = 0;
		Instant from = start;
		while (from.isBefore(end)) {
			LocalDate day = LocalDate.ofInstant(from, this.zone);
			days |= dayBit(day.getDayOfWeek());
			from = day.plusDays(1).atStartOfDay(this.zone).toInstant();
		}
		return days;
	}

	public static int dayBit(DayOfWeek day) {
		return 1 << day.ordinal();
	}

	/** The bits of {@code days}, as {@link #daysTouched} reports them. */
	public static int dayBits(Collection<DayOfWeek> days) {
		int bits = 0;
		for (DayOfWeek day : days) {
			bits |= dayBit(day);
		}
		return bits;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof WorkCalendar that && this.zone.equals(that.zone) && this.holidays.equals(that.holidays);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.zone, this.holidays);
	}

	@Override
	public String toString() {
		return "WorkCalendar[" + this.zone + ", " + this.holidays.size() + " holidays]";
	}

}
