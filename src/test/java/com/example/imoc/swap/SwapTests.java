package com.example.imoc.swap;

import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.quartz.JobKey;
import org.quartz.Scheduler;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;
import com.example.imoc.audit.AuditLog;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.people.TestPeople;
import com.example.imoc.people.OnboardingState;
import com.example.imoc.people.TimeAway;
import com.example.imoc.people.Unavailability;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.swap.SwapFixtures.Planned;
import com.example.imoc.swap.SwapFixtures.Race;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class SwapTests {

	@Autowired
	SwapFixtures fixtures;

	@Autowired
	Swaps swaps;

	@Autowired
	SwapRequests requests;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	AuditLog auditLog;

	@Autowired
	TestPeople testPeople;

	@Autowired
	PersonRepository people;

	@Autowired
	Rotations rotations;

	@Autowired
	TimeAway timeAway;

	private SignedInPerson holder(ShiftView shift) {
		return SwapFixtures.holder(shift);
	}

	private int notices(long personId, String kind) {
		return this.jdbc.queryForObject("select count(*) from notification where recipient_id = ? and kind = ?",
				Integer.class, personId, kind);
	}

	@Test
	void aSwapThroughTheFormIsAcceptedByTheCounterpartAndBothShiftsChangeHands() throws Exception {
		Planned planned = this.fixtures.planned(8, 3);
		NewSwap ask = this.fixtures.validSwap(planned.rotation());
		ShiftView mine = this.fixtures.shift(ask.shiftId());
		ShiftView theirs = this.fixtures.shift(ask.counterpartShiftId());
		this.mvc
			.perform(post("/swaps").param("shift", String.valueOf(mine.id()))
				.param("kind", "SWAP")
				.param("counterpartShiftId", String.valueOf(theirs.id()))
				.param("message", "dentist")
				.with(user(holder(mine)))
				.with(csrf()))
			.andExpect(redirectedUrlPattern("/swaps/*"));
		SwapRequest request = this.requests.openForShift(mine.id()).orElseThrow();
		assertThat(request.state()).isEqualTo(SwapState.PENDING);
		assertThat(notices(theirs.assigneeId(), "swap.requested")).isEqualTo(1);
		this.mvc.perform(get("/swaps/{id}", request.id()).with(user(holder(theirs))))
			.andExpect(content().string(allOf(containsString("dentist"), containsString("What changes"),
					containsString(mine.assigneeName()))));
		this.mvc.perform(post("/swaps/{id}/accept", request.id()).with(user(holder(theirs))).with(csrf()))
			.andExpect(redirectedUrlPattern("/swaps/*"));
		assertThat(this.fixtures.shift(mine.id()).assigneeId()).isEqualTo(theirs.assigneeId());
		assertThat(this.fixtures.shift(theirs.id()).assigneeId()).isEqualTo(mine.assigneeId());
		assertThat(this.fixtures.shift(mine.id()).sequence()).isEqualTo(mine.sequence() + 1);
		assertThat(this.requests.find(request.id()).orElseThrow().state()).isEqualTo(SwapState.ACCEPTED);
		assertThat(notices(mine.assigneeId(), "swap.accepted")).isEqualTo(1);
		assertThat(this.auditLog.about("swap", request.id())).extracting(e -> e.getAction())
			.contains("swap.requested", "swap.accepted");
		this.mvc.perform(get("/my/shifts").with(user(holder(theirs))))
			.andExpect(content().string(containsString("/swaps/new?shift=" + mine.id())));
	}

	@Test
	void aPartialCoverSplitsTheShiftAndOnlyThePartChangesHands() {
		Planned planned = this.fixtures.planned(8, 3);
		NewSwap cover = this.fixtures.validCover(planned);
		ShiftView shift = this.fixtures.shift(cover.shiftId());
		Instant from = shift.start().plus(Duration.ofHours(1));
		Instant to = shift.start().plus(Duration.ofHours(3));
		SwapRequest request = this.swaps.request(holder(shift),
				new NewSwap(shift.id(), SwapKind.COVER, null, cover.toPersonId(), from, to, "", null, false, null));
		Person taker = this.people.findById(cover.toPersonId()).orElseThrow();
		SwapRequest accepted = this.swaps.accept(TestPeople.signedIn(taker), request.id(), null, "");
		assertThat(accepted.state()).isEqualTo(SwapState.ACCEPTED);
		List<ShiftView> parts = this.fixtures.shifts.ofRotation(planned.rotation().id(), shift.start(), shift.end())
			.stream()
			.filter(s -> !s.shadow() && s.slotId() == shift.slotId())
			.toList();
		assertThat(parts).extracting(ShiftView::start).containsExactly(shift.start(), from, to);
		assertThat(parts).extracting(ShiftView::assigneeId)
			.containsExactly(shift.assigneeId(), taker.getId(), shift.assigneeId());
		assertThat(parts.get(0).id()).as("the original keeps its id (and calendar UID)").isEqualTo(shift.id());
	}

	@Test
	void anOpenCoverIsTakenByAThirdPerson() throws Exception {
		Planned planned = this.fixtures.planned(8, 3);
		ShiftView shift = this.fixtures.swappable(planned.rotation()).get(3);
		SwapRequest request = this.swaps.request(holder(shift),
				new NewSwap(shift.id(), SwapKind.OPEN_COVER, null, null, null, null, "anyone?", null, false, null));
		Person newcomer = this.testPeople.manager("Open Taker");
		this.rotations.join(planned.rotation().id(), newcomer.getId(),
				planned.rotation().layer("weekdays and weekends").orElseThrow().id());
		assertThat(notices(planned.staff().get(0).getId(), "swap.open-cover")
				+ notices(planned.staff().get(1).getId(), "swap.open-cover"))
			.isPositive();
		this.mvc.perform(get("/swaps").with(user(TestPeople.signedIn(newcomer))))
			.andExpect(content().string(containsString("Open cover #" + request.id())));
		this.mvc
			.perform(post("/swaps/{id}/accept", request.id()).with(user(TestPeople.signedIn(newcomer))).with(csrf()))
			.andExpect(redirectedUrlPattern("/swaps/*"));
		assertThat(this.fixtures.shift(shift.id()).assigneeId()).isEqualTo(newcomer.getId());
		assertThat(this.requests.find(request.id()).orElseThrow().counterpartId()).isEqualTo(newcomer.getId());
	}

	@Test
	void aHundredPeopleTakingOneOpenCoverAtOnceLeaveExactlyOneWinner() throws Exception {
		Planned planned = this.fixtures.planned(6, 2);
		ShiftView shift = this.fixtures.swappable(planned.rotation()).get(2);
		SwapRequest request = this.swaps.request(holder(shift),
				new NewSwap(shift.id(), SwapKind.OPEN_COVER, null, null, null, null, "", null, false, null));
		long layer = planned.rotation().layer("weekdays and weekends").orElseThrow().id();
		List<Person> takers = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			Person taker = this.testPeople.manager("Racer " + i);
			this.rotations.join(planned.rotation().id(), taker.getId(), layer);
			takers.add(taker);
		}
		Race race = this.fixtures.raceToAccept(takers, request.id());
		assertThat(race.winners()).hasSize(1);
		assertThat(race.refusals()).hasSize(99)
			.allSatisfy(message -> assertThat(message).startsWith("Already taken by"));
		assertThat(this.fixtures.shift(shift.id()).assigneeId()).isEqualTo(race.winners().get(0));
		assertThat(this.jdbc.queryForObject(
				"select count(*) from shift where rotation_id = ? and slot_id = ? "
						+ "and state = 'SCHEDULED' and not shadow and tstzrange(starts_at, ends_at) && tstzrange(?, ?)",
				Integer.class, shift.rotationId(), shift.slotId(), Timestamp.from(shift.start()),
				Timestamp.from(shift.end())))
			.isEqualTo(1);
	}

	@Test
	void eachRuleRefusesWithItsReason() {
		Planned planned = this.fixtures.planned(8, 3);
		Rotation rotation = planned.rotation();
		List<ShiftView> future = this.fixtures.swappable(rotation);
		ShiftView shift = future.get(0);
		SignedInPerson holder = holder(shift);
		ShiftView running = this.fixtures.shifts.runningAt(Instant.now())
			.stream()
			.filter(s -> s.rotationId() == rotation.id() && !s.shadow())
			.findFirst()
			.orElseThrow();
		assertThat(messages(holder(running), cover(running, planned.staff().get(0).getId() == running.assigneeId()
				? planned.staff().get(1) : planned.staff().get(0))))
			.anyMatch(m -> m.contains("has already started"));
		ShiftView soon = this.fixtures.shifts.nextStart(rotation.id(), Instant.now()).orElseThrow();
		assertThat(messages(holder(soon), cover(soon, other(planned, soon))))
			.anyMatch(m -> m.contains("freeze window"));
		Person shadow = this.testPeople.manager("Still Shadowing");
		shadow.setOnboardingState(OnboardingState.SHADOW);
		this.people.save(shadow);
		this.rotations.join(rotation.id(), shadow.getId(), rotation.layer("weekdays and weekends").orElseThrow().id());
		assertThat(messages(holder, cover(shift, shadow))).anyMatch(m -> m.contains("still onboarding"));
		Person outsider = this.testPeople.manager("Not In Rotation");
		assertThat(messages(holder, cover(shift, outsider))).anyMatch(m -> m.contains("is not in the"));
		Person weekdays = this.testPeople.manager("Weekday Contract");
		weekdays.setWeekdaysOnly(true);
		this.people.save(weekdays);
		this.rotations.join(rotation.id(), weekdays.getId(), rotation.layer("weekdays-only").orElseThrow().id());
		ShiftView saturday = future.stream()
			.filter(s -> s.date().getDayOfWeek() == DayOfWeek.SATURDAY)
			.findFirst()
			.orElseThrow();
		assertThat(messages(holder(saturday), cover(saturday, weekdays)))
			.anyMatch(m -> m.contains("does not cover Saturdays"));
		Person away = this.testPeople.manager("On Holiday");
		this.rotations.join(rotation.id(), away.getId(), rotation.layer("weekdays and weekends").orElseThrow().id());
		this.timeAway.seed(away.getId(), Unavailability.Kind.PTO, shift.date().minusDays(1), shift.date().plusDays(1),
				"beach");
		assertThat(messages(holder, cover(shift, away))).anyMatch(m -> m.contains("is away then"));
		ShiftView next = future.stream()
			.filter(s -> s.start().equals(shift.end()) && !s.assigneeId().equals(shift.assigneeId()))
			.findFirst()
			.orElseThrow();
		Person neighbour = this.people.findById(next.assigneeId()).orElseThrow();
		assertThat(messages(holder, cover(shift, neighbour))).anyMatch(m -> m.contains("of rest next to"));
	}

	@Test
	void aRequestMadeStaleByARepairIsRefusedAndSaysSo() {
		Planned planned = this.fixtures.planned(8, 3);
		NewSwap ask = this.fixtures.validSwap(planned.rotation());
		ShiftView mine = this.fixtures.shift(ask.shiftId());
		ShiftView theirs = this.fixtures.shift(ask.counterpartShiftId());
		SwapRequest request = this.swaps.request(holder(mine), ask);
		this.jdbc.update("update shift set version = version + 1, reason = 'repaired' where id = ?", mine.id());
		assertThatThrownBy(() -> this.swaps.accept(holder(theirs), request.id(), null, ""))
			.isInstanceOf(SwapRefused.class)
			.hasMessageContaining("no longer valid");
		assertThat(this.requests.find(request.id()).orElseThrow().state()).isEqualTo(SwapState.INVALID);
		assertThat(this.fixtures.shift(theirs.id()).assigneeId()).isEqualTo(theirs.assigneeId());
	}

	@Test
	void nobodyActsOnSomeoneElsesRequestAndNothingChanges() throws Exception {
		Planned planned = this.fixtures.planned(8, 3);
		NewSwap ask = this.fixtures.validSwap(planned.rotation());
		ShiftView mine = this.fixtures.shift(ask.shiftId());
		SwapRequest request = this.swaps.request(holder(mine), ask);
		Person stranger = planned.staff().stream().filter(p -> !request.involves(p.getId())).findFirst().orElseThrow();
		SignedInPerson intruder = TestPeople.signedIn(stranger);
		this.mvc.perform(post("/swaps/{id}/accept", request.id()).with(user(intruder)).with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/swaps/{id}/decline", request.id()).with(user(intruder)).with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/swaps/{id}/cancel", request.id()).with(user(intruder)).with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/swaps/{id}", request.id()).with(user(intruder))).andExpect(status().isForbidden());
		this.mvc.perform(get("/swaps/new").param("shift", String.valueOf(mine.id())).with(user(intruder)))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/swaps").param("shift", String.valueOf(mine.id()))
				.param("kind", "OPEN_COVER")
				.with(user(intruder))
				.with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/api/v1/swaps/{id}/accept", request.id()).with(user(intruder)).with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(this.requests.find(request.id()).orElseThrow().state()).isEqualTo(SwapState.PENDING);
		assertThat(this.fixtures.shift(mine.id()).assigneeId()).isEqualTo(mine.assigneeId());
	}

	@Test
	void aBadFormComesBackWithTheErrorBesideTheFieldAndWhatWasTyped() throws Exception {
		Planned planned = this.fixtures.planned(8, 3);
		ShiftView shift = this.fixtures.swappable(planned.rotation()).get(0);
		this.mvc
			.perform(post("/swaps").param("shift", String.valueOf(shift.id()))
				.param("kind", "COVER")
				.param("partStart", "soon")
				.param("message", "typed <message>")
				.with(user(holder(shift)))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("is not a date and time"),
					containsString("typed &lt;message&gt;</textarea>"), containsString("value=\"soon\""))));
		this.mvc
			.perform(post("/swaps").param("shift", String.valueOf(shift.id()))
				.param("kind", "COVER")
				.with(user(holder(shift)))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Choose who should cover the shift.")));
		assertThat(this.requests.openForShift(shift.id())).isEmpty();
	}

	@Test
	void acceptedSwapsCanBeUndoneByBothWithinTheGracePeriodOnly() {
		Planned planned = this.fixtures.planned(8, 3);
		NewSwap ask = this.fixtures.validSwap(planned.rotation());
		ShiftView mine = this.fixtures.shift(ask.shiftId());
		ShiftView theirs = this.fixtures.shift(ask.counterpartShiftId());
		SwapRequest request = this.swaps.request(holder(mine), ask);
		this.swaps.accept(holder(theirs), request.id(), null, "");
		SwapRequest half = this.swaps.undo(holder(mine), request.id());
		assertThat(half.state()).isEqualTo(SwapState.ACCEPTED);
		assertThat(this.fixtures.shift(mine.id()).assigneeId()).isEqualTo(theirs.assigneeId());
		SwapRequest undone = this.swaps.undo(holder(theirs), request.id());
		assertThat(undone.state()).isEqualTo(SwapState.UNDONE);
		assertThat(this.fixtures.shift(mine.id()).assigneeId()).isEqualTo(mine.assigneeId());
		assertThat(this.fixtures.shift(theirs.id()).assigneeId()).isEqualTo(theirs.assigneeId());

		NewSwap again = this.fixtures.validSwap(planned.rotation());
		ShiftView a = this.fixtures.shift(again.shiftId());
		ShiftView b = this.fixtures.shift(again.counterpartShiftId());
		SwapRequest second = this.swaps.request(holder(a), again);
		this.swaps.accept(holder(b), second.id(), null, "");
		this.jdbc.update("update swap_request set undo_until = now() - interval '1 minute' where id = ?", second.id());
		assertThatThrownBy(() -> this.swaps.undo(holder(a), second.id())).isInstanceOf(SwapRefused.class)
			.hasMessageContaining("time to undo this has passed");
		assertThat(this.fixtures.shift(a.id()).assigneeId()).isEqualTo(b.assigneeId());
	}

	@Test
	void theQuartzJobExpiresRequestsWhoseDeadlinePassed(@Autowired Scheduler scheduler) throws Exception {
		Planned planned = this.fixtures.planned(6, 2);
		ShiftView shift = this.fixtures.swappable(planned.rotation()).get(1);
		SwapRequest request = this.swaps.request(holder(shift), new NewSwap(shift.id(), SwapKind.OPEN_COVER, null, null,
				null, null, "", Instant.now().plus(Duration.ofHours(1)), false, null));
		this.jdbc.update("update swap_request set deadline = now() - interval '1 second' where id = ?", request.id());
		scheduler.triggerJob(JobKey.jobKey("expire-swap-requests", "swap"));
		long deadline = System.currentTimeMillis() + 20_000;
		while (this.requests.find(request.id()).orElseThrow().state() == SwapState.PENDING
				&& System.currentTimeMillis() < deadline) {
			Thread.sleep(200);
		}
		assertThat(this.requests.find(request.id()).orElseThrow().state()).isEqualTo(SwapState.EXPIRED);
		assertThat(notices(shift.assigneeId(), "swap.expired")).isEqualTo(1);
	}

	@Test
	void theCoordinatorApprovesWhenTheRotationAsksForIt() {
		Planned planned = this.fixtures.planned(8, 3);
		this.jdbc.update("update rotation set swap_needs_approval = true where id = ?", planned.rotation().id());
		NewSwap ask = this.fixtures.validSwap(planned.rotation());
		ShiftView mine = this.fixtures.shift(ask.shiftId());
		ShiftView theirs = this.fixtures.shift(ask.counterpartShiftId());
		SwapRequest request = this.swaps.request(holder(mine), ask);
		assertThat(this.swaps.accept(holder(theirs), request.id(), null, "").state())
			.isEqualTo(SwapState.APPROVAL_PENDING);
		assertThat(this.fixtures.shift(mine.id()).assigneeId()).isEqualTo(mine.assigneeId());
		assertThatThrownBy(() -> this.swaps.approve(holder(theirs), request.id(), ""))
			.isInstanceOf(AccessDeniedException.class);
		Person coordinator = this.testPeople.coordinator("Cora Approves");
		assertThat(this.swaps.approve(TestPeople.signedIn(coordinator), request.id(), "fine").state())
			.isEqualTo(SwapState.APPROVED);
		assertThat(this.fixtures.shift(mine.id()).assigneeId()).isEqualTo(theirs.assigneeId());
	}

	@Test
	void theApiCreatesAndAnswersWithTheDocumentedShapes() throws Exception {
		Planned planned = this.fixtures.planned(8, 3);
		NewSwap ask = this.fixtures.validCover(planned);
		ShiftView shift = this.fixtures.shift(ask.shiftId());
		Person to = this.people.findById(ask.toPersonId()).orElseThrow();
		String body = "{\"kind\": \"COVER\", \"shiftId\": " + shift.id() + ", \"toPersonId\": " + to.getId()
				+ ", \"message\": \"thanks\"}";
		String created = this.mvc
			.perform(post("/api/v1/swaps").contentType(MediaType.APPLICATION_JSON)
				.content(body)
				.with(user(holder(shift)))
				.with(csrf()))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.kind").value("COVER"))
			.andExpect(jsonPath("$.state").value("PENDING"))
			.andExpect(jsonPath("$.shiftId").value(shift.id()))
			.andReturn()
			.getResponse()
			.getContentAsString();
		long id = Long.parseLong(created.replaceAll("^\\{\"id\":(\\d+).*$", "$1"));
		this.mvc.perform(post("/api/v1/swaps/{id}/accept", id).with(user(TestPeople.signedIn(to))).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("ACCEPTED"));
		this.mvc.perform(post("/api/v1/swaps/{id}/accept", id).with(user(TestPeople.signedIn(to))).with(csrf()))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.error").exists());
		this.mvc
			.perform(post("/api/v1/swaps").contentType(MediaType.APPLICATION_JSON)
				.content("{\"kind\": \"BARTER\", \"shiftId\": 1}")
				.with(user(holder(shift)))
				.with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.fields.kind").exists());
	}

	private NewSwap cover(ShiftView shift, Person to) {
		return new NewSwap(shift.id(), SwapKind.COVER, null, to.getId(), null, null, "", null, false, null);
	}

	private Person other(Planned planned, ShiftView shift) {
		return planned.staff().stream().filter(p -> !p.getId().equals(shift.assigneeId())).findFirst().orElseThrow();
	}

	private List<String> messages(SignedInPerson actor, NewSwap ask) {
		return this.swaps.validate(actor, ask).stream().map(SwapRefused::getMessage).toList();
	}

}
