package com.example.imoc.people;

import java.time.LocalDate;
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
	void thePolicyIsDataNotCode() {
		EligibilityPolicy strict = new EligibilityPolicy(12, Set.of(9), Set.of());
		Eligibility e = Eligibility.of(JobTitle.BACKEND_ENGINEERING_MANAGER, 8, TODAY.minusMonths(6), true,
				OnboardingState.ACTIVE, false, false, false, strict, TODAY);
		assertThat(e.reason()).isEqualTo("joined 6 months ago (needs 12)");
	}

}
