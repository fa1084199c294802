package com.example.imoc.schedule;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;
import com.example.imoc.people.AccessTokens;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class ScheduleApiTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestRotations testRotations;

	@Autowired
	TestPeople testPeople;

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	Shifts shifts;

	@Autowired
	AccessTokens tokens;

	private String bearer(Person person) {
		return "Bearer " + this.tokens.create(person.getId(), "test").secret();
	}

	@Test
	void whoIsOnCallAtAGivenInstantWithTheDocumentedShape() throws Exception {
		Rotation rotation = this.testRotations.imocLike(1);
		var staff = this.testRotations.staff(rotation, 6);
		this.maintenance.maintain(rotation.id());
		ShiftView shift = this.shifts
			.ofRotation(rotation.id(), Instant.now().plusSeconds(86_400), Instant.now().plusSeconds(90_000))
			.stream()
			.filter(s -> !s.shadow())
			.findFirst()
			.orElseThrow();
		Instant at = shift.start().plusSeconds(60);
		this.mvc.perform(get("/api/v1/oncall").param("at", at.toString()).header("Authorization", bearer(staff.get(0))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.at").value(at.toString()))
			.andExpect(
					jsonPath("$.oncall[?(@.id == " + shift.id() + ")].rotation.name").value(hasItem(rotation.name())))
			.andExpect(jsonPath("$.oncall[?(@.id == " + shift.id() + ")].slot").value(hasItem(shift.slot())))
			.andExpect(
					jsonPath("$.oncall[?(@.id == " + shift.id() + ")].start").value(hasItem(shift.start().toString())))
			.andExpect(jsonPath("$.oncall[?(@.id == " + shift.id() + ")].end").value(hasItem(shift.end().toString())))
			.andExpect(jsonPath("$.oncall[?(@.id == " + shift.id() + ")].assignee.email")
				.value(hasItem(shift.assigneeEmail())))
			.andExpect(jsonPath("$.oncall[?(@.id == " + shift.id() + ")].shadow").value(hasItem(false)))
			.andExpect(jsonPath("$.oncall[?(@.id == " + shift.id() + ")].layer").value(hasItem(shift.layer())));
	}

	@Test
	void aHandoffInstantBelongsToTheIncomingShift() throws Exception {
		Rotation rotation = this.testRotations.imocLike(1);
		var staff = this.testRotations.staff(rotation, 6);
		this.maintenance.maintain(rotation.id());
		ShiftView next = this.shifts.nextStart(rotation.id(), Instant.now()).orElseThrow();
		this.mvc
			.perform(get("/api/v1/oncall").param("at", next.start().toString())
				.header("Authorization", bearer(staff.get(1))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.oncall[?(@.rotation.id == " + rotation.id() + " && @.shadow == false)].id")
				.value(is(List.of((int) next.id()))));
	}

	@Test
	void shiftsOfOnePersonByEmailOrId() throws Exception {
		Rotation rotation = this.testRotations.imocLike(1);
		var staff = this.testRotations.staff(rotation, 5);
		this.maintenance.maintain(rotation.id());
		Person who = staff.get(2);
		this.mvc.perform(get("/api/v1/shifts").param("person", who.getEmail()).header("Authorization", bearer(who)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].assignee.id").value(everyItem(is(who.getId().intValue()))))
			.andExpect(jsonPath("$.length()").value(greaterThan(0)));
		this.mvc
			.perform(get("/api/v1/shifts").param("person", String.valueOf(who.getId()))
				.with(user(TestPeople.signedIn(who))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].assignee.id").value(everyItem(is(who.getId().intValue()))));
	}

	@Test
	void badParametersAre400WithTheFieldNamed() throws Exception {
		Person who = this.testPeople.manager("Api Caller");
		String token = bearer(who);
		this.mvc.perform(get("/api/v1/shifts").param("from", "yesterday").header("Authorization", token))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.fields.from").exists())
			.andExpect(jsonPath("$.error").exists());
		this.mvc
			.perform(get("/api/v1/shifts").param("from", "2026-12-10T00:00:00Z")
				.param("to", "2026-12-01T00:00:00Z")
				.header("Authorization", token))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.fields.to").exists());
		this.mvc.perform(get("/api/v1/shifts").param("person", "nobody@example.com").header("Authorization", token))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.fields.person").exists());
		this.mvc.perform(get("/api/v1/oncall").param("at", "noon").header("Authorization", token))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.fields.at").exists());
	}

	@Test
	void missingWrongAndRevokedTokensAre401() throws Exception {
		Person who = this.testPeople.manager("Token Holder");
		this.mvc.perform(get("/api/v1/oncall"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.error").exists());
		this.mvc.perform(get("/api/v1/oncall").header("Authorization", "Bearer imoc_wrong"))
			.andExpect(status().isUnauthorized());
		AccessTokens.Created created = this.tokens.create(who.getId(), "soon revoked");
		// Twice: the second answer comes from memory (AccessTokens remembers the secret),
		// and must still give way.
		this.mvc.perform(get("/api/v1/oncall").header("Authorization", "Bearer " + created.secret()))
			.andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/oncall").header("Authorization", "Bearer " + created.secret()))
			.andExpect(status().isOk());
		this.tokens.revoke(who.getId(), created.id());
		this.mvc.perform(get("/api/v1/oncall").header("Authorization", "Bearer " + created.secret()))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void aDeactivatedPersonsRememberedTokenIsRefusedAtOnce(@Autowired com.example.imoc.people.Roster roster)
			throws Exception {
		Person who = this.testPeople.manager("Soon Gone");
		String token = bearer(who);
		this.mvc.perform(get("/api/v1/oncall").header("Authorization", token)).andExpect(status().isOk());
		this.mvc.perform(get("/api/v1/oncall").header("Authorization", token)).andExpect(status().isOk());
		roster.deactivate(who.getId());
		this.mvc.perform(get("/api/v1/oncall").header("Authorization", token)).andExpect(status().isUnauthorized());
	}

	@Test
	void whoIsOnCallNowFollowsAChangeAtOnce(@Autowired JdbcTemplate jdbc,
			@Autowired org.springframework.transaction.support.TransactionTemplate transaction) throws Exception {
		Rotation rotation = this.testRotations.imocLike(1);
		var staff = this.testRotations.staff(rotation, 6);
		this.maintenance.maintain(rotation.id());
		ShiftView now = this.shifts.runningAt(Instant.now())
			.stream()
			.filter(s -> s.rotationId() == rotation.id() && !s.shadow())
			.findFirst()
			.orElseThrow();
		String token = bearer(staff.get(0));
		String holder = "$.oncall[?(@.id == " + now.id() + ")].assignee.email";
		this.mvc.perform(get("/api/v1/oncall").header("Authorization", token))
			.andExpect(jsonPath(holder).value(hasItem(now.assigneeEmail())));
		this.mvc.perform(get("/api/v1/oncall").header("Authorization", token))
			.andExpect(jsonPath(holder).value(hasItem(now.assigneeEmail())));

		Person newcomer = this.testPeople.manager("Fresh Holder");
		transaction.executeWithoutResult(tx -> jdbc.update(
				"update shift set assignee_id = ?, version = version + 1, updated_at = now() where id = ?",
				newcomer.getId(), now.id()));
		this.mvc.perform(get("/api/v1/oncall").header("Authorization", token))
			.andExpect(jsonPath(holder).value(hasItem(newcomer.getEmail())));
	}

	@Test
	void tokensAreStoredOnlyAsHashes(@Autowired JdbcTemplate jdbc) {
		Person who = this.testPeople.manager("Hash Checker");
		AccessTokens.Created created = this.tokens.create(who.getId(), "hashed");
		String stored = jdbc.queryForObject("select token_hash from access_token where id = ?", String.class,
				created.id());
		assertThat(stored).doesNotContain(created.secret()).hasSize(64);
	}

}
