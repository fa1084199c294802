package com.example.imoc.schedule.view;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.ExternalApiTest;
import com.example.imoc.MutableClock;
import com.example.imoc.database.DataChanges;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.TestPeople;
import com.example.imoc.people.TimeAway;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.HeldScheduleJobs;
import com.example.imoc.schedule.ScheduleMaintenance;
import com.example.imoc.schedule.ShiftChanges;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;
import com.example.imoc.schedule.TestRotations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The rotation page's shared view model: computed once per data generation and handed to
 * every viewer of the same rotation, zone, view and period; a write that moves the
 * generation makes the next viewer get a new one; the cache keeps a bounded number.
 */
class RotationWeeksTests extends ExternalApiTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	TestRotations testRotations;

	@Autowired
	TestPeople testPeople;

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	HeldScheduleJobs heldJobs;

	@Autowired
	Shifts shifts;

	@Autowired
	ShiftChanges shiftChanges;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	Rotations rotations;

	@Autowired
	TimeAway timeAway;

	@Autowired
	PersonRepository people;

	@Autowired
	DataChanges changes;

	Rotation rotation;

	@BeforeEach
	void aPlannedRotation() throws Exception {
		this.heldJobs.hold();
		this.clock.set(Instant.parse("2026-12-02T06:00:00Z"));
		this.rotation = this.testRotations.imocLike(2);
		this.testRotations.staff(this.rotation, 5);
		this.maintenance.maintain(this.rotation.id());
	}

	@AfterEach
	void resumeTheBackgroundJobs() throws Exception {
		this.heldJobs.release();
	}

	@Test
	void viewersOfOneGenerationShareOneWeekAndAWriteMakesANewOne() throws Exception {
		Person london = this.testPeople.manager("Shared London");
		Person alsoLondon = this.testPeople.manager("Shared London Too");
		Person bengaluru = this.testPeople.manager("Shared Bengaluru", "Asia/Kolkata");

		GridPage.quiet(this.changes);
		Object first = grid(london);
		assertThat(grid(alsoLondon)).as("same zone, same generation: the same object").isSameAs(first);
		assertThat(grid(bengaluru)).as("another zone: another week").isNotSameAs(first);

		ShiftView shift = this.shifts
			.ofRotation(this.rotation.id(), Instant.parse("2026-12-03T00:00:00Z"),
					Instant.parse("2026-12-04T00:00:00Z"))
			.stream()
			.filter(s -> !s.shadow() && s.start().isAfter(Instant.parse("2026-12-03T00:00:00Z")))
			.findFirst()
			.orElseThrow();
		Person taker = this.testPeople.manager("Newly Assigned");
		this.transaction.executeWithoutResult(tx -> this.shiftChanges.reassign(shift.id(), shift.version(),
				taker.getId(), "test: a write moves the generation"));

		GridPage.quiet(this.changes);
		RotationWeek after = grid(alsoLondon);
		assertThat(after).as("a write moved the generation: a new object").isNotSameAs(first);
		assertThat(after.days()
			.stream()
			.flatMap(d -> d.parts().stream())
			.filter(p -> p.shiftId() == shift.id())
			.map(RotationWeek.Part::owner)).isNotEmpty().allMatch("Newly Assigned"::equals);
		assertThat(grid(london)).as("then shared again").isSameAs(after);
	}

	@Test
	void theCacheKeepsAtMostItsConfiguredNumberOfWeeks() throws Exception {
		RotationWeeks small = new RotationWeeks(this.shifts, this.rotations, this.timeAway, this.people, this.changes,
				2, Long.MAX_VALUE);
		ZoneId utc = ZoneOffset.UTC;
		LocalDate monday = LocalDate.of(2026, 11, 30);
		GridPage.quiet(this.changes);
		RotationWeek one = small.of(this.rotation, utc, GridView.WEEK, monday);
		RotationWeek two = small.of(this.rotation, utc, GridView.WEEK, monday.plusWeeks(1));
		assertThat(small.of(this.rotation, utc, GridView.WEEK, monday)).isSameAs(one);
		RotationWeek three = small.of(this.rotation, utc, GridView.WEEK, monday.plusWeeks(2));
		assertThat(small.size()).isEqualTo(2);
		assertThat(small.of(this.rotation, utc, GridView.WEEK, monday.plusWeeks(2))).isSameAs(three);
		assertThat(small.of(this.rotation, utc, GridView.WEEK, monday)).as("recently used, kept").isSameAs(one);
		assertThat(small.of(this.rotation, utc, GridView.WEEK, monday.plusWeeks(1)))
			.as("least recently used, dropped and computed again")
			.isNotSameAs(two)
			.isEqualTo(two);
		assertThat(small.size()).isEqualTo(2);
		assertThat(List.of(one, two, three)).allSatisfy(w -> assertThat(w.days()).hasSize(7));
	}

	private RotationWeek grid(Person viewer) throws Exception {
		return (RotationWeek) this.mvc
			.perform(get("/rotations/{id}", this.rotation.id()).param("from", "2026-12-03")
				.with(user(TestPeople.signedIn(viewer))))
			.andExpect(status().isOk())
			.andReturn()
			.getModelAndView()
			.getModel()
			.get("grid");
	}

}
