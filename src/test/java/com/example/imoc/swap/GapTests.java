package com.example.imoc.swap;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.IntegrationTest;
import com.example.imoc.audit.AuditLog;
import com.example.imoc.people.Person;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.HeldScheduleJobs;
import com.example.imoc.schedule.ShiftChanges;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.swap.SwapFixtures.Planned;
import com.example.imoc.swap.SwapFixtures.Race;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A coverage gap is always fillable: the coordinator assigns someone from the gap's page
 * (same hard rules as swaps, the freeze window only with the explicit checkbox), or opens
 * it to volunteers, the first eligible taker winning.
 */
@IntegrationTest
class GapTests {

	@Autowired
	SwapFixtures fixtures;

	@Autowired
	Swaps swaps;

	@Autowired
	SwapRequests requests;

	@Autowired
	ShiftChanges shiftChanges;

	@Autowired
	TestPeople testPeople;

	@Autowired
	Rotations rotations;

	@Autowired
	AuditLog auditLog;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	HeldScheduleJobs heldJobs;

	/**
	 * Holds the background repair (queued by the fixtures' participation changes), which
	 * would fill the test's gaps before the coordinator or a volunteer gets to them.
	 */
	@BeforeEach
	void holdTheBackgroundRepair() throws Exception {
		this.heldJobs.hold();
	}

	@AfterEach
	void resumeTheBackgroundRepair() throws Exception {
		this.heldJobs.release();
	}

	@Test
	void theCoordinatorAssignsAGapFromItsPageAndEveryoneElseIsKeptOut() throws Exception {
		Planned planned = this.fixtures.planned(8, 3);
		Rotation rotation = planned.rotation();
		SignedInPerson coordinator = TestPeople.signedIn(this.testPeople.coordinator("Cody Gaps"));
		SignedInPerson manager = TestPeople.signedIn(planned.staff().get(0));
		ShiftView gap = makeGap(this.fixtures.swappable(rotation).get(5));
		Person taker = fits(gap, planned.staff());
		Person outsider = this.testPeople.manager("Otto Outside");

		this.mvc
			.perform(get("/rotations/{id}", rotation.id()).param("week", gap.date().toString()).with(user(coordinator)))
			.andExpect(content().string(containsString("href=\"/admin/gaps/" + gap.id() + "\"")));
		this.mvc.perform(get("/rotations/{id}", rotation.id()).param("week", gap.date().toString()).with(user(manager)))
			.andExpect(content().string(not(containsString("/admin/gaps/" + gap.id()))));
		this.mvc.perform(get("/admin/gaps/{id}", gap.id()).with(user(manager))).andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/gaps/{id}/assign", gap.id()).param("personId", taker.getId().toString())
				.with(user(manager))
				.with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/gaps/{id}", Long.MAX_VALUE).with(user(coordinator)))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(post("/admin/gaps/{id}/assign", Long.MAX_VALUE).param("personId", "1")
				.with(user(coordinator))
				.with(csrf()))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(post("/admin/gaps/{id}/assign", gap.id()).param("personId", taker.getId().toString())
				.with(user(coordinator)))
			.andExpect(status().isForbidden());

