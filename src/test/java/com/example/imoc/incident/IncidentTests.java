package com.example.imoc.incident;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;
import com.example.imoc.audit.AuditLog;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class IncidentTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople testPeople;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Incidents incidents;

	@Autowired
	IncidentRepository repository;

	@Autowired
	AuditLog auditLog;

	/**
	 * Two consecutive live shifts of the IMOC rotation (seeded by V6) on a day: 05–11
	 * UTC, then 11–15 UTC.
	 */
	private Person[] handoffAtEleven(String day) {
		Person outgoing = this.testPeople.manager("Olga Outgoing");
		Person incoming = this.testPeople.manager("Ian Incoming");
		long rotation = this.jdbc.queryForObject("select id from rotation where name = 'IMOC'", Long.class);
		long layer = this.jdbc.queryForObject(
				"select id from rotation_layer where rotation_id = ? order by precedence limit 1", Long.class,
				rotation);
		insertShift(rotation, layer, "05:00-11:00", day + "T05:00:00Z", day + "T11:00:00Z", outgoing, false);
		insertShift(rotation, layer, "11:00-15:00", day + "T11:00:00Z", day + "T15:00:00Z", incoming, false);
		return new Person[] { outgoing, incoming };
	}

	private void insertShift(long rotation, long layer, String slot, String start, String end, Person person,
			boolean shadow) {
		long slotId = this.jdbc.queryForObject("select id from rotation_slot where rotation_id = ? and label = ?",
				Long.class, rotation, slot);
		this.jdbc.update("""
				insert into shift (rotation_id, layer_id, slot_id, local_date, starts_at, ends_at, assignee_id, shadow)
				values (?, ?, ?, ?, ?, ?, ?, ?)""", rotation, layer, slotId, LocalDate.parse(start.substring(0, 10)),
				Timestamp.from(Instant.parse(start)), Timestamp.from(Instant.parse(end)), person.getId(), shadow);
	}

	@Test
	void theImocComesFromTheScheduleAndAtAHandoffTheIncomingImIsChosen() throws Exception {
		Person[] people = handoffAtEleven("2025-03-10");
		assertThat(this.incidents.imocAt(Instant.parse("2025-03-10T10:59:59Z"))).contains(people[0].getId());
		assertThat(this.incidents.imocAt(Instant.parse("2025-03-10T11:00:00Z"))).contains(people[1].getId());
		assertThat(this.incidents.imocAt(Instant.parse("2025-03-10T15:00:00Z"))).isEmpty();

		Person reporter = this.testPeople.manager("Rita Records");
		this.mvc
			.perform(post("/incidents").with(user(TestPeople.signedIn(reporter)))
				.with(csrf())
				.param("title", "Handoff outage")
				.param("severity", "S2")
				.param("status", "ACTIVE")
				.param("declaredAt", "2025-03-10T11:00")
				.param("rootCause", "SATURATION")
				.param("services[0].name", "web")
				.param("services[0].impact", "1")
				.param("detectedInternally", "true"))
			.andExpect(status().is3xxRedirection());
		Incident recorded = this.repository.findAll()
			.stream()
			.filter(i -> i.getTitle().equals("Handoff outage"))
			.findFirst()
			.orElseThrow();
		assertThat(recorded.getImocPersonId()).isEqualTo(people[1].getId());
		assertThat(this.auditLog.about("incident", recorded.getId()))
			.anySatisfy(entry -> assertThat(entry.getActor()).isEqualTo(reporter.getEmail()));
		this.mvc.perform(get("/incidents").param("month", "2025-03").with(user(TestPeople.signedIn(reporter))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Handoff outage")))
			.andExpect(content().string(containsString("Ian Incoming")));
	}

	@Test
	void aBadFormComesBackWithTheErrorBesideEachFieldAndWhatWasTyped() throws Exception {
		Person reporter = this.testPeople.manager("Tina Typo");
		long before = this.repository.count();
		this.mvc
			.perform(post("/incidents").with(user(TestPeople.signedIn(reporter)))
				.with(csrf())
				.param("title", "Typed <b>title</b>")
				.param("severity", "S1")
				.param("status", "RESOLVED")
				.param("impactStartedAt", "2026-01-05T10:30")
				.param("declaredAt", "2026-01-05T10:00")
				.param("mitigatedAt", "yesterday")
				.param("rootCause", "SOFTWARE_CHANGE")
				.param("services[0].name", "web")
				.param("services[0].impact", "1.5"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("The impact must start at or before the declaration.")))
			.andExpect(content().string(containsString("Enter the time as YYYY-MM-DD HH:MM in UTC")))
			.andExpect(content().string(containsString("A resolved incident needs the time it was resolved.")))
			.andExpect(content().string(containsString("Enter the impact as a fraction above 0 and up to 1")))
			.andExpect(content().string(containsString("value=\"Typed &lt;b&gt;title&lt;/b&gt;\"")))
			.andExpect(content().string(containsString("value=\"yesterday\"")))
			.andExpect(content().string(not(containsString("Exception"))));
		assertThat(this.repository.count()).isEqualTo(before);
	}

	@Test
	void aStaleEditIsRefusedWithAReloadHint() throws Exception {
		Person reporter = this.testPeople.manager("Sam Stale");
		IncidentForm form = IncidentForm.blank(this.incidents.services(), Instant.parse("2026-01-07T09:00:00Z"));
		form.setTitle("Stale one");
		form.setSeverity(Severity.S3);
		Incident incident = this.incidents.create(form);
		this.mvc
			.perform(post("/incidents/{id}", incident.getId()).with(user(TestPeople.signedIn(reporter)))
				.with(csrf())
				.param("version", String.valueOf(incident.getVersion() + 3))
				.param("title", "Renamed")
				.param("severity", "S3")
				.param("status", "ACTIVE")
				.param("declaredAt", "2026-01-07T09:00")
				.param("rootCause", "INDETERMINATE"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("changed by someone else")))
			.andExpect(content().string(containsString("Reload the page")));
		assertThat(this.repository.findById(incident.getId()).orElseThrow().getTitle()).isEqualTo("Stale one");
	}

	@Test
	void theApiRecordsAnIncidentAndAnswers201WithTheImoc() throws Exception {
		Person[] people = handoffAtEleven("2025-03-11");
		Person caller = this.testPeople.manager("Api Caller");
		this.mvc
			.perform(post("/api/v1/incidents").with(user(TestPeople.signedIn(caller)))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"title": "API outage", "severity": "S1", "impactStartedAt": "2025-03-11T10:50:00Z",
						 "declaredAt": "2025-03-11T10:55:00Z", "mitigatedAt": "2025-03-11T11:10:00Z",
						 "resolvedAt": "2025-03-11T12:00:00Z", "services": [{"name": "api", "impact": 1.0}],
						 "rootCause": "Config-Change", "detectedInternally": false}
						"""))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.id").isNumber())
			.andExpect(jsonPath("$.status").value("RESOLVED"))
			.andExpect(jsonPath("$.rootCause").value("Config-Change"))
			.andExpect(jsonPath("$.services[0].name").value("api"))
			.andExpect(jsonPath("$.imoc.id").value(people[0].getId()))
			.andExpect(jsonPath("$.imoc.email").value(people[0].getEmail()))
			.andExpect(jsonPath("$.timeToMitigateMinutes").value(20.0));
	}

	@Test
	void theApiNamesTheFieldsItRefuses() throws Exception {
		Person caller = this.testPeople.manager("Api Refused");
		this.mvc
			.perform(post("/api/v1/incidents").with(user(TestPeople.signedIn(caller)))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"title": "", "severity": "S9", "declaredAt": "2025-03-10T10:55:00Z",
						 "mitigatedAt": "2025-03-10T10:00:00Z", "services": [{"name": "nope", "impact": 1}]}
						"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").isString())
			.andExpect(jsonPath("$.fields.title").isString())
			.andExpect(jsonPath("$.fields.severity").value("Use S1, S2, S3 or S4."))
			.andExpect(jsonPath("$.fields.mitigatedAt").value("Mitigation comes at or after the declaration."))
			.andExpect(jsonPath("$.fields['services[0].name']").isString());
		this.mvc.perform(get("/api/v1/availability").param("month", "2026-13").with(user(TestPeople.signedIn(caller))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.fields.month")
				.value("Use the form YYYY-MM for a month between 1970 and 9999, like 2026-11."));
		this.mvc
			.perform(post("/api/v1/incidents").with(user(TestPeople.signedIn(caller)))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{not json"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").isString());
	}

	@Test
	void availabilityForAMonthIsRecomputedFromItsIncidents() throws Exception {
		Person caller = this.testPeople.manager("Ava Availability");
		// June 2025 (30 days, 43 200 minutes): web down 60 minutes, git half degraded 40
		// minutes (20 minutes).
		// Platform impacted minutes = (5×60 + 5×20) / 16 = 25; budget = 21.6; left =
		// −3.4.
		IncidentForm web = IncidentForm.blank(this.incidents.services(), Instant.parse("2025-06-10T10:00:00Z"));
		web.setTitle("June web outage");
		web.setSeverity(Severity.S1);
		web.setStatus(IncidentStatus.RESOLVED);
		web.setMitigatedAt("2025-06-10T11:00");
		web.setResolvedAt("2025-06-10T12:00");
		web.getServices().stream().filter(s -> s.getName().equals("web")).findFirst().orElseThrow().setImpact("1");
		this.incidents.create(web);
		IncidentForm git = IncidentForm.blank(this.incidents.services(), Instant.parse("2025-06-20T10:00:00Z"));
		git.setTitle("June git slow");
		git.setSeverity(Severity.S2);
		git.setDetectedInternally(false);
		git.setStatus(IncidentStatus.MITIGATED);
		git.setMitigatedAt("2025-06-20T10:40");
		git.getServices().stream().filter(s -> s.getName().equals("git")).findFirst().orElseThrow().setImpact("0.5");
		this.incidents.create(git);
		this.mvc.perform(get("/api/v1/availability").param("month", "2025-06").with(user(TestPeople.signedIn(caller))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.month").value("2025-06"))
			.andExpect(jsonPath("$.goal").value(0.9995))
			.andExpect(jsonPath("$.platform").value(closeTo(1 - 25.0 / 43_200, 1e-9)))
			.andExpect(jsonPath("$.services[?(@.name == 'web')].impactedMinutes").value(hasItem(closeTo(60.0, 1e-9))))
			.andExpect(jsonPath("$.services[?(@.name == 'git')].availability")
				.value(hasItem(closeTo(1 - 20.0 / 43_200, 1e-9))))
			.andExpect(jsonPath("$.errorBudgetMinutes").value(closeTo(21.6, 1e-9)))
			.andExpect(jsonPath("$.errorBudgetLeftMinutes").value(closeTo(-3.4, 1e-9)))
			.andExpect(jsonPath("$.mttrMinutes").value(closeTo(50.0, 1e-9)))
			.andExpect(jsonPath("$.s1s2MitigatedWithin30").value(0.0))
			.andExpect(jsonPath("$.detectedInternally").value(0.5));
		this.mvc.perform(get("/availability").param("month", "2025-06").with(user(TestPeople.signedIn(caller))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<svg")))
			.andExpect(content().string(containsString("June web outage")))
			.andExpect(content().string(containsString("-3.4 min")));
	}

	@Test
	void onlyTheCoordinatorChangesServiceWeights() throws Exception {
		Person manager = this.testPeople.manager("Manny Weights");
		Person coordinator = this.testPeople.coordinator("Cora Weights");
		PlatformService registry = this.incidents.services()
			.stream()
			.filter(s -> s.getName().equals("registry"))
			.findFirst()
			.orElseThrow();
		this.mvc
			.perform(post("/admin/services/{id}", registry.getId()).with(user(TestPeople.signedIn(manager)))
				.with(csrf())
				.param("weight", "3")
				.param("version", String.valueOf(registry.getVersion())))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/services").with(user(TestPeople.signedIn(manager))))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/services/{id}", registry.getId()).with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.param("weight", "1")
				.param("version", String.valueOf(registry.getVersion())))
			.andExpect(status().is3xxRedirection());
		this.mvc.perform(get("/admin/services").with(user(TestPeople.signedIn(coordinator))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("registry")));
	}

}
