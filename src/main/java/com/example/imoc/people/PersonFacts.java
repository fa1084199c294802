package com.example.imoc.people;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * What planning reads about a person, without the entity: the facts eligibility, layers,
 * preferences and calendars are decided on, read in one statement for many people
 * ({@link Roster#facts}). Nothing here is managed, so a transaction that reads a thousand
 * of them has nothing to check at commit.
 */
public record PersonFacts(long id, String name, JobTitle jobTitle, int grade, ZoneId zone, Region region,
		LocalDate startDate, boolean weekdaysOnly, List<String> preferredSlots, OnboardingState onboardingState,
		boolean onFastOncall, boolean optedIn, boolean managerApproved, boolean active) {

	/** As {@link Person#eligibility}. */
	public Eligibility eligibility(EligibilityPolicy policy, LocalDate day) {
		return Eligibility.of(this.jobTitle, this.grade, this.startDate, this.active, this.onboardingState,
				this.onFastOncall, this.optedIn, this.managerApproved, policy, day);
	}

	/** As {@link Person#eligibleFrom}. */
	public Optional<LocalDate> eligibleFrom(EligibilityPolicy policy, LocalDate today) {
		return Eligibility.firstDay(day -> eligibility(policy, day), this.startDate, policy, today);
	}

}
