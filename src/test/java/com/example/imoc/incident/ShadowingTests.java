package com.example.imoc.incident;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;
import com.example.imoc.audit.AuditLog;
import com.example.imoc.people.OnboardingState;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.TestPeople;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Shadowing counts the incidents shadowed (derived from incidents and shadow shifts) and,
 * after the fifth, offers the coordinator the promotion to reverse shadow: a notice and a
 * button on the roster page.
 */
@IntegrationTest
class ShadowingTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople testPeople;

	@Autowired
	PersonRepository people;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Incidents incidents;

	@Autowired
	AuditLog auditLog;

	private void shift(Person person, String day, boolean shadow) {
		long rotation = this.jdbc.queryForObject("select id from rotation where name = 'IMOC'", Long.class);
		long layer = this.jdbc.queryForObject(
				"select id from rotation_layer where rotation_id = ? order by precedence limit 1", Long.class,
				rotation);
		long slot = this.jdbc.queryForObject(
				"select id from rotation_slot where rotation_id = ? and label = '05:00-11:00'", Long.class, rotation);
		this.jdbc.update("""
				insert into shift (rotation_id, layer_id, slot_id, local_date, starts_at, ends_at, assignee_id, shadow)
				values (?, ?, ?, ?, ?, ?, ?, ?)""", rotation, layer, slot, LocalDate.parse(day),
				Timestamp.from(Instant.parse(day + "T05:00:00Z")), Timestamp.from(Instant.parse(day + "T11:00:00Z")),
				person.getId(), shadow);
	}

	private void incident(String title, Severity severity, String declaredAt) {
		IncidentForm form = IncidentForm.blank(this.incidents.services(), Instant.parse(declaredAt));
		form.setTitle(title);
		form.setSeverity(severity);
		form.setStatus(IncidentStatus.ACTIVE);
		form.setRootCause(RootCause.INDETERMINATE);
		this.incidents.create(form);
	}

	private int offers(Person coordinator, Person trainee) {
		return this.jdbc.queryForObject(
				"select count(*) from notification where recipient_id = ? and kind = 'onboarding.ready' and link = ?",
				Integer.class, coordinator.getId(), "/admin/people/" + trainee.getId());
	}

	@Test
	void theFifthShadowedIncidentOffersThePromotionAndTheCoordinatorPromotes() throws Exception {
		Person coordinator = this.testPeople.coordinator("Cora Coordinator");
		Person im = this.testPeople.manager("Ivan Im");
		Person trainee = this.testPeople.manager("Tess Trainee");
		trainee.setOnboardingState(OnboardingState.SHADOW);
		trainee = this.people.save(trainee);
		// Six days of October 2024 with Ivan on the IMOC 05–11 shift and Tess shadowing
		// him.
		for (String day : new String[] { "2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04", "2024-10-05",
				"2024-10-06" }) {
			shift(im, day, false);
			shift(trainee, day, true);
		}
		// Not shadowed: an S2 outside her shadow shifts, an S3 that paged nobody, the
		// same incident counted once.
		incident("Before the shift", Severity.S2, "2024-10-01T04:59:00Z");
		incident("Minor", Severity.S3, "2024-10-01T06:00:00Z");
		incident("First", Severity.S1, "2024-10-01T05:00:00Z");
		incident("Second", Severity.S2, "2024-10-02T10:59:00Z");
		incident("Third", Severity.S2, "2024-10-03T07:00:00Z");
		incident("Fourth", Severity.S2, "2024-10-04T07:00:00Z");

		this.mvc.perform(get("/admin/people/{id}", trainee.getId()).with(user(TestPeople.signedIn(coordinator))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("4 of 5 needed for the reverse shadow")))
			.andExpect(content().string(not(containsString("Promote to reverse shadow"))));
		assertThat(offers(coordinator, trainee)).isZero();
		// Promoting before the fifth is refused with the count, and nothing changes.
		this.mvc
			.perform(post("/admin/people/{id}/promote", trainee.getId()).with(csrf())
				.with(user(TestPeople.signedIn(coordinator))))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("message",
					"Tess Trainee has shadowed 4 of the 5 incidents a shadow needs before the reverse shadow."));
		assertThat(this.testPeople.find(trainee.getId()).getOnboardingState()).isEqualTo(OnboardingState.SHADOW);

		incident("Fifth", Severity.S1, "2024-10-05T08:00:00Z");
		assertThat(offers(coordinator, trainee)).isEqualTo(1);
		this.mvc.perform(get("/admin/people").with(user(TestPeople.signedIn(coordinator))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("5/5 incidents shadowed")));
		this.mvc.perform(get("/admin/people/{id}", trainee.getId()).with(user(TestPeople.signedIn(coordinator))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("5 of 5 needed for the reverse shadow")))
			.andExpect(content().string(containsString("Promote to reverse shadow")));
		// A sixth does not offer it twice.
		incident("Sixth", Severity.S2, "2024-10-06T08:00:00Z");
		assertThat(offers(coordinator, trainee)).isEqualTo(1);

		// Only the coordinator, only with the form's CSRF token.
		this.mvc
			.perform(post("/admin/people/{id}/promote", trainee.getId()).with(user(TestPeople.signedIn(coordinator))))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/people/{id}/promote", trainee.getId()).with(csrf())
				.with(user(TestPeople.signedIn(im))))
			.andExpect(status().isForbidden());
		assertThat(this.testPeople.find(trainee.getId()).getOnboardingState()).isEqualTo(OnboardingState.SHADOW);

		this.mvc
			.perform(post("/admin/people/{id}/promote", trainee.getId()).with(csrf())
				.with(user(TestPeople.signedIn(coordinator))))
			.andExpect(status().is3xxRedirection())
			.andExpect(flash().attribute("message",
					"Tess Trainee is now a reverse shadow: they will hold whole blocks with an IM beside them."));
		assertThat(this.testPeople.find(trainee.getId()).getOnboardingState())
			.isEqualTo(OnboardingState.REVERSE_SHADOW);
		assertThat(this.auditLog.about("person", trainee.getId())).anySatisfy(entry -> {
			assertThat(entry.getAction()).isEqualTo("person.promoted");
			assertThat(entry.getActor()).isEqualTo(coordinator.getEmail());
			assertThat(entry.getDetails()).isEqualTo("onboardingState: Shadow → Reverse shadow (6 incidents shadowed)");
		});
		// Once promoted there is nothing left to offer: a second click says so.
		this.mvc
			.perform(post("/admin/people/{id}/promote", trainee.getId()).with(csrf())
				.with(user(TestPeople.signedIn(coordinator))))
			.andExpect(flash().attribute("message",
					"Tess Trainee is not a shadow (onboarding: Reverse shadow), so there is nothing to promote."));
	}

}
