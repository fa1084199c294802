package com.example.imoc.people;

import java.time.LocalDate;
import java.time.Period;

/**
 * Whether someone may hold IMOC shifts, and the reason in words a person can read.
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
		Period tenure = Period.between(startDate, today);
		long months = tenure.toTotalMonths();
		if (months < policy.minTenureMonths()) {
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

	private static String describe(EligibilityPolicy policy) {
		return policy.grades().stream().sorted().map(String::valueOf).reduce((a, b) -> a + "/" + b).orElse("none");
	}

}
