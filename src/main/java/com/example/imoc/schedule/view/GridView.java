package com.example.imoc.schedule.view;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Optional;

/**
 * How much of a rotation's schedule one page shows: a week, four weeks (both from a
 * Monday), or a month as a calendar. The query parameter {@code view} names it.
 */
public enum GridView {

	WEEK("week", "Week"), FOUR_WEEKS("4weeks", "Four weeks"), MONTH("month", "Month");

	private final String param;

	private final String label;

	GridView(String param, String label) {
		this.param = param;
		this.label = label;
	}

	/** The value of the {@code view} query parameter. */
	public String param() {
		return this.param;
	}

	public String label() {
		return this.label;
	}

	public static Optional<GridView> of(String param) {
		return Arrays.stream(values()).filter(v -> v.param.equals(param)).findFirst();
	}

	/** The first day shown for a page asked to show {@code day}. */
	public LocalDate firstDay(LocalDate day) {
		return this == MONTH ? day.withDayOfMonth(1) : day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
	}

	/** The first day of the page after the one starting on {@code first}. */
	public LocalDate next(LocalDate first) {
		return switch (this) {
			case WEEK -> first.plusWeeks(1);
			case FOUR_WEEKS -> first.plusWeeks(4);
			case MONTH -> first.plusMonths(1);
		};
	}

	/** The first day of the page before the one starting on {@code first}. */
	public LocalDate previous(LocalDate first) {
		return switch (this) {
			case WEEK -> first.minusWeeks(1);
			case FOUR_WEEKS -> first.minusWeeks(4);
			case MONTH -> first.minusMonths(1);
		};
	}

	/**
	 * The days the page lays out, [first row's Monday, end): a month calendar is filled
	 * out to whole weeks, Monday to Sunday.
	 */
	LocalDate gridStart(LocalDate first) {
		return this == MONTH ? first.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : first;
	}

	LocalDate gridEnd(LocalDate first) {
		return this == MONTH ? next(first).minusDays(1).with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY)).plusDays(1)
				: next(first);
	}

}
