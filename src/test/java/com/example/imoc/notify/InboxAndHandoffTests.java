package com.example.imoc.notify;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.IntegrationTest;
import com.example.imoc.people.Person;
import com.example.imoc.people.SignedInPerson;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The inbox pages, the notification preferences on the profile, and handoffs with their
 * handover note (no mail server here: mails would only be logged).
 */
@IntegrationTest
class InboxAndHandoffTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	Notifications notifications;

	@Autowired
	NotificationPreferences preferences;

	@Autowired
	Handoffs handoffs;

	@Autowired
	TestPeople testPeople;

	@Autowired
	TestRotations testRotations;

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	Shifts shifts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void theInboxListsMyNoticesNewestFirstAndMarksThemReadOneByOneOrAllAtOnce() throws Exception {
		Person me = this.testPeople.manager("Ina Box");
		long first = notify(me, "First <b>notice</b>");
		long second = notify(me, "Second notice");
		notify(me, "Third notice");
		this.mvc.perform(get("/notifications").with(user(TestPeople.signedIn(me))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("First &lt;b&gt;notice&lt;/b&gt;")))
			.andExpect(content().string(containsString("<span class=\"badge\" title=\"3 unread\">3</span>")))
			.andExpect(content().string(containsString("id=\"notification-" + first + "\" class=\"unread\"")))
			.andExpect(result -> {
				String page = result.getResponse().getContentAsString();
				assertThat(page.indexOf("Third notice")).isLessThan(page.indexOf("Second notice"));
			});

		this.mvc.perform(post("/notifications/{id}/read", second).with(user(TestPeople.signedIn(me))).with(csrf()))
			.andExpect(redirectedUrl("/notifications"));
		this.mvc.perform(get("/notifications").with(user(TestPeople.signedIn(me))))
			.andExpect(content().string(containsString("id=\"notification-" + second + "\" class=\"read\"")))
			.andExpect(content().string(containsString("title=\"2 unread\"")));

		this.mvc.perform(post("/notifications/read-all").with(user(TestPeople.signedIn(me))).with(csrf()))
			.andExpect(redirectedUrl("/notifications"))
			.andExpect(flash().attribute("message", "Marked 2 as read."));
		this.mvc.perform(get("/").with(user(TestPeople.signedIn(me))))
			.andExpect(content().string(not(containsString("class=\"badge\""))));
	}

	@Test
	void nobodyCanMarkSomeoneElsesNoticeRead() throws Exception {
		Person owner = this.testPeople.manager("Owen Mine");
		Person other = this.testPeople.manager("Otto Nosy");
		long id = notify(owner, "Private");
		notify(other, "Other's own");
		this.mvc.perform(post("/notifications/{id}/read", id).with(user(TestPeople.signedIn(other))).with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/notifications/{id}/read", Long.MAX_VALUE).with(user(TestPeople.signedIn(other)))
				.with(csrf()))
			.andExpect(status().isNotFound());
		this.mvc.perform(post("/notifications/{id}/read", id).with(user(TestPeople.signedIn(owner))))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/notifications/read-all").with(user(TestPeople.signedIn(other))).with(csrf()))
			.andExpect(flash().attribute("message", "Marked 1 as read."));
		assertThat(this.jdbc.sql("select read_at is null from notification where id = ?")
			.param(id)
			.query(Boolean.class)
			.single()).isTrue();
		this.mvc.perform(get("/notifications").with(user(TestPeople.signedIn(other))))
			.andExpect(content().string(not(containsString("Private"))));
	}

	@Test
	void theProfileShowsAndSavesNotificationPreferencesAndRejectsNonsense() throws Exception {
		Person me = this.testPeople.manager("Pia Prefs");
		this.mvc.perform(get("/profile").with(user(TestPeople.signedIn(me))))
			.andExpect(content().string(containsString("value=\"24h, 1h\"")))
			.andExpect(content().string(containsString("name=\"mail\" value=\"true\" checked")));
		this.mvc
			.perform(post("/profile/notifications").with(user(TestPeople.signedIn(me)))
				.with(csrf())
				.param("mail", "true")
				.param("leads", "1h; 2d 30m"))
			.andExpect(redirectedUrl("/profile#notifications"));
		assertThat(this.preferences.of(me.getId())).isEqualTo(new NotificationPreferences.Preferences(true,
				List.of(Duration.ofDays(2), Duration.ofHours(1), Duration.ofMinutes(30))));
		this.mvc.perform(
				post("/profile/notifications").with(user(TestPeople.signedIn(me))).with(csrf()).param("leads", "soon"))
			.andExpect(flash().attribute("leadsError", containsString("\"soon\" is not a lead time")));
		this.mvc.perform(
				post("/profile/notifications").with(user(TestPeople.signedIn(me))).with(csrf()).param("leads", "15d"))
			.andExpect(flash().attribute("leadsError", containsString("between 5 minutes and 14 days")));
		assertThat(this.preferences.of(me.getId()).leadsText()).isEqualTo("2d, 1h, 30m");
	}

	@Test
	void beforeAShiftEndsBothIMsGetAHandoffOnceAndTheNoteShowsOnTheIncomingIMsHomePage() throws Exception {
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

		Instant briefing = outgoing.end().minus(Duration.ofMinutes(30));
		assertThat(this.handoffs.sendDue(briefing.minusSeconds(1))).isZero();
		assertThat(this.handoffs.sendDue(briefing)).isGreaterThanOrEqualTo(2);
		assertThat(this.handoffs.sendDue(outgoing.end().plusSeconds(60))).isZero();
		assertThat(handoffLinks(outgoing.assigneeId())).containsExactly("/handover/" + outgoing.id());
		assertThat(handoffLinks(incoming.assigneeId())).containsExactly("/handover/" + outgoing.id());

		Person stranger = this.testPeople.manager("Stan Ger");
		this.mvc.perform(get("/handover/{id}", outgoing.id()).with(user(TestPeople.signedIn(stranger))))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/handover/{id}", outgoing.id()).with(user(signedIn(incoming.assigneeId())))
				.with(csrf())
				.param("note", "I am not the outgoing IM"))
			.andExpect(status().isForbidden());
		this.jdbc.sql(
				"insert into incident (title, severity, status, declared_at, root_cause) values (?, 'S2', 'ACTIVE', ?, 'SATURATION')")
			.params("Registry <slow> pulls", Timestamp.from(outgoing.start().plusSeconds(600)))
			.update();
		this.mvc.perform(get("/handover/{id}", outgoing.id()).with(user(signedIn(incoming.assigneeId()))))
			.andExpect(content().string(containsString("Severity 2 · Registry &lt;slow&gt; pulls")));
		this.mvc
			.perform(post("/handover/{id}", outgoing.id()).with(user(signedIn(outgoing.assigneeId())))
				.with(csrf())
				.param("note", "Registry <degraded>; watch the error budget."))
			.andExpect(redirectedUrl("/handover/" + outgoing.id()));
		this.mvc.perform(get("/").with(user(signedIn(incoming.assigneeId()))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Registry &lt;degraded&gt;; watch the error budget.")));
		this.mvc.perform(get("/").with(user(signedIn(outgoing.assigneeId()))))
			.andExpect(content().string(not(containsString("watch the error budget"))));
		this.mvc.perform(get("/handover/{id}", outgoing.id()).with(user(signedIn(incoming.assigneeId()))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("watch the error budget")))
			.andExpect(content().string(not(containsString("<textarea"))));
	}

	private List<String> handoffLinks(long personId) {
		return this.jdbc.sql("select link from notification where recipient_id = ? and kind = 'shift.handoff'")
			.param(personId)
			.query(String.class)
			.list();
	}

	private SignedInPerson signedIn(long personId) {
		return TestPeople.signedIn(this.testPeople.find(personId));
	}

	private long notify(Person person, String subject) {
		return new TransactionTemplate(this.transactionManager).execute(tx -> {
			this.notifications.send(new Notice(person.getId(), "test", subject, "Body", "/"));
			return this.jdbc.sql("select max(id) from notification where recipient_id = ?")
				.param(person.getId())
				.query(Long.class)
				.single();
		});
	}

}
