package com.example.imoc.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.ExternalApiTest;
import com.example.imoc.MutableClock;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;

import static com.example.imoc.schedule.TestRotations.slot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The reader's next shift on {@code /}, kept per person ({@link NextShifts}, issue 17):
 * over simulated days it is always what the database says now, it is reused while nothing
 * changed and that shift has not ended, and a change (the shift given to someone else)
 * shows at once.
 */
class NextShiftsTests extends ExternalApiTest {

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	TestRotations testRotations;

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	HeldScheduleJobs heldJobs;

	@Autowired
	Shifts shifts;

	@Autowired
	NextShifts nextShifts;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	JdbcTemplate jdbc;

	Rotation rotation;

	List<Person> staff;

	@BeforeEach
	void aRotationInUtc() throws Exception {
		this.heldJobs.hold();
		this.clock.set(Instant.parse("2026-12-02T06:00:00Z"));
		this.rotation = this.testRotations.imocLike("UTC", 3,
				List.of(slot("23:00", "08:00"), slot("08:00", "15:00"), slot("15:00", "23:00")));
		this.staff = this.testRotations.staff(this.rotation, 5);
		this.maintenance.maintain(this.rotation.id());
	}

	@AfterEach
	void resumeTheBackgroundJobs() throws Exception {
		this.heldJobs.release();
	}

	@Test
	void theNextShiftFollowsTheClockOverSeveralDaysAndIsReusedOnlyUntilItEnds() throws Exception {
		Person reader = this.staff.get(0);
		Instant at = Instant.parse("2026-12-02T06:30:00Z");
		Instant last = Instant.parse("2026-12-09T06:30:00Z");
		int reused = 0;
		while (at.isBefore(last)) {
			this.clock.set(at);
			Optional<ShiftView> truth = this.shifts.nextOf(reader.getId(), at);
			Optional<ShiftView> kept = this.nextShifts.of(reader.getId(), at);
			assertThat(kept.map(ShiftView::id)).as(at.toString()).isEqualTo(truth.map(ShiftView::id));
			Instant later = at.plus(Duration.ofMinutes(50));
			Optional<ShiftView> again = this.nextShifts.of(reader.getId(), later);
			if (truth.isPresent() && truth.get().end().isAfter(later)) {
				assertThat(again).as("still running or ahead at " + later).isSameAs(kept);
				reused++;
			}
			else {
				assertThat(again.map(ShiftView::id)).as("read anew at " + later)
					.isEqualTo(this.shifts.nextOf(reader.getId(), later).map(ShiftView::id));
			}
			String page = home(reader);
			assertThat(page).as(at.toString())
				.contains(
						truth.map(s -> "<time datetime=\"" + s.start() + "\"").orElse("You have no upcoming shifts."));
			at = at.plus(Duration.ofHours(7));
		}
		assertThat(reused).as("kept between views").isPositive();
	}

	@Test
	void aShiftGivenToSomeoneElseLeavesTheReadersNextAtOnce() throws Exception {
		Person reader = this.staff.get(0);
		Person other = this.staff.get(1);
		Instant now = Instant.parse("2026-12-02T06:30:00Z");
		this.clock.set(now);
		ShiftView next = this.nextShifts.of(reader.getId(), now).orElseThrow();
		assertThat(home(reader)).contains("<time datetime=\"" + next.start() + "\"");
		this.transaction.executeWithoutResult(
				status -> this.jdbc.update("update shift set assignee_id = ? where id = ?", other.getId(), next.id()));
		ShiftView after = this.shifts.nextOf(reader.getId(), now).orElseThrow();
		assertThat(after.id()).isNotEqualTo(next.id());
		assertThat(this.nextShifts.of(reader.getId(), now).map(ShiftView::id)).contains(after.id());
		assertThat(home(reader)).contains("<time datetime=\"" + after.start() + "\"");
	}

	/** The reader's own card on {@code /}: their next shift. */
	String home(Person viewer) throws Exception {
		String page = this.mvc.perform(get("/").with(user(TestPeople.signedIn(viewer))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		int start = page.indexOf("<h2>Your next shift</h2>");
		assertThat(start).as("the reader's own card").isNotNegative();
		return page.substring(start, page.indexOf("</article>", start));
	}

}
