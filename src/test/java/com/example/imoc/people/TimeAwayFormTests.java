package com.example.imoc.people;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Errors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How far ahead time away may be entered moves with the day the form is sent: three years
 * from today, day by day.
 */
class TimeAwayFormTests {

	private static Errors check(String first, String last, LocalDate today) {
		TimeAwayForm form = new TimeAwayForm();
		form.setKind("pto");
		form.setFirst(first);
		form.setLast(last);
		Errors errors = new BeanPropertyBindingResult(form, "form");
		form.check(errors, today);
		return errors;
	}

	@Test
	void theLatestDayAcceptedMovesWithToday() {
		LocalDate today = LocalDate.of(2026, 12, 30);
		for (int day = 0; day < 5; day++) {
			LocalDate limit = today.plusYears(3);
			assertThat(check(limit.toString(), limit.toString(), today).hasErrors()).as("%s on %s", limit, today)
				.isFalse();
			String tooFar = limit.plusDays(1).toString();
			Errors errors = check(today.toString(), tooFar, today);
			assertThat(errors.getFieldErrorCount("last")).as("%s on %s", tooFar, today).isOne();
			assertThat(errors.getFieldError("last").getDefaultMessage())
				.isEqualTo("Enter a day between 2000 and 3 years from now.");
			assertThat(errors.hasFieldErrors("first")).isFalse();
			today = today.plusDays(1);
		}
	}

	@Test
	void daysBefore2000AndDaysThatDoNotExistAreRejectedOnTheirField() {
		LocalDate today = LocalDate.of(2026, 6, 1);
		Errors errors = check("1999-12-31", "2026-02-29", today);
		assertThat(errors.getFieldError("first").getCode()).isEqualTo("range");
		assertThat(errors.getFieldError("last").getCode()).isEqualTo("format");
		assertThat(check("2000-01-01", "2000-01-01", today).hasErrors()).isFalse();
	}

	@Test
	void theLastDayMayBeTheFirstButNotBeforeIt() {
		LocalDate today = LocalDate.of(2026, 6, 1);
		assertThat(check("2026-07-01", "2026-07-01", today).hasErrors()).isFalse();
		Errors errors = check("2026-07-02", "2026-07-01", today);
		assertThat(errors.getFieldError("last").getDefaultMessage())
			.isEqualTo("The last day must be on or after the first day.");
		assertThat(check("", "", today).getFieldErrorCount()).isEqualTo(2);
	}

}
