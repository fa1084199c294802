package com.example.imoc.schedule.planning;

import java.time.Duration;
import java.time.Instant;

import org.springframework.modulith.NamedInterface;

import com.example.imoc.people.WorkCalendar;

/**
 * The one fairness load formula. Every place that weighs someone's on-call load uses it:
 * the assigner's hot loop ({@code Assigner}'s score) and the reason it writes on each
 * shift, the prior load {@code ScheduleMaintenance} hands the assigner, the fairness
 * table of the rotation settings, the swap preview, the schedule health report and the
 * year-long simulation.
 *
 * <ul>
 * <li><b>Hours</b>: the shift's length, times its fairness weight when a volunteer took
 * it on a special coverage day ({@link #volunteered}).</li>
 * <li><b>Weekend and holiday hours</b>: the part of those hours on a Saturday or Sunday,
 * or a public holiday of the person's region, in the person's own zone
 * ({@link WorkCalendar}, the one definition). Each such hour weighs
 * {@link #WEEKEND_WEIGHT} (an hour is one or the other, never both).</li>
 * <li><b>Weighted hours</b> ({@link #weightedHours()}): hours + (weight − 1) × (weekend +
 * holiday hours), the figure the reports compare and the assigner evens out.</li>
 * <li><b>Shifts</b>: how many shifts the load is made of, for the reports; the assigner
 * does not compare it. Until issue 14's 80-person year it added 48 hours of "disruption"
 * per shift to the assigner's score, which evened out the number of shifts across 4- and
 * 6-hour slots instead of the hours: the 6-hour-slot people ended the year 20–40 weighted
 * hours above the 4-hour-slot people with fewer blocks. The score is now the weighted
 * hours alone ({@link #scoreMinutes()}).</li>
 * <li><b>Fade</b>: hours held before the planning origin count fully at the origin and
 * fade out linearly over the fairness window as planning moves away from it
 * ({@link #fade}).</li>
 * </ul>
 * The hot loop calls {@link #scoreMinutes(long, long, long, double)} on plain seconds;
 * the {@code Duration} form gives the same number.
 */
@NamedInterface("fairness")
public record FairnessLoad(Duration onCall, Duration weekend, Duration holiday, double shifts) {

	/** How much a weekend or holiday hour weighs against an ordinary one. */
	public static final double WEEKEND_WEIGHT = 1.5;

	/**
	 * {@link #WEEKEND_WEIGHT} − 1 as an integer fraction, for the assigner's integer
	 * arithmetic: the extra weight of a weekend minute is
	 * {@code minutes * EXTRA_NUMERATOR
	 * / EXTRA_DENOMINATOR}.
	 */
	static final long EXTRA_NUMERATOR = 1;

	static final long EXTRA_DENOMINATOR = 2;

	public static final FairnessLoad NONE = new FairnessLoad(Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);

	static {
		if ((double) EXTRA_NUMERATOR / EXTRA_DENOMINATOR != WEEKEND_WEIGHT - 1) {
			throw new ExceptionInInitializerError("the integer weekend weight disagrees with WEEKEND_WEIGHT");
		}
	}

	/**
	 * The load of one shift of {@code person}'s calendar, weighted by {@code weight} (1,
	 * or the special coverage day weight a volunteer's shift stores).
	 */
	public static FairnessLoad ofShift(WorkCalendar calendar, Instant start, Instant end, double weight) {
		WorkCalendar.Hours off = calendar.hours(start, end);
		return new FairnessLoad(volunteered(Duration.between(start, end), weight), off.weekend(), off.holiday(), 1);
	}

	/** Hours times a shift's fairness weight, to the second. */
	public static Duration volunteered(Duration hours, double weight) {
		return weight == 1.0 ? hours : Duration.ofSeconds(Math.round(hours.toSeconds() * weight));
	}

	public FairnessLoad plus(FairnessLoad other) {
		return new FairnessLoad(this.onCall.plus(other.onCall), this.weekend.plus(other.weekend),
				this.holiday.plus(other.holiday), this.shifts + other.shifts);
	}

	/**
	 * This load as it counts {@code remaining} seconds before the end of a window of
	 * {@code window} seconds: prior load faded, its shift count converted at the
	 * rotation's mean slot length (prior history may arrive as hours only).
	 */
	FairnessLoad faded(long remaining, long window, long meanSlotSeconds) {
		Duration onCall = Duration.ofSeconds(fade(this.onCall.toSeconds(), remaining, window));
		return new FairnessLoad(onCall, Duration.ofSeconds(fade(this.weekend.toSeconds(), remaining, window)),
				Duration.ofSeconds(fade(this.holiday.toSeconds(), remaining, window)),
				(double) onCall.toSeconds() / meanSlotSeconds);
	}

	/** Linear fade: {@code seconds × remaining / window}, rounded down. */
	static long fade(long seconds, long remaining, long window) {
		return seconds * remaining / window;
	}

	/** Hours + (weight − 1) × (weekend + holiday hours), in hours. */
	public double weightedHours() {
		return weightedHours(this.onCall.toSeconds() / 3600.0, this.weekend.toSeconds() / 3600.0,
				this.holiday.toSeconds() / 3600.0);
	}

	/**
	 * The weighted hours of {@code hours} (already times any volunteer weight) of which
	 * {@code weekendHours} and {@code holidayHours} fell on a weekend or holiday.
	 */
	public static double weightedHours(double hours, double weekendHours, double holidayHours) {
		return hours + (WEEKEND_WEIGHT - 1) * (weekendHours + holidayHours);
	}

	/**
	 * What the assigner compares: the weighted hours, in minutes, whatever the number of
	 * shifts they come in, so that loads even out in hours across slots of different
	 * lengths.
	 */
	public long scoreMinutes() {
		return scoreMinutes(this.onCall.toSeconds(), this.weekend.toSeconds(), this.holiday.toSeconds());
	}

	/**
	 * {@link #scoreMinutes()} on plain seconds, for the assigner's hot loop: whole
	 * minutes of each part (rounded down), the weekend and holiday extra rounded down.
	 */
	static long scoreMinutes(long onCallSeconds, long weekendSeconds, long holidaySeconds) {
		return onCallSeconds / 60 + (weekendSeconds / 60) * EXTRA_NUMERATOR / EXTRA_DENOMINATOR
				+ (holidaySeconds / 60) * EXTRA_NUMERATOR / EXTRA_DENOMINATOR;
	}

}
