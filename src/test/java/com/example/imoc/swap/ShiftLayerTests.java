package com.example.imoc.swap;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.Role;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.people.TestPeople;
import com.example.imoc.people.TimeAway;
import com.example.imoc.people.Unavailability;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.ScheduleMaintenance;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.swap.SwapFixtures.Planned;
import com.example.imoc.IntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shift belongs to the layer of its owner, whichever way it changes hands (cover, swap,
 * undo, partial cover, repair), and the part of a split night shift keeps the night's
 * date, which repair and the swap rules both read.
 */
@IntegrationTest
class ShiftLayerTests {

	@Autowired
	SwapFixtures fixtures;

	@Autowired
	Swaps swaps;

	@Autowired
	TestPeople testPeople;

	@Autowired
	PersonRepository people;

	@Autowired
	Rotations rotations;

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	TimeAway timeAway;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aCoverMovesTheShiftToTheTakersLayerAndAnUndoOrARepairMovesItOnWithItsNextOwner() {
		Planned planned = this.fixtures.planned(8, 3);
		Rotation rotation = planned.rotation();
		long allDays = rotation.layer("weekdays and weekends").orElseThrow().id();
		long weekdaysOnly = rotation.layer("weekdays-only").orElseThrow().id();
		Person weekdayPerson = weekdayContract(rotation, "Wendy Weekday");
		ShiftView shift = validCoverTo(rotation, weekdayPerson, null);
		assertThat(shift.layerId()).isEqualTo(allDays);

		SwapRequest cover = this.swaps.request(SwapFixtures.holder(shift), cover(shift, weekdayPerson, null, null));
		this.swaps.accept(TestPeople.signedIn(weekdayPerson), cover.id(), null, "");
		assertThat(this.fixtures.shift(shift.id()).layerId()).isEqualTo(weekdaysOnly);
		assertOwnersLayers(rotation);

		this.swaps.undo(SwapFixtures.holder(shift), cover.id());
		this.swaps.undo(TestPeople.signedIn(weekdayPerson), cover.id());
		assertThat(this.fixtures.shift(shift.id()).assigneeId()).isEqualTo(shift.assigneeId());
		assertThat(this.fixtures.shift(shift.id()).layerId()).isEqualTo(allDays);

		SwapRequest again = this.swaps.request(SwapFixtures.holder(shift),
				cover(this.fixtures.shift(shift.id()), weekdayPerson, null, null));
		this.swaps.accept(TestPeople.signedIn(weekdayPerson), again.id(), null, "");
		assertThat(this.fixtures.shift(shift.id()).layerId()).isEqualTo(weekdaysOnly);
		// Away on that day: the repair gives the shift to one of the all-days people, and
		// the shift goes with them.
		this.timeAway.seed(weekdayPerson.getId(), Unavailability.Kind.PTO, shift.date(), shift.date(), "sick");
		this.maintenance.repair(rotation.id());
		ShiftView repaired = this.fixtures.shift(shift.id());
		assertThat(repaired.assigneeId()).isNotEqualTo(weekdayPerson.getId()).isNotNull();
		assertThat(repaired.layerId()).isEqualTo(allDays);
		assertOwnersLayers(rotation);
	}

	@Test
	void aSwapMovesBothShiftsToTheirNewOwnersLayers() {
		Planned planned = this.fixtures.planned(8, 3);
		Rotation rotation = planned.rotation();
		long allDays = rotation.layer("weekdays and weekends").orElseThrow().id();
		long weekdaysOnly = rotation.layer("weekdays-only").orElseThrow().id();
		Person weekdayPerson = weekdayContract(rotation, "Sam Swapper");
		ShiftView given = validCoverTo(rotation, weekdayPerson, null);
		SwapRequest cover = this.swaps.request(coordinator(), performed(given, weekdayPerson));
		assertThat(cover.state()).isEqualTo(SwapState.ACCEPTED);
		ShiftView mine = this.fixtures.shift(given.id());
		ShiftView theirs = this.fixtures.swappable(rotation)
			.stream()
			.filter(s -> !s.assigneeId().equals(weekdayPerson.getId()))
			.filter(s -> this.swaps
				.validate(TestPeople.signedIn(weekdayPerson),
						new NewSwap(mine.id(), SwapKind.SWAP, s.id(), null, null, null, "", null, false, null))
				.isEmpty())
			.findFirst()
			.orElseThrow();
		SwapRequest swap = this.swaps.request(TestPeople.signedIn(weekdayPerson),
				new NewSwap(mine.id(), SwapKind.SWAP, theirs.id(), null, null, null, "", null, false, null));
		this.swaps.accept(SwapFixtures.holder(theirs), swap.id(), null, "");
		assertThat(this.fixtures.shift(mine.id()).layerId()).isEqualTo(allDays);
		assertThat(this.fixtures.shift(theirs.id()).assigneeId()).isEqualTo(weekdayPerson.getId());
		assertThat(this.fixtures.shift(theirs.id()).layerId()).isEqualTo(weekdaysOnly);
		assertOwnersLayers(rotation);
	}

