package com.example.imoc.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.example.imoc.IntegrationTest;
import com.example.imoc.people.OnboardingState;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reverse shadows in the stored schedule (real PostgreSQL, its exclusion constraints on):
 * the trainee holds the primary shift of a whole block and an active IM holds a shadow
 * row of the same times beside them.
 */
@IntegrationTest
class ReverseShadowScheduleTests {

	@Autowired
	TestRotations testRotations;

	@Autowired
	TestPeople testPeople;

	@Autowired
	PersonRepository people;

	@Autowired
	Rotations rotations;

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	Shifts shifts;

	private Person joined(Rotation rotation, String name, OnboardingState state) {
		Person person = this.testPeople.manager(name);
		person.setOnboardingState(state);
		person = this.people.save(person);
		this.rotations.join(rotation.id(), person.getId(), rotation.layer("weekdays and weekends").orElseThrow().id());
		return person;
	}

	@Test
	void aReverseShadowHoldsBlocksWithAnActiveImBesideThemAndAShadowOnlyRidesWithActiveIms() {
		Rotation rotation = this.testRotations.imocLike(2);
		List<Person> ims = this.testRotations.staff(rotation, 8);
		Person reverse = joined(rotation, "Rena Reverse", OnboardingState.REVERSE_SHADOW);
		Person shadow = joined(rotation, "Sid Shadow", OnboardingState.SHADOW);

		this.maintenance.maintain(rotation.id());

		Instant now = Instant.now();
		List<ShiftView> all = this.shifts.ofRotation(rotation.id(), now.minus(Duration.ofDays(1)),
				now.plus(Duration.ofDays(30)));
		Map<String, List<ShiftView>> bySlotAndStart = all.stream()
			.collect(Collectors.groupingBy(s -> s.slot() + s.start()));
		List<ShiftView> held = all.stream().filter(s -> !s.shadow() && reverse.getId().equals(s.assigneeId())).toList();
		assertThat(held).isNotEmpty();
		List<Long> imIds = ims.stream().map(Person::getId).toList();
		assertThat(held).allSatisfy(primary -> {
			List<ShiftView> beside = bySlotAndStart.get(primary.slot() + primary.start())
				.stream()
				.filter(ShiftView::shadow)
				.toList();
			assertThat(beside).singleElement().satisfies(row -> {
				assertThat(imIds).contains(row.assigneeId());
				assertThat(row.end()).isEqualTo(primary.end());
				assertThat(row.reason()).isEqualTo("beside reverse shadow Rena Reverse");
			});
		});
		List<ShiftView> ridden = all.stream().filter(s -> s.shadow() && shadow.getId().equals(s.assigneeId())).toList();
		assertThat(ridden).isNotEmpty()
			.allSatisfy(row -> assertThat(bySlotAndStart.get(row.slot() + row.start())
				.stream()
				.filter(s -> !s.shadow())
				.map(ShiftView::assigneeId)
				.toList()).singleElement().isIn(imIds.toArray()));
		// A second run finds nothing to plan or mend.
		assertThat(this.maintenance.maintain(rotation.id()).created()).isZero();
		assertThat(this.maintenance.repair(rotation.id()).reassigned()).isZero();
	}

}
