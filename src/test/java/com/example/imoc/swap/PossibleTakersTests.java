package com.example.imoc.swap;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.example.imoc.ExternalApiTest;
import com.example.imoc.MutableClock;
import com.example.imoc.people.PersonFacts;
import com.example.imoc.people.TimeAway;
import com.example.imoc.people.Unavailability;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.swap.SwapFixtures.Planned;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may take a shift (an open cover's notices, the cover form): time away is looked up
 * per person, so only the taker's own time away that overlaps the shift keeps them out.
 * Checked on several simulated days, each with another shift.
 */
class PossibleTakersTests extends ExternalApiTest {

	@Autowired
	SwapFixtures fixtures;

	@Autowired
	Swaps swaps;

	@Autowired
	SwapRules rules;

	@Autowired
	TimeAway timeAway;

	@Autowired
	MutableClock clock;

	@AfterEach
	void backToNow() {
		this.clock.set(Instant.now());
	}

	@Test
	void onlyTheTakersOwnTimeAwayDuringTheShiftKeepsThemOutOnEachOfThreeDays() {
		this.clock.set(Instant.now());
		Planned planned = this.fixtures.planned(10, 5);
		for (int day = 0; day < 3; day++) {
			this.clock.set(Instant.now().plus(Duration.ofDays(day)));
			ShiftView shift = this.fixtures.swappable(planned.rotation()).get(4 + 3 * day);
			List<PersonFacts> before = takers(shift);
			assertThat(before).as("day %d: someone may take %s", day, shift).hasSizeGreaterThan(2);
			PersonFacts away = before.get(0);
			PersonFacts elsewhere = before.get(1);

			// Time away a week after the shift keeps nobody out.
			LocalDate later = LocalDate.ofInstant(shift.end(), away.zone()).plusDays(7);
			this.timeAway.seed(away.id(), Unavailability.Kind.PTO, later, later.plusDays(2), "test");
			assertThat(ids(takers(shift))).as("day %d: time away later", day).isEqualTo(ids(before));

			// Time away over the shift keeps out that person only.
			LocalDate first = LocalDate.ofInstant(shift.start(), away.zone()).minusDays(1);
			LocalDate last = LocalDate.ofInstant(shift.end(), away.zone()).plusDays(1);
			this.timeAway.seed(away.id(), Unavailability.Kind.SICK, first, last, "test");
			List<Long> expected = new ArrayList<>(ids(before));
			expected.remove(away.id());
			assertThat(ids(takers(shift))).as("day %d: %s away over the shift", day, away.name())
				.isEqualTo(expected)
				.contains(elsewhere.id());
		}
	}

	private List<PersonFacts> takers(ShiftView shift) {
		return this.swaps.possibleTakers(shift, shift.start(), shift.end(), this.rules.check());
	}

	private static List<Long> ids(List<PersonFacts> people) {
		return people.stream().map(PersonFacts::id).toList();
	}

}
