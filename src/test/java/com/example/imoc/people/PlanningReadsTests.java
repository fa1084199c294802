package com.example.imoc.people;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.example.imoc.ExternalApiTest;
import com.example.imoc.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The read-only reads planning uses instead of entities ({@link Roster#facts},
 * {@link TimeAway#stretches}, {@link PublicHolidays#calendarsOfFacts}) say what the
 * entities say: the same fields, the same first eligible day on each of several simulated
 * days, the same time away in the same order, the same calendars.
 */
class PlanningReadsTests extends ExternalApiTest {

	@Autowired
	Roster roster;

	@Autowired
	TimeAway timeAway;

	@Autowired
	PublicHolidays holidays;

	@Autowired
	PersonRepository people;

	@Autowired
	MutableClock clock;

	@AfterEach
	void backToNow() {
		this.clock.set(Instant.now());
	}

	@Test
	void factsAndEligibilityAgreeWithTheEntityOnEachOfTenDays() {
		Instant first = Instant.parse("2031-03-20T09:00:00Z");
		LocalDate today = LocalDate.ofInstant(first, ZoneOffset.UTC);
		List<Person> saved = new ArrayList<>();
		// Short of tenure by five days, eligible for years, a grade the rotation does not
		// take, a trainee, inactive, weekdays-only with preferences, in three regions.
		saved.add(person("Facts Newcomer", JobTitle.BACKEND_ENGINEERING_MANAGER, 8, "Asia/Tokyo", Region.APAC,
				today.minusMonths(3).plusDays(5), p -> p.setPreferredSlots(List.of("23:00-05:00"))));
		saved.add(person("Facts Veteran", JobTitle.STAFF_ENGINEER, 9, "America/Denver", Region.AMER,
				today.minusYears(4), p -> {
					p.setWeekdaysOnly(true);
					p.setPreferredSlots(List.of("19:00-23:00", "15:00-19:00"));
				}));
		saved.add(person("Facts Grade Seven", JobTitle.FRONTEND_ENGINEERING_MANAGER, 7, "Europe/Berlin", Region.EMEA,
				today.minusYears(2), p -> {
				}));
		saved.add(person("Facts Trainee", JobTitle.FULLSTACK_ENGINEERING_MANAGER, 8, "Europe/London", Region.EMEA,
				today.minusMonths(2), p -> p.setOnboardingState(OnboardingState.SHADOW)));
		saved.add(person("Facts Gone", JobTitle.SENIOR_ENGINEERING_MANAGER, 9, "Australia/Sydney", Region.APAC,
				today.minusYears(3), p -> p.setActive(false)));
		List<Long> ids = saved.stream().map(Person::getId).toList();

		List<PersonFacts> facts = this.roster.facts(ids);
		assertThat(facts).extracting(PersonFacts::id).containsExactlyElementsOf(ids);
		for (PersonFacts fact : facts) {
			Person person = this.people.findById(fact.id()).orElseThrow();
			assertThat(fact).isEqualTo(new PersonFacts(person.getId(), person.getName(), person.getJobTitle(),
					person.getGrade(), person.zone(), person.getRegion(), person.getStartDate(),
					person.isWeekdaysOnly(), person.getPreferredSlots(), person.getOnboardingState(),
					person.isOnFastOncall(), person.isOptedIn(), person.isManagerApproved(), person.isActive()));
		}
		assertThat(this.holidays.calendarsOfFacts(facts))
			.isEqualTo(this.holidays.calendarsOf(this.people.findAllById(ids)));

		Set<LocalDate> newcomerFrom = new java.util.HashSet<>();
		for (int day = 0; day < 10; day++) {
			this.clock.set(first.plus(java.time.Duration.ofDays(day)));
			for (PersonFacts fact : this.roster.facts(ids)) {
				Person person = this.people.findById(fact.id()).orElseThrow();
				assertThat(this.roster.eligibleFrom(fact)).as("day %d, %s", day, fact.name())
					.isEqualTo(this.roster.eligibleFrom(person));
				if (fact.name().equals("Facts Newcomer")) {
					this.roster.eligibleFrom(fact).ifPresent(newcomerFrom::add);
				}
			}
		}
		// The newcomer is planned from the day they reach three months, then from today.
		assertThat(newcomerFrom).contains(today.plusDays(5), today.plusDays(9));
		assertThat(this.roster.facts(List.of())).isEmpty();
	}

	@Test
	void stretchesAreTheOverlappingTimeAwayOfThePeopleAskedForInTheSameOrder() {
		LocalDate base = LocalDate.of(2031, 6, 2);
		Person tokyo = person("Away Tokyo", JobTitle.BACKEND_ENGINEERING_MANAGER, 8, "Asia/Tokyo", Region.APAC,
				base.minusYears(1), p -> {
				});
		Person denver = person("Away Denver", JobTitle.BACKEND_ENGINEERING_MANAGER, 8, "America/Denver", Region.AMER,
				base.minusYears(1), p -> {
				});
		this.timeAway.seed(tokyo.getId(), Unavailability.Kind.PTO, base.plusDays(10), base.plusDays(12), "test");
		this.timeAway.seed(tokyo.getId(), Unavailability.Kind.SICK, base, base, "test");
		this.timeAway.seed(denver.getId(), Unavailability.Kind.CONFERENCE, base.plusDays(1), base.plusDays(3), "test");
		this.timeAway.seed(denver.getId(), Unavailability.Kind.PTO, base.plusDays(30), base.plusDays(31), "test");
		Set<Long> both = Set.of(tokyo.getId(), denver.getId());
		for (int day = -1; day < 35; day += 4) {
			Instant from = base.plusDays(day).atStartOfDay(ZoneOffset.UTC).toInstant();
			Instant to = from.plus(java.time.Duration.ofDays(9));
			List<TimeAway.Stretch> expected = this.timeAway.overlapping(from, to)
				.stream()
				.filter(u -> both.contains(u.getPersonId()))
				.map(u -> new TimeAway.Stretch(u.getPersonId(), u.getStartsAt(), u.getEndsAt()))
				.toList();
			assertThat(this.timeAway.stretches(from, to, both)).as("from %s", from).isEqualTo(expected);
			assertThat(this.timeAway.stretches(from, to, null)).as("everyone's, from %s", from)
				.containsAll(expected)
				.hasSize(this.timeAway.overlapping(from, to).size());
			assertThat(this.timeAway.stretches(from, to, List.of(denver.getId())))
				.allMatch(s -> s.personId() == denver.getId())
				.hasSize((int) expected.stream().filter(s -> s.personId() == denver.getId()).count());
		}
		assertThat(this.timeAway.stretches(base.atStartOfDay(ZoneOffset.UTC).toInstant(),
				base.plusDays(40).atStartOfDay(ZoneOffset.UTC).toInstant(), List.of()))
			.as("nobody asked for")
			.isEmpty();
	}

	private Person person(String name, JobTitle title, int grade, String zone, Region region, LocalDate start,
			java.util.function.Consumer<Person> more) {
		Person person = new Person(name,
				name.toLowerCase().replace(' ', '.') + "." + System.nanoTime() + "@example.com", title, grade,
				ZoneId.of(zone), region, start);
		more.accept(person);
		return this.people.save(person);
	}

}
