package com.example.imoc.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.IntegrationTest;
import com.example.imoc.MutableClock;
import com.example.imoc.RecordedStatements;
import com.example.imoc.database.DataChanges;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.schedule.ScheduleMaintenance;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;
import com.example.imoc.schedule.TestRotations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * The personal parts of every page (unread count, incoming handover note, notification
 * preferences) kept per person and data generation (issue 17): read once while nothing
 * changed, read again after any change, and never another person's. Across two nodes:
 * {@code web.TwoNodeCacheTests}.
 */
@IntegrationTest
@Import(RecordedStatements.class)
class PersonalNoticesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	PersonalNotices personal;

	@Autowired
	Notifications notifications;

	@Autowired
	Inbox inbox;

	@Autowired
	Handoffs handoffs;

	@Autowired
	NotificationPreferences preferences;

	@Autowired
	DataChanges changes;

	@Autowired
	TestPeople testPeople;

	@Autowired
	TestRotations testRotations;

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	Shifts shifts;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void theUnreadCountIsEachPersonsOwnKeptWhileNothingChangesAndFollowsNewNoticesAndMarkingRead() throws Exception {
		Person owner = this.testPeople.manager("Una Read");
		Person other = this.testPeople.manager("Otis Other");
		notify(owner, "One");
		long second = notify(owner, "Two");
		notify(other, "Yours");
		assertThat(this.personal.unread(owner.getId())).isEqualTo(2);
		assertThat(this.personal.unread(other.getId())).isEqualTo(1);
		assertThat(readAgainWhileNothingChanged(() -> this.personal.unread(owner.getId()))).isEmpty();

		notify(owner, "Three");
		assertThat(this.personal.unread(owner.getId())).isEqualTo(3);
		this.mvc.perform(get("/").with(user(TestPeople.signedIn(owner))))
			.andExpect(content().string(containsString("title=\"3 unread\"")));
		this.mvc.perform(post("/notifications/{id}/read", second).with(user(TestPeople.signedIn(owner))).with(csrf()))
			.andExpect(redirectedUrl("/notifications"));
		this.mvc.perform(get("/").with(user(TestPeople.signedIn(owner))))
			.andExpect(content().string(containsString("title=\"2 unread\"")));
		this.mvc.perform(get("/my/shifts").with(user(TestPeople.signedIn(other))))
			.andExpect(content().string(containsString("title=\"1 unread\"")));
		this.mvc.perform(post("/notifications/read-all").with(user(TestPeople.signedIn(other))).with(csrf()));
		this.mvc.perform(get("/").with(user(TestPeople.signedIn(other))))
			.andExpect(content().string(not(containsString("class=\"badge\""))));
		assertThat(this.personal.unread(owner.getId())).isEqualTo(this.inbox.unread(owner.getId())).isEqualTo(2);
	}

	@Test
	void preferencesAreReadAgainOnceSaved() throws Exception {
		Person me = this.testPeople.manager("Pru Kept");
		Person other = this.testPeople.manager("Pat Untouched");
		assertThat(this.personal.preferences(me.getId())).isEqualTo(this.personal.preferences(other.getId()))
			.isEqualTo(this.preferences.of(me.getId()));
		this.mvc.perform(
				post("/profile/notifications").with(user(TestPeople.signedIn(me))).with(csrf()).param("leads", "3h"))
			.andExpect(redirectedUrl("/profile#notifications"));
		assertThat(this.personal.preferences(me.getId()).leadsText()).isEqualTo("3h");
		assertThat(this.personal.preferences(me.getId()).mailEnabled()).isFalse();
		assertThat(this.personal.preferences(other.getId()).leadsText()).isEqualTo("24h, 1h");
		this.mvc.perform(get("/profile").with(user(TestPeople.signedIn(me))))
			.andExpect(content().string(containsString("value=\"3h\"")));
	}

	/**
	 * The incoming IM's note, walked in six-hour steps from three days before the shift
	 * it leads into until two days after it ended: at every step what is kept is what the
	 * note's query says at that moment, although no data changed when the shift ended.
	 */
	@Test
	void theIncomingNoteIsKeptUntilTheShiftItLeadsIntoEnds() throws Exception {
		Rotation rotation = this.testRotations.imocLike(2);
		this.testRotations.staff(rotation, 6);
		this.maintenance.maintain(rotation.id());
		Instant now = Instant.now();
		List<ShiftView> planned = this.shifts
			.ofRotation(rotation.id(), now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(10)))
			.stream()
			.filter(s -> !s.shadow())
			.toList();
		ShiftView outgoing = planned.stream()
			.filter(s -> planned.stream()
				.anyMatch(n -> n.start().equals(s.end()) && n.assigneeId() != null
						&& !n.assigneeId().equals(s.assigneeId())))
			.findFirst()
			.orElseThrow();
		ShiftView incoming = planned.stream().filter(n -> n.start().equals(outgoing.end())).findFirst().orElseThrow();
		long reader = incoming.assigneeId();
		this.mvc
			.perform(post("/handover/{id}", outgoing.id()).with(user(signedIn(outgoing.assigneeId())))
				.with(csrf())
				.param("note", "Watch <the> queue."))
			.andExpect(redirectedUrl("/handover/" + outgoing.id()));

		MutableClock clock = new MutableClock(incoming.start().minus(Duration.ofDays(3)));
		PersonalNotices kept = new PersonalNotices(this.changes, clock, this.inbox, this.handoffs, this.preferences);
		// A newer note is read again at once.
		assertThat(kept.incomingNote(reader).orElseThrow().note().body()).isEqualTo("Watch <the> queue.");
		this.mvc
			.perform(post("/handover/{id}", outgoing.id()).with(user(signedIn(outgoing.assigneeId())))
				.with(csrf())
				.param("note", "Queue is fine now."))
			.andExpect(redirectedUrl("/handover/" + outgoing.id()));
		assertThat(kept.incomingNote(reader).orElseThrow().note().body()).isEqualTo("Queue is fine now.");
		assertThat(kept.incomingNote(outgoing.assigneeId()).map(n -> n.note().body()))
			.isNotEqualTo(Optional.of("Queue is fine now."));

		int shown = 0;
		int gone = 0;
		while (clock.instant().isBefore(incoming.end().plus(Duration.ofDays(2)))) {
			var expected = this.handoffs.forIncoming(reader, clock.instant()).map(n -> n.note().body());
			assertThat(kept.incomingNote(reader).map(n -> n.note().body())).as("at %s", clock.instant())
				.isEqualTo(expected);
			if (expected.isPresent()) {
				shown++;
			}
			else {
				gone++;
			}
			clock.add(Duration.ofHours(6));
		}
		assertThat(shown).isPositive();
		assertThat(gone).isPositive();
	}

	/**
	 * The statements a second read sends once the first has filled the memory: a read
	 * counts only when no data change arrived since before the first (the set-up's own
	 * writes are announced asynchronously too).
	 */
	private List<String> readAgainWhileNothingChanged(Runnable read) throws Exception {
		for (int attempt = 0; attempt < 20; attempt++) {
			long before = this.changes.stamp();
			read.run();
			List<String> sent = RecordedStatements.record(read::run);
			if (this.changes.isCurrent(before)) {
				return sent;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("the data generation never stood still");
	}

	private com.example.imoc.people.SignedInPerson signedIn(long personId) {
		return TestPeople.signedIn(this.testPeople.find(personId));
	}

	private long notify(Person person, String subject) {
		return new TransactionTemplate(this.transactionManager).execute(tx -> {
			this.notifications.send(new Notice(person.getId(), "test", subject, "Body", "/"));
			return this.inbox.of(person.getId()).get(0).id();
		});
	}

}
