package com.example.imoc.calendar;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.people.AccessTokens;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Feeds follow the person: leaving (deactivated, offboarded) revokes their feed URLs and
 * API tokens at once, and the coordinator sees and revokes anyone's.
 */
@FeedTest
class FeedsFollowThePersonTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople testPeople;

	@Autowired
	FeedTokens tokens;

	@Autowired
	AccessTokens accessTokens;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aDeactivatedPersonsFeedsAnswerGoneAndTheirTokenIsRefused() throws Exception {
		Person leaver = this.testPeople.manager("Leaving Lee");
		Person coordinator = this.testPeople.coordinator("Roster Keeper");
		String mine = this.tokens.create(leaver.getId(), FeedKind.PERSON, null).secret();
		long rotationId = this.jdbc.sql("select min(id) from rotation").query(Long.class).single();
		String rotation = this.tokens.create(leaver.getId(), FeedKind.ROTATION, rotationId).secret();
		String bearer = "Bearer " + this.accessTokens.create(leaver.getId(), "leaver's bot").secret();
		for (String secret : List.of(mine, rotation)) {
			// Twice: the second answer comes from memory (FeedFastPath), which must let
			// go as well.
			this.mvc.perform(get("/ical/" + secret + ".ics")).andExpect(status().isOk());
			this.mvc.perform(get("/ical/" + secret + ".ics")).andExpect(status().isOk());
		}
		this.mvc.perform(get("/api/v1/oncall").header("Authorization", bearer)).andExpect(status().isOk());

		this.mvc
			.perform(post("/admin/people/{id}/deactivate", leaver.getId()).with(user(TestPeople.signedIn(coordinator)))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());

		for (String secret : List.of(mine, rotation)) {
			this.mvc.perform(get("/ical/" + secret + ".ics"))
				.andExpect(status().isGone())
				.andExpect(content().string(not(containsString("BEGIN:VCALENDAR"))));
		}
		this.mvc.perform(get("/api/v1/oncall").header("Authorization", bearer)).andExpect(status().isUnauthorized());
		assertThat(live("feed_token", leaver)).isZero();
		assertThat(live("access_token", leaver)).isZero();
		assertThat(this.jdbc.sql("select details from audit_entry where action = 'feed.revoked' and subject_id = ?")
			.param(leaver.getId())
			.query(String.class)
			.list()).singleElement().asString().contains("deactivated");
	}

	@Test
	void offboardingRevokesTheFeedsAndAnOwnerWhoLeftByAnyRouteOpensNoFeed() throws Exception {
		Person coordinator = this.testPeople.coordinator("Offboarding Coordinator");
		Person offboarded = this.testPeople.manager("Olga Offboarded");
		String secret = this.tokens.create(offboarded.getId(), FeedKind.PERSON, null).secret();
		this.accessTokens.create(offboarded.getId(), "olga's bot");
		this.mvc.perform(get("/ical/" + secret + ".ics")).andExpect(status().isOk());
		this.mvc
			.perform(post("/admin/people/{id}", offboarded.getId()).param("name", offboarded.getName())
				.param("email", offboarded.getEmail())
				.param("jobTitle", offboarded.getJobTitle().name())
				.param("grade", String.valueOf(offboarded.getGrade()))
				.param("timeZone", offboarded.getTimeZone())
				.param("region", offboarded.getRegion().name())
				.param("startDate", offboarded.getStartDate().toString())
				.param("onboardingState", "OFFBOARDED")
				.param("role", "MANAGER")
				.param("active", "true")
				.param("version", String.valueOf(offboarded.getVersion()))
				.with(user(TestPeople.signedIn(coordinator)))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/ical/" + secret + ".ics")).andExpect(status().isGone());
		assertThat(live("feed_token", offboarded)).isZero();
		assertThat(live("access_token", offboarded)).isZero();

		// Deactivated without the roster (a script, another node's old code): the look-up
		// itself refuses.
		Person quiet = this.testPeople.manager("Quietly Gone");
		String quietSecret = this.tokens.create(quiet.getId(), FeedKind.PERSON, null).secret();
		this.mvc.perform(get("/ical/" + quietSecret + ".ics")).andExpect(status().isOk());
		this.jdbc.sql("update person set active = false where id = ?").param(quiet.getId()).update();
		// A write outside the application's transactions reaches the feed cache through
		// PostgreSQL's NOTIFY, a few
		// milliseconds later (database.DataChanges): wait for it, then the look-up must
		// refuse.
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
		while (this.mvc.perform(get("/ical/" + quietSecret + ".ics")).andReturn().getResponse().getStatus() == 200
				&& System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
		this.mvc.perform(get("/ical/" + quietSecret + ".ics")).andExpect(status().isGone());
	}

	@Test
	void theCoordinatorSeesAndRevokesAnyonesFeedsAndTokensAndNobodyElseMay() throws Exception {
		Person coordinator = this.testPeople.coordinator("Access Coordinator");
		Person owner = this.testPeople.manager("Owen Owner");
		Person other = this.testPeople.manager("Nosy Neighbour");
		FeedTokens.Created feed = this.tokens.create(owner.getId(), FeedKind.PERSON, null);
		AccessTokens.Created token = this.accessTokens.create(owner.getId(), "owen's dashboard");
		String page = "/admin/people/" + owner.getId() + "/access";

		this.mvc.perform(get(page).with(user(TestPeople.signedIn(coordinator))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("owen&#39;s dashboard")))
			.andExpect(content().string(containsString("#" + feed.token().id())))
			.andExpect(content().string(not(containsString(feed.secret()))));
		this.mvc.perform(get(page).with(user(TestPeople.signedIn(other)))).andExpect(status().isForbidden());
		this.mvc
			.perform(post(page + "/feeds/{id}/revoke", feed.token().id()).with(user(TestPeople.signedIn(other)))
				.with(csrf()))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post(page + "/feeds/{id}/revoke", feed.token().id()).with(user(TestPeople.signedIn(coordinator))))
			.andExpect(status().isForbidden());
		assertThat(live("feed_token", owner)).isOne();
		// Ids of someone else's feed or token through this person's page are unknown.
		Person third = this.testPeople.manager("Third Party");
		long thirdFeed = this.tokens.create(third.getId(), FeedKind.PERSON, null).token().id();
		this.mvc
			.perform(post(page + "/feeds/{id}/revoke", thirdFeed).with(user(TestPeople.signedIn(coordinator)))
				.with(csrf()))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(post(page + "/tokens/{id}/revoke", -1).with(user(TestPeople.signedIn(coordinator))).with(csrf()))
			.andExpect(status().isNotFound());
		assertThat(live("feed_token", third)).isOne();

		this.mvc
			.perform(post(page + "/feeds/{id}/revoke", feed.token().id()).with(user(TestPeople.signedIn(coordinator)))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		this.mvc
			.perform(post(page + "/tokens/{id}/revoke", token.id()).with(user(TestPeople.signedIn(coordinator)))
				.with(csrf()))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/ical/" + feed.secret() + ".ics")).andExpect(status().isGone());
		this.mvc.perform(get("/api/v1/oncall").header("Authorization", "Bearer " + token.secret()))
			.andExpect(status().isUnauthorized());
		assertThat(this.jdbc.sql("select details from audit_entry where action = 'feed.revoked' and subject_id = ?")
			.param(owner.getId())
			.query(String.class)
			.list()).singleElement().asString().contains("by the coordinator");
		assertThat(this.jdbc.sql("select count(*) from audit_entry where action = 'token.revoked' and subject_id = ?")
			.param(owner.getId())
			.query(Long.class)
			.single()).isOne();
	}

	@Test
	void deletingAFeedThatIsNotYoursAnswers404AndLeavesItWorking() throws Exception {
		Person owner = this.testPeople.manager("Feed Keeper");
		Person other = this.testPeople.manager("Feed Deleter");
		FeedTokens.Created feed = this.tokens.create(owner.getId(), FeedKind.PERSON, null);
		String bearer = "Bearer " + this.accessTokens.create(other.getId(), "deleter").secret();
		this.mvc.perform(delete("/api/v1/calendar/feeds/{id}", feed.token().id()).header("Authorization", bearer))
			.andExpect(status().isNotFound());
		this.mvc.perform(get("/ical/" + feed.secret() + ".ics")).andExpect(status().isOk());
	}

	private long live(String table, Person person) {
		return this.jdbc.sql("select count(*) from " + table + " where person_id = ? and revoked_at is null")
			.param(person.getId())
			.query(Long.class)
			.single();
	}

}