		// By email: names repeat across the tests sharing this database, and the page
		// lists at most 20 matches.
		String email = taker.getEmail();
		this.mvc.perform(get("/admin/gaps/{id}", gap.id()).param("q", email).with(user(coordinator)))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString(taker.getName()), containsString("can take it"),
					containsString("value=\"" + email + "\""))));
		this.mvc
			.perform(post("/admin/gaps/{id}/assign", gap.id()).param("personId", "abc")
				.param("q", "Rota <Person>")
				.with(user(coordinator))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Choose a person from the search."),
					containsString("value=\"Rota &lt;Person&gt;\""))));
		this.mvc
			.perform(post("/admin/gaps/{id}/assign", gap.id()).param("personId", outsider.getId().toString())
				.param("q", "Otto")
				.with(user(coordinator))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content()
				.string(allOf(containsString("Otto Outside is not in the"), containsString("value=\"Otto\""))));
		assertThat(this.fixtures.shift(gap.id()).isGap()).isTrue();

		this.mvc
			.perform(post("/admin/gaps/{id}/assign", gap.id()).param("personId", taker.getId().toString())
				.with(user(coordinator))
				.with(csrf()))
			.andExpect(redirectedUrl("/rotations/" + rotation.id() + "?week=" + gap.date()))
			.andExpect(flash().attribute("message", taker.getName() + " now holds the shift."));
		ShiftView filled = this.fixtures.shift(gap.id());
		assertThat(filled.assigneeId()).isEqualTo(taker.getId());
		assertThat(filled.sequence()).as("calendars see the change").isEqualTo(gap.sequence() + 1);
		assertThat(filled.layerId()).isEqualTo(layerOf(rotation, taker));
		assertThat(this.auditLog.about("shift", gap.id())).extracting(e -> e.getAction()).contains("gap.assigned");
		assertThat(notices(taker.getId(), "gap.assigned")).isEqualTo(1);

		this.mvc
			.perform(post("/admin/gaps/{id}/assign", gap.id()).param("personId", outsider.getId().toString())
				.with(user(coordinator))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("holds this shift")));
		assertThat(this.fixtures.shift(gap.id()).assigneeId()).isEqualTo(taker.getId());
	}

	@Test
	void aGapInsideTheFreezeWindowIsAnnouncedAtOnceAndAssignedOnlyWithTheCheckbox() throws Exception {
		Planned planned = this.fixtures.planned(8, 3);
		Rotation rotation = planned.rotation();
		Person coordinatorPerson = this.testPeople.coordinator("Fran Freeze");
		SignedInPerson coordinator = TestPeople.signedIn(coordinatorPerson);
		Instant now = Instant.now();
		ShiftView soon = this.fixtures.shifts
			.ofRotation(rotation.id(), now.plus(Duration.ofHours(2)), now.plus(Duration.ofHours(20)))
			.stream()
			.filter(s -> !s.shadow() && !s.isGap() && s.start().isAfter(now.plus(Duration.ofHours(2))))
			.findFirst()
			.orElseThrow();
		ShiftView gap = makeGap(soon);
		assertThat(this.jdbc.queryForObject("""
				select count(*) from notification where recipient_id = ? and kind = 'coverage.gap' and body like ?""",
				Integer.class, coordinatorPerson.getId(), "%(shift " + gap.id() + ")%"))
			.as("announced with the change, not in a digest")
			.isEqualTo(1);
		Person taker = fits(gap, planned.staff().stream().filter(p -> !p.getId().equals(soon.assigneeId())).toList());
		this.mvc.perform(get("/admin/gaps/{id}", gap.id()).with(user(coordinator)))
			.andExpect(content().string(containsString("starts within the freeze window")));
		this.mvc
			.perform(post("/admin/gaps/{id}/assign", gap.id()).param("personId", taker.getId().toString())
				.with(user(coordinator))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("tick the box to assign it anyway"),
					containsString("id=\"person-" + taker.getId() + "\""))));
		assertThat(this.fixtures.shift(gap.id()).isGap()).isTrue();
		this.mvc
			.perform(post("/admin/gaps/{id}/assign", gap.id()).param("personId", taker.getId().toString())
				.param("overrideFreeze", "true")
				.with(user(coordinator))
				.with(csrf()))
			.andExpect(redirectedUrlPattern("/rotations/*"));
		assertThat(this.fixtures.shift(gap.id()).assigneeId()).isEqualTo(taker.getId());
		assertThat(this.auditLog.about("shift", gap.id()))
			.anySatisfy(e -> assertThat(e.getDetails()).contains("freeze window overridden"));
	}

	@Test
	void aGapOpenedToVolunteersGoesToTheFirstEligibleTakerAndTheOtherIsToldWhoWon() throws Exception {
		Planned planned = this.fixtures.planned(8, 3);
		Rotation rotation = planned.rotation();
		Person coordinatorPerson = this.testPeople.coordinator("Vera Volunteers");
		SignedInPerson coordinator = TestPeople.signedIn(coordinatorPerson);
		ShiftView gap = makeGap(this.fixtures.swappable(rotation).get(7));
		Person outsider = this.testPeople.manager("Not A Member");

		this.mvc
			.perform(post("/admin/gaps/{id}/open", gap.id()).param("message", "x".repeat(1001))
				.with(user(coordinator))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Keep the message under 1,000 characters.")));
		this.mvc
			.perform(post("/admin/gaps/{id}/open", gap.id()).param("message", "Christmas <eve>")
				.with(user(TestPeople.signedIn(planned.staff().get(0))))
				.with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/gaps/{id}/open", gap.id()).param("message", "Christmas <eve>")
				.with(user(coordinator))
				.with(csrf()))
			.andExpect(redirectedUrlPattern("/swaps/*"));
		SwapRequest open = this.requests.openForShift(gap.id()).orElseThrow();
		assertThat(open.forGap()).isTrue();
		assertThat(open.kind()).isEqualTo(SwapKind.OPEN_COVER);
		List<Person> eligible = planned.staff().stream().filter(p -> canTake(gap, p)).toList();
		assertThat(eligible).hasSizeGreaterThanOrEqualTo(2);
		assertThat(notices(eligible.get(0).getId(), "swap.open-cover")).isEqualTo(1);
		this.mvc.perform(post("/admin/gaps/{id}/open", gap.id()).with(user(coordinator)).with(csrf()))
			.andExpect(content().string(containsString("already open to volunteers")));

		String page = "/rotations/" + rotation.id() + "?week=" + gap.date();
		this.mvc.perform(get(page).with(user(TestPeople.signedIn(eligible.get(0)))))
			.andExpect(content().string(containsString("action=\"/swaps/" + open.id() + "/accept\"")));
		this.mvc.perform(get(page).with(user(TestPeople.signedIn(outsider))))
			.andExpect(content().string(not(containsString("action=\"/swaps/" + open.id() + "/accept\""))));
		this.mvc.perform(get("/swaps/{id}", open.id()).with(user(TestPeople.signedIn(eligible.get(0)))))
			.andExpect(content().string(allOf(containsString("A coverage gap needs someone: the "),
					containsString("Christmas &lt;eve&gt;"))));

		Person first = eligible.get(0);
		Person second = eligible.get(1);
		Race race = this.fixtures.raceToAccept(List.of(first, second), open.id());
		assertThat(race.winners()).hasSize(1);
		Person winner = race.winners().get(0) == first.getId().longValue() ? first : second;
		Person loser = winner == first ? second : first;
		assertThat(race.refusals()).containsExactly("Already taken by " + winner.getName() + ".");
		ShiftView taken = this.fixtures.shift(gap.id());
		assertThat(taken.assigneeId()).isEqualTo(winner.getId());
		assertThat(taken.layerId()).isEqualTo(layerOf(rotation, winner));
		assertThat(taken.reason()).contains("volunteered for a coverage gap");
		assertThat(notices(coordinatorPerson.getId(), "swap.accepted")).isEqualTo(1);
		this.mvc.perform(post("/swaps/{id}/accept", open.id()).with(user(TestPeople.signedIn(loser))).with(csrf()))
			.andExpect(flash().attribute("problem", "Already taken by " + winner.getName() + "."));
		assertThatThrownBy(() -> this.swaps.undo(coordinator, open.id())).isInstanceOf(SwapRefused.class)
			.hasMessageContaining("not undone");
		assertThat(this.fixtures.shift(gap.id()).assigneeId()).isEqualTo(winner.getId());
	}

	@Test
	void theCoordinatorAssigningAGapCancelsItsOpenCover() throws Exception {
		Planned planned = this.fixtures.planned(8, 3);
		SignedInPerson coordinator = TestPeople.signedIn(this.testPeople.coordinator("Carl Cancel"));
		ShiftView gap = makeGap(this.fixtures.swappable(planned.rotation()).get(9));
		SwapRequest open = this.fixtures.gaps.openToVolunteers(coordinator, gap.id(), "");
		Person taker = fits(gap, planned.staff());
		this.mvc
			.perform(post("/admin/gaps/{id}/assign", gap.id()).param("personId", taker.getId().toString())
				.with(user(coordinator))
				.with(csrf()))
			.andExpect(redirectedUrlPattern("/rotations/*"));
		assertThat(this.requests.find(open.id()).orElseThrow().state()).isEqualTo(SwapState.CANCELLED);
		Person late = planned.staff().stream().filter(p -> !p.getId().equals(taker.getId())).findFirst().orElseThrow();
		assertThatThrownBy(() -> this.swaps.accept(TestPeople.signedIn(late), open.id(), null, ""))
			.isInstanceOf(SwapRefused.class);
		assertThat(this.fixtures.shift(gap.id()).assigneeId()).isEqualTo(taker.getId());
	}

	/**
	 * Takes the shift away from its owner (as a repair finding nobody would), leaving a
	 * gap.
	 */
	private ShiftView makeGap(ShiftView shift) {
		this.transaction.executeWithoutResult(
				tx -> this.shiftChanges.reassign(shift.id(), shift.version(), null, "nobody could take it (test)"));
		ShiftView gap = this.fixtures.shift(shift.id());
		assertThat(gap.isGap()).isTrue();
		return gap;
	}

	private boolean canTake(ShiftView gap, Person person) {
		return this.fixtures.gaps.search(gap, person.getEmail(), null)
			.stream()
			.anyMatch(m -> m.id() == person.getId() && m.fits());
	}

	private Person fits(ShiftView gap, List<Person> staff) {
		return staff.stream().filter(p -> canTake(gap, p)).findFirst().orElseThrow();
	}

	private long layerOf(Rotation rotation, Person person) {
		return this.rotations.participants(rotation.id())
			.stream()
			.filter(p -> p.personId() == person.getId())
			.findFirst()
			.orElseThrow()
			.layerId();
	}

	private int notices(long personId, String kind) {
		return this.jdbc.queryForObject("select count(*) from notification where recipient_id = ? and kind = ?",
				Integer.class, personId, kind);
	}

}
