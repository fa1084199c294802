package com.example.imoc.people;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EligibilityTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 27);

	private final EligibilityPolicy policy = EligibilityPolicy.defaults();

	private Eligibility check(JobTitle title, int grade, LocalDate start, boolean optedIn, boolean approved,
			boolean fastOncall) {
		return Eligibility.of(title, grade, start, true, OnboardingState.ACTIVE, fastOncall, optedIn, approved,
				this.policy, TODAY);
	}

	@Test
	void engineeringManagersAtGradeEightWithTenureAreEligible() {
		Eligibility e = check(JobTitle.BACKEND_ENGINEERING_MANAGER, 8, TODAY.minusYears(1), false, false, false);
		assertThat(e.eligible()).isTrue();
		assertThat(e.reason()).contains("grade 8");
	}

	@Test
	void newJoinersWaitThreeMonthsAndAreToldHowLongTheyHaveBeenHere() {
		Eligibility e = check(JobTitle.BACKEND_ENGINEERING_MANAGER, 8, TODAY.minusMonths(2), false, false, false);
		assertThat(e.eligible()).isFalse();
		assertThat(e.reason()).isEqualTo("joined 2 months ago (needs 3)");
	}

	@Test
	void directorsAreOptInOnly() {
		assertThat(check(JobTitle.DIRECTOR_OF_ENGINEERING, 10, TODAY.minusYears(3), false, false, false))
			.isEqualTo(new Eligibility(false, "grade 10: opt-in only"));
		assertThat(check(JobTitle.DIRECTOR_OF_ENGINEERING, 10, TODAY.minusYears(3), true, false, false).eligible())
			.isTrue();
	}

	@Test
	void seniorEngineersNeedTheirManagersApproval() {
		assertThat(check(JobTitle.SENIOR_ENGINEER, 7, TODAY.minusYears(3), false, false, false).reason())
			.isEqualTo("senior engineer: needs manager approval");
		assertThat(check(JobTitle.SENIOR_ENGINEER, 7, TODAY.minusYears(3), false, true, false).eligible()).isTrue();
	}

	@Test
	void someoneOnAFastResponseOnCallIsNotAddedToAnother() {
		Eligibility e = check(JobTitle.STAFF_ENGINEER, 9, TODAY.minusYears(3), false, false, true);
		assertThat(e.eligible()).isFalse();
		assertThat(e.reason()).contains("under 15 minutes");
	}

	@Test
	void gradesOutsideThePoolAreRefusedWithTheRule() {
		Eligibility e = check(JobTitle.SITE_RELIABILITY_ENGINEER, 7, TODAY.minusYears(3), false, false, false);
		assertThat(e.eligible()).isFalse();
		assertThat(e.reason()).isEqualTo("grade 7: the rotation takes grades 8/9");
	}

	@Test
	void offboardedAndInactivePeopleAreOut() {
		assertThat(Eligibility.of(JobTitle.BACKEND_ENGINEERING_MANAGER, 8, TODAY.minusYears(3), true,
				OnboardingState.OFFBOARDED, false, false, false, this.policy, TODAY))
			.isEqualTo(new Eligibility(false, "offboarded"));
		assertThat(Eligibility.of(JobTitle.BACKEND_ENGINEERING_MANAGER, 8, TODAY.minusYears(3), false,
				OnboardingState.ACTIVE, false, false, false, this.policy, TODAY))
			.isEqualTo(new Eligibility(false, "inactive"));
	}

	@Test
	void tenureIsReachedOnTheSameDayOfTheMonthThreeMonthsLaterClampedToShorterMonths() {
		LocalDate endOfJanuary = LocalDate.of(2026, 1, 31);
		assertThat(Eligibility.tenureReached(endOfJanuary, this.policy)).isEqualTo(LocalDate.of(2026, 4, 30));
		assertThat(Eligibility.tenureReached(LocalDate.of(2025, 11, 30), this.policy))
			.isEqualTo(LocalDate.of(2026, 2, 28));
		assertThat(Eligibility.tenureReached(LocalDate.of(2027, 11, 30), this.policy))
			.isEqualTo(LocalDate.of(2028, 2, 29));
		assertThat(Eligibility.tenureReached(LocalDate.of(2026, 3, 15), this.policy))
			.isEqualTo(LocalDate.of(2026, 6, 15));
		assertThat(onDay(endOfJanuary, LocalDate.of(2026, 4, 29)))
			.isEqualTo(new Eligibility(false, "joined 2 months ago (needs 3)"));
		assertThat(onDay(endOfJanuary, LocalDate.of(2026, 4, 30)).eligible()).as("31 Jan + 3 months = 30 April")
			.isTrue();
	}

	@Test
	void someoneShortOfTenureIsEligibleFromTheDayTheyReachIt() {
		Person newcomer = person(TODAY.plusDays(10).minusMonths(3));
		assertThat(newcomer.eligibility(this.policy, TODAY).eligible()).isFalse();
		assertThat(newcomer.eligibleFrom(this.policy, TODAY)).contains(TODAY.plusDays(10));
		assertThat(newcomer.eligibility(this.policy, TODAY.plusDays(9)).eligible()).isFalse();
		assertThat(newcomer.eligibility(this.policy, TODAY.plusDays(10)).eligible()).isTrue();
		for (int day = 0; day < 40; day++) {
			LocalDate today = TODAY.plusDays(day);
			assertThat(newcomer.eligibleFrom(this.policy, today)).as("asked on %s", today)
				.contains(day < 10 ? TODAY.plusDays(10) : today);
		}
	}

	@Test
	void someoneKeptOutByAnotherRuleHasNoEligibleDayEvenAfterTheirTenure() {
		Person newcomer = person(TODAY.minusMonths(1));
		newcomer.setOnFastOncall(true);
		assertThat(newcomer.eligibleFrom(this.policy, TODAY)).isEmpty();
		Person veteran = person(TODAY.minusYears(2));
		assertThat(veteran.eligibleFrom(this.policy, TODAY)).contains(TODAY);
	}

	private Eligibility onDay(LocalDate start, LocalDate day) {
		return Eligibility.of(JobTitle.BACKEND_ENGINEERING_MANAGER, 8, start, true, OnboardingState.ACTIVE, false,
				false, false, this.policy, day);
	}

	private static Person person(LocalDate start) {
		return new Person("New Starter", "new.starter@example.com", JobTitle.BACKEND_ENGINEERING_MANAGER, 8,
				ZoneId.of("UTC"), Region.EMEA, start);
	}

	@Test
	void thePolicyIsDataNotCode() {
		EligibilityPolicy strict = new EligibilityPolicy(12, Set.of(9), Set.of());
		Eligibility e = Eligibility.of(JobTitle.BACKEND_ENGINEERING_MANAGER, 8, TODAY.minusMonths(6), true,
				OnboardingState.ACTIVE, false, false, false, strict, TODAY);
		assertThat(e.reason()).isEqualTo("joined 6 months ago (needs 12)");
	}

}
