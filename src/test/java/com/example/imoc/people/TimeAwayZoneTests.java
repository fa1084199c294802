package com.example.imoc.people;

import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.example.imoc.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Time away is whole days in the person's own zone, read from the roster as it is when
 * the time away is entered (one column, not the entity): a person who moves zone has
 * their next time away cut at their new midnight. Checked on several days.
 */
@IntegrationTest
class TimeAwayZoneTests {

	@Autowired
	TimeAway timeAway;

	@Autowired
	TestPeople people;

	@Autowired
	Roster roster;

	@Test
	void wholeDaysInThePersonsZoneAsItIsWhenEnteredOnEachOfThreeDays() {
		Person traveller = this.people.manager("Away Traveller", "Australia/Sydney");
		Person stays = this.people.manager("Away Stays", "America/Los_Angeles");
		ZoneId[] moves = { ZoneId.of("Australia/Sydney"), ZoneId.of("Europe/Berlin"), ZoneId.of("Asia/Kolkata") };
		LocalDate first = LocalDate.of(2027, 3, 1);
		for (int day = 0; day < 3; day++) {
			this.roster.changeTimeZone(traveller.getId(), moves[day]);
			LocalDate from = first.plusDays(10L * day);
			Unavailability moved = this.timeAway.add(TestPeople.signedIn(traveller), traveller.getId(),
					Unavailability.Kind.PTO, from, from.plusDays(2), "test");
			assertThat(moved.getStartsAt()).as("day %d", day).isEqualTo(from.atStartOfDay(moves[day]).toInstant());
			assertThat(moved.getEndsAt()).as("day %d", day)
				.isEqualTo(from.plusDays(3).atStartOfDay(moves[day]).toInstant());
			Unavailability stayed = this.timeAway.add(TestPeople.signedIn(stays), stays.getId(),
					Unavailability.Kind.SICK, from, from, "test");
			ZoneId losAngeles = ZoneId.of("America/Los_Angeles");
			assertThat(stayed.getStartsAt()).isEqualTo(from.atStartOfDay(losAngeles).toInstant());
			assertThat(stayed.getEndsAt()).isEqualTo(from.plusDays(1).atStartOfDay(losAngeles).toInstant());
		}
	}

	@Test
	void timeAwayForSomeoneNotOnTheRosterIsRefused() {
		Person coordinator = this.people.coordinator("Away Coordinator");
		assertThatThrownBy(() -> this.timeAway.add(TestPeople.signedIn(coordinator), Long.MAX_VALUE,
				Unavailability.Kind.PTO, LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 2), "test"))
			.isInstanceOf(PersonNotFoundException.class);
	}

}
