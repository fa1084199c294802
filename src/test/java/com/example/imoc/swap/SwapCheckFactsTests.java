package com.example.imoc.swap;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.example.imoc.ExternalApiTest;
import com.example.imoc.MutableClock;
import com.example.imoc.people.OnboardingState;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonFacts;
import com.example.imoc.people.PersonForm;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.Roster;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.swap.SwapFixtures.Planned;
import com.example.imoc.swap.SwapRules.Check;
import com.example.imoc.swap.SwapRules.Move;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The swap rules read people as {@link PersonFacts} rows, not entities (an open cover
 * checks every participant, and loading a thousand entities cost more than the checks).
 * Over several simulated days, with people changing through the roster between checks
 * (deactivated, back to shadowing, weekdays-only, out of the rotation), the rules see
 * each change at once, give the same answer whether people were read one by one or all at
 * once ({@code prefetchFacts}), and judge eligibility on the facts exactly as on the
 * entity.
 */
class SwapCheckFactsTests extends ExternalApiTest {

	@Autowired
	SwapFixtures fixtures;

	@Autowired
	Swaps swaps;

	@Autowired
	SwapRules rules;

	@Autowired
	Roster roster;

	@Autowired
	Rotations rotations;

	@Autowired
	PersonRepository people;

	@Autowired
	MutableClock clock;

	@AfterEach
	void backToNow() {
		this.clock.set(Instant.now());
	}

	@Test
	void theRulesOnFactsSeeEveryRosterChangeAndAgreeOneByOneAndAllAtOnceOnEachOfFourDays() {
		this.clock.set(Instant.now());
		Planned planned = this.fixtures.planned(12, 6);
		List<Person> staff = planned.staff();
		for (int day = 0; day < 4; day++) {
			this.clock.set(Instant.now().plus(Duration.ofDays(day)));
			Person changed = staff.get(day);
			String expected = change(planned, changed, day);
			// The repair the change queues, done now: the one Quartz fires a second later
			// then changes nothing while the rules are compared.
			this.fixtures.maintenance.repair(planned.rotation().id());
			for (ShiftView shift : this.fixtures.swappable(planned.rotation()).subList(2 * day, 2 * day + 3)) {
				Map<Long, List<String>> oneByOne = new TreeMap<>();
				for (Person person : staff) {
					if (person.getId().equals(shift.assigneeId())) {
						continue;
					}
					// A fresh check per person: the facts are read for that person alone.
					oneByOne.put(person.getId(), this.rules.check().problems(Move.whole(shift, person.getId(), null)));
				}
				Check all = this.rules.check();
				all.prefetchFacts(staff.stream().map(Person::getId).toList());
				Map<Long, List<String>> allAtOnce = new TreeMap<>();
				oneByOne.keySet().forEach(id -> allAtOnce.put(id, all.problems(Move.whole(shift, id, null))));
				assertThat(allAtOnce).as("day %d, %s", day, shift).isEqualTo(oneByOne);
				if (!changed.getId().equals(shift.assigneeId())) {
					assertThat(oneByOne.get(changed.getId())).as("day %d: %s", day, expected)
						.anySatisfy(problem -> assertThat(problem).contains(expected));
				}
				List<Long> passing = new ArrayList<>();
				oneByOne.forEach((id, problems) -> {
					if (problems.isEmpty()) {
						passing.add(id);
					}
				});
				List<Long> takers = this.swaps.possibleTakers(shift, shift.start(), shift.end(), this.rules.check())
					.stream()
					.map(PersonFacts::id)
					.sorted()
					.toList();
				assertThat(takers).as("day %d: the possible takers of %s", day, shift).isEqualTo(passing);
			}
			for (Person person : staff) {
				Person entity = this.people.findById(person.getId()).orElseThrow();
				PersonFacts facts = this.roster.facts(List.of(person.getId())).get(0);
				for (int ahead = 0; ahead < 60; ahead += 7) {
					LocalDate date = LocalDate.now(this.clock).plusDays(ahead);
					assertThat(this.roster.eligibilityOn(facts, date))
						.as("day %d: %s on %s", day, entity.getName(), date)
						.isEqualTo(this.roster.eligibilityOn(entity, date));
				}
			}
		}
	}

	/** Changes one person through the roster; returns the words the rules should say. */
	private String change(Planned planned, Person person, int day) {
		Person current = this.people.findById(person.getId()).orElseThrow();
		switch (day) {
			case 0 -> {
				this.roster.deactivate(person.getId());
				return "is no longer active";
			}
			case 1 -> {
				PersonForm form = PersonForm.of(current);
				form.setOnboardingState(OnboardingState.SHADOW);
				this.roster.update(person.getId(), form);
				return "is still onboarding";
			}
			case 2 -> {
				this.rotations.leave(planned.rotation().id(), person.getId());
				return "is not in the";
			}
			default -> {
				PersonForm form = PersonForm.of(current);
				form.setOnboardingState(OnboardingState.REVERSE_SHADOW);
				this.roster.update(person.getId(), form);
				return "is still onboarding (Reverse shadow)";
			}
		}
	}

}
