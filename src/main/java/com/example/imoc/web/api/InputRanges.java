package com.example.imoc.web.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The dates the app accepts from outside: years 1970 to 9999. Wider than any schedule,
 * incident or report needs, and well inside what java.time and PostgreSQL can hold, so a
 * date that passes never fails deeper down (a year of -999999999 used to reach PostgreSQL
 * as "timestamp out of range", a 500). Forms may be stricter (incidents before 2000, time
 * away within three years); this is the floor every date, instant and month parameter is
 * held to.
 */
public final class InputRanges {

	public static final LocalDate FIRST_DAY = LocalDate.of(1970, 1, 1);

	public static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

	/** The sentence a refusal ends with. */
	public static final String RANGE = "between 1970 and 9999";

	private InputRanges() {
	}

	public static boolean accepts(LocalDate date) {
		return date != null && !date.isBefore(FIRST_DAY) && !date.isAfter(LAST_DAY);
	}

	public static boolean accepts(YearMonth month) {
		return month != null && accepts(month.atDay(1));
	}

	public static boolean accepts(Instant instant) {
		return instant != null && !instant.isBefore(FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant())
				&& instant.isBefore(LAST_DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
	}

}
