package com.example.imoc.schedule.planning;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A newcomer's credit for the part of the fairness window before they joined, at the rate
 * the members carried it.
 */
class JoinCreditTests {

	private static final Instant WINDOW_START = Instant.parse("2027-01-01T00:00:00Z");

	private static final Instant UNTIL = WINDOW_START.plus(Duration.ofDays(100));

	private static FairnessLoad hours(long onCall, long weekend) {
		return new FairnessLoad(Duration.ofHours(onCall), Duration.ofHours(weekend), Duration.ZERO, 0);
	}

	@Test
	void aNewcomerHalfwayThroughTheWindowIsCreditedHalfAMembersLoadAtTheMembersRate() {
		Map<Long, Instant> joined = new HashMap<>();
		joined.put(1L, null);
		joined.put(2L, null);
		joined.put(3L, WINDOW_START.plus(Duration.ofDays(50)));
		// Members 1 and 2 carried 100 h each over 100 days; 3 carried 40 h in their 50.
		Map<Long, FairnessLoad> prior = Map.of(1L, hours(100, 20), 2L, hours(100, 20), 3L, hours(40, 10));

		Map<Long, FairnessLoad> credit = JoinCredit.of(joined, prior, WINDOW_START, UNTIL);

		// 240 h over 250 member-days: 0.96 h a day, times the 50 days 3 was not there.
		assertThat(credit).containsOnlyKeys(3L);
		assertThat(credit.get(3L).onCall()).isEqualTo(Duration.ofMinutes(Math.round(240 * 60 * 50 / 250.0)));
		assertThat(credit.get(3L).weekend()).isEqualTo(Duration.ofMinutes(Math.round(50 * 60 * 50 / 250.0)));
	}

	@Test
	void someoneWhoJoinsAtTheOriginIsCreditedAWholeMembersMean() {
		Map<Long, Instant> joined = new HashMap<>();
		joined.put(1L, null);
		joined.put(2L, null);
		joined.put(3L, UNTIL.plus(Duration.ofDays(3)));

		Map<Long, FairnessLoad> credit = JoinCredit.of(joined, Map.of(1L, hours(90, 0), 2L, hours(110, 0)),
				WINDOW_START, UNTIL);

		assertThat(credit.get(3L).onCall()).isEqualTo(Duration.ofHours(100));
	}

	@Test
	void peopleWhoJoinedTogetherGetNothingOverEachOtherAndAreCountedFromTheirJoining() {
		Instant founded = WINDOW_START.plus(Duration.ofDays(60));
		Map<Long, Instant> joined = Map.of(1L, founded, 2L, founded, 3L, founded.plus(Duration.ofDays(20)));
		Map<Long, FairnessLoad> prior = Map.of(1L, hours(30, 0), 2L, hours(30, 0), 3L, hours(10, 0));

		Map<Long, FairnessLoad> credit = JoinCredit.of(joined, prior, WINDOW_START, UNTIL);

		// Counted from the founding (day 60), not the window's start: 70 h over 40 + 40 +
		// 20 member-days, times the 20 days 3 joined later.
		assertThat(credit).containsOnlyKeys(3L);
		assertThat(credit.get(3L).onCall()).isEqualTo(Duration.ofHours(14));
		assertThat(JoinCredit.of(Map.of(1L, founded, 2L, founded), prior, WINDOW_START, UNTIL)).isEmpty();
	}

	@Test
	void noWindowOrNoMembersMeansNoCredit() {
		assertThat(JoinCredit.of(Map.of(1L, UNTIL), Map.of(), UNTIL, UNTIL)).isEmpty();
		assertThat(JoinCredit.of(Map.of(), Map.of(), WINDOW_START, UNTIL)).isEmpty();
		Map<Long, Instant> onlyNewcomers = Map.of(1L, UNTIL, 2L, UNTIL);
		assertThat(JoinCredit.of(onlyNewcomers, Map.of(), WINDOW_START, UNTIL)).isEmpty();
	}

}
