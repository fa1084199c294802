package com.example.imoc.people;

import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;
import java.util.function.Function;

/**
 * Whether someone may hold IMOC shifts on a given day, and the reason in words a person
 * can read. Only tenure depends on the day (see {@link #tenureReached}); the other rules
 * are facts about the person now, which the roster's change events re-check (a repair
 * follows every change).
 */
public record Eligibility(boolean eligible, String reason) {

	static Eligibility yes(String reason) {
		return new Eligibility(true, reason);
	}

	static Eligibility no(String reason) {
		return new Eligibility(false, reason);
	}

	/**
	 * Applies the rules in order of what is most useful to hear first.
	 */
	public static Eligibility of(JobTitle title, int grade, LocalDate startDate, boolean active,
			OnboardingState onboarding, boolean onFastOncall, boolean optedIn, boolean managerApproved,
			EligibilityPolicy policy, LocalDate today) {
		if (!active) {
			return no("inactive");
		}
		if (onboarding == OnboardingState.OFFBOARDED) {
			return no("offboarded");
		}
		if (title == JobTitle.ROTATION_COORDINATOR) {
			return no("coordinates the rotation");
		}
		if (today.isBefore(tenureReached(startDate, policy))) {
			long months = Period.between(startDate, today).toTotalMonths();
			return no("joined " + (months == 1 ? "1 month" : months + " months") + " ago (needs "
					+ policy.minTenureMonths() + ")");
		}
		if (onFastOncall) {
			return no("already on an on-call with a response time under 15 minutes");
		}
		if (policy.optInGrades().contains(grade)) {
			return optedIn ? yes("grade " + grade + ": opted in") : no("grade " + grade + ": opt-in only");
		}
		if (title == JobTitle.SENIOR_ENGINEER) {
			return managerApproved ? yes("senior engineer with manager approval")
					: no("senior engineer: needs manager approval");
		}
		if (!policy.grades().contains(grade)) {
			return no("grade " + grade + ": the rotation takes grades " + describe(policy));
		}
		if (!title.isEngineeringManager() && title != JobTitle.STAFF_ENGINEER) {
			return no(title.label() + " is not in the IMOC pool");
		}
		return yes("grade " + grade + " " + title.label());
	}

	/**
	 * The first day someone has the tenure the policy asks for: the start date plus
	 * {@code minTenureMonths} calendar months, with {@link LocalDate#plusMonths}'
	 * clamping to the end of a shorter month. So a start on 31 January with three months'
	 * tenure is eligible on 30 April (not 1 May), a start on 30 November on 28 February
	 * (29 in a leap year), and any other start on the same day of the month three months
	 * later. Judging by {@link Period#toTotalMonths()} instead would say a 31 January
	 * starter is still short on 30 April (2 months 30 days), disagreeing with this date
	 * by a day at month ends; everything (the roster page, the assigner, swaps) uses this
	 * one date.
	 */
	public static LocalDate tenureReached(LocalDate startDate, EligibilityPolicy policy) {
		return startDate.plusMonths(policy.minTenureMonths());
	}

	/**
	 * The first day from {@code today} on which someone may hold shifts as things stand:
	 * today when eligible now, the day they reach the tenure rule when that is all they
	 * lack, empty when another rule keeps them out. {@code on} judges them on a day (the
	 * entity's {@link Person#eligibility} or the read-only {@link PersonFacts}'s).
	 */
	static Optional<LocalDate> firstDay(Function<LocalDate, Eligibility> on, LocalDate startDate,
			EligibilityPolicy policy, LocalDate today) {
		if (on.apply(today).eligible()) {
			return Optional.of(today);
		}
		LocalDate tenure = tenureReached(startDate, policy);
		return tenure.isAfter(today) && on.apply(tenure).eligible() ? Optional.of(tenure) : Optional.empty();
	}

	private static String describe(EligibilityPolicy policy) {
		return policy.grades().stream().sorted().map(String::valueOf).reduce((a, b) -> a + "/" + b).orElse("none");
	}

}