	@Test
	void thePartOfAFridayNightAfterMidnightKeepsFridaysDateAndRepairLeavesItWithAWeekdaysOnlyCoverForWhomItIsAWeekday() {
		Planned planned = this.fixtures.planned(8, 3);
		Rotation rotation = planned.rotation();
		long weekdaysOnly = rotation.layer("weekdays-only").orElseThrow().id();
		// Saturday 00:00–05:00 UTC is Friday evening in New York: a weekday there, so her
		// contract allows it (the
		// weekend is judged in the person's own zone, people.WorkCalendar).
		Person nina = weekdayContract(rotation, "Nina Night");
		nina.setTimeZone(java.time.ZoneId.of("America/New_York"));
		Person weekdayPerson = this.people.save(nina);
		ShiftView night = this.fixtures.swappable(rotation)
			.stream()
			.filter(s -> s.slot().equals("23:00-05:00") && s.date().getDayOfWeek() == DayOfWeek.FRIDAY)
			.filter(s -> this.swaps
				.validate(SwapFixtures.holder(s), cover(s, weekdayPerson, s.start().plus(Duration.ofHours(1)), s.end()))
				.isEmpty())
			.findFirst()
			.orElseThrow();
		Instant midnight = night.start().plus(Duration.ofHours(1));
		SwapRequest cover = this.swaps.request(SwapFixtures.holder(night),
				cover(night, weekdayPerson, midnight, night.end()));
		SwapRequest accepted = this.swaps.accept(TestPeople.signedIn(weekdayPerson), cover.id(), null, "");
		ShiftView part = this.fixtures.shift(accepted.resultShiftId());
		assertThat(part.start()).isEqualTo(midnight);
		assertThat(part.date()).as("the part keeps the night's date").isEqualTo(night.date());
		assertThat(part.layerId()).isEqualTo(weekdaysOnly);
		assertThat(this.fixtures.shift(night.id()).layerId()).isEqualTo(night.layerId());

		this.maintenance.repair(rotation.id());
		assertThat(this.fixtures.shift(part.id()).assigneeId())
			.as("repair judges the part as the swap rules did and leaves it with her")
			.isEqualTo(weekdayPerson.getId());
		assertThat(this.fixtures.shift(part.id()).version()).isEqualTo(part.version());
	}

	private Person weekdayContract(Rotation rotation, String name) {
		Person person = this.testPeople.manager(name);
		person.setWeekdaysOnly(true);
		this.people.save(person);
		this.rotations.join(rotation.id(), person.getId(), rotation.layer("weekdays-only").orElseThrow().id());
		return this.people.findById(person.getId()).orElseThrow();
	}

	/** A weekday shift (after the freeze window) the person may take. */
	private ShiftView validCoverTo(Rotation rotation, Person to, DayOfWeek day) {
		return this.fixtures.swappable(rotation)
			.stream()
			.filter(s -> day == null ? s.date().getDayOfWeek().getValue() <= 5 : s.date().getDayOfWeek() == day)
			.filter(s -> this.swaps.validate(SwapFixtures.holder(s), cover(s, to, null, null)).isEmpty())
			.findFirst()
			.orElseThrow();
	}

	private static NewSwap cover(ShiftView shift, Person to, Instant from, Instant until) {
		return new NewSwap(shift.id(), SwapKind.COVER, null, to.getId(), from, until, "", null, false, null);
	}

	private static NewSwap performed(ShiftView shift, Person to) {
		return new NewSwap(shift.id(), SwapKind.COVER, null, to.getId(), null, null, "", null, true, "test");
	}

	private SignedInPerson coordinator() {
		Person coordinator = this.testPeople.coordinator("Cora Layers");
		assertThat(coordinator.getRole()).isEqualTo(Role.COORDINATOR);
		return TestPeople.signedIn(coordinator);
	}

	/** Every live shift with an owner in the rotation is in that owner's layer. */
	private void assertOwnersLayers(Rotation rotation) {
		List<Long> misplaced = this.jdbc.queryForList("""
				select s.id from shift s join rotation_participant p on p.rotation_id = s.rotation_id
				  and p.person_id = s.assignee_id
				where s.rotation_id = ? and s.state = 'SCHEDULED' and s.layer_id <> p.layer_id""", Long.class,
				rotation.id());
		assertThat(misplaced).as("shifts outside their owner's layer").isEmpty();
	}

}
