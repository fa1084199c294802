package com.example.imoc.gitlab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import com.example.imoc.ExternalApiTest;
import com.example.imoc.MutableClock;
import com.example.imoc.audit.AuditLog;
import com.example.imoc.incident.Incident;
import com.example.imoc.incident.IncidentStatus;
import com.example.imoc.incident.Incidents;
import com.example.imoc.incident.RootCause;
import com.example.imoc.incident.Severity;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * GitLab's "Issue Hook" events, shaped as GitLab documents them (samples under
 * {@code src/test/resources/gitlab}), sent to the running application with and without
 * the secret token, across the days an incident lives.
 */
class GitLabWebhookTests extends ExternalApiTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final long PROJECT = 4201;

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TestPeople testPeople;

	@Autowired
	Incidents incidents;

	@Autowired
	GitLabIncidents gitLab;

	@Autowired
	AuditLog auditLog;

	@Test
	void anIncidentIssueIsCreatedThenUpdatedThenResolvedAsItIsEditedInGitLab() throws Exception {
		Person imoc = this.testPeople.manager("Ivy Imoc");
		imocShift(imoc, "2026-11-03T11:00:00Z", "2026-11-03T15:00:00Z", "11:00-15:00");

		this.clock.set(Instant.parse("2026-11-03T14:06:00Z"));
		deliver(sample("issue-incident-opened.json")).andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value("CREATED"))
			.andExpect(jsonPath("$.unmatched[0]").value(containsString("Service::billing")));
		long id = this.gitLab.incidentOf(PROJECT, 17).orElseThrow();
		Incident opened = this.incidents.get(id);
		assertThat(opened.getTitle()).isEqualTo("Web and API requests failing with 502");
		assertThat(opened.getSeverity()).isEqualTo(Severity.S2);
		assertThat(opened.getStatus()).isEqualTo(IncidentStatus.ACTIVE);
		assertThat(opened.getDeclaredAt()).isEqualTo(Instant.parse("2026-11-03T14:05:00Z"));
		assertThat(this.incidents.view(id).services()).extracting(s -> s.name()).containsExactly("api", "web");
		assertThat(opened.getRootCause()).isEqualTo(RootCause.SATURATION);
		assertThat(opened.getImocPersonId()).isEqualTo(imoc.getId());
		assertThat(opened.getLinks()).contains("https://gitlab.example.com/infra/production/-/issues/17");
		assertThat(this.auditLog.about("incident", id)).singleElement()
			.satisfies(entry -> assertThat(entry.getActor()).isEqualTo("gitlab:ada.oncall"));

		this.clock.set(Instant.parse("2026-11-03T14:32:00Z"));
		deliver(sample("issue-incident-mitigated.json")).andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value("UPDATED"));
		Incident mitigated = this.incidents.get(id);
		assertThat(mitigated.getStatus()).isEqualTo(IncidentStatus.MITIGATED);
		assertThat(mitigated.getSeverity()).isEqualTo(Severity.S1);
		assertThat(mitigated.getMitigatedAt()).isEqualTo(Instant.parse("2026-11-03T14:31:00Z"));

		// GitLab retries a delivery it thinks failed: the same event again changes
		// nothing.
		int auditLines = this.auditLog.about("incident", id).size();
		deliver(sample("issue-incident-mitigated.json")).andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value("UNCHANGED"));
		assertThat(this.incidents.get(id).getVersion()).isEqualTo(mitigated.getVersion());
		assertThat(this.auditLog.about("incident", id)).hasSize(auditLines);

		this.clock.set(Instant.parse("2026-11-04T09:15:00Z"));
		deliver(sample("issue-incident-resolved.json")).andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value("UPDATED"));
		Incident resolved = this.incidents.get(id);
		assertThat(resolved.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
		assertThat(resolved.getMitigatedAt()).isEqualTo(Instant.parse("2026-11-03T14:31:00Z"));
		assertThat(resolved.getResolvedAt()).isEqualTo(Instant.parse("2026-11-04T09:12:00Z"));

		// A late delivery of the older "mitigated" event does not reopen it.
		this.clock.set(Instant.parse("2026-11-05T08:00:00Z"));
		deliver(sample("issue-incident-mitigated.json")).andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value("STALE"));
		assertThat(this.incidents.get(id).getStatus()).isEqualTo(IncidentStatus.RESOLVED);

		Person reader = this.testPeople.manager("Rhea Reader");
		// The availability figures count it as the form's incidents: web hit from 14:05
		// to 14:31.
		this.mvc.perform(get("/api/v1/availability").param("month", "2026-11").with(user(TestPeople.signedIn(reader))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.services[?(@.name == 'web')].impactedMinutes").value(hasItem(closeTo(26.0, 1e-9))));
		this.mvc.perform(get("/incidents/{id}", id).with(user(TestPeople.signedIn(reader))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("https://gitlab.example.com/infra/production/-/issues/17")));
	}

	@Test
	void aLabelTakenOffAndPutBackKeepsTheTimeItWasFirstApplied() throws Exception {
		long iid = 9001;
		this.clock.set(Instant.parse("2026-09-07T10:01:00Z"));
		deliver(event(iid, "2026-09-07T10:00:00Z", "2026-09-07T10:00:00Z", null, new String[] { "severity::3" },
				"Incident::Active", "severity::3", "Service::pages"))
			.andExpect(jsonPath("$.outcome").value("CREATED"));
		long id = this.gitLab.incidentOf(PROJECT, iid).orElseThrow();

		this.clock.set(Instant.parse("2026-09-07T10:21:00Z"));
		deliver(event(iid, "2026-09-07T10:00:00Z", "2026-09-07T10:20:00Z", null,
				new String[] { "Incident::Active", "severity::3", "Service::pages" }, "Incident::Mitigated",
				"severity::3", "Service::pages"))
			.andExpect(jsonPath("$.outcome").value("UPDATED"));
		assertThat(this.incidents.get(id).getMitigatedAt()).isEqualTo(Instant.parse("2026-09-07T10:20:00Z"));

		// The next day the problem is back: Active again, so not mitigated any more.
		this.clock.set(Instant.parse("2026-09-08T07:01:00Z"));
		deliver(event(iid, "2026-09-07T10:00:00Z", "2026-09-08T07:00:00Z", null,
				new String[] { "Incident::Mitigated", "severity::3", "Service::pages" }, "Incident::Active",
				"severity::3", "Service::pages"))
			.andExpect(jsonPath("$.outcome").value("UPDATED"));
		assertThat(this.incidents.get(id).getStatus()).isEqualTo(IncidentStatus.ACTIVE);
		assertThat(this.incidents.get(id).getMitigatedAt()).isNull();

		// Mitigated again, then closed two days later: the first mitigation time stands.
		this.clock.set(Instant.parse("2026-09-08T07:41:00Z"));
		deliver(event(iid, "2026-09-07T10:00:00Z", "2026-09-08T07:40:00Z", null,
				new String[] { "Incident::Active", "severity::3", "Service::pages" }, "Incident::Mitigated",
				"severity::3", "Service::pages"))
			.andExpect(jsonPath("$.outcome").value("UPDATED"));
		assertThat(this.incidents.get(id).getMitigatedAt()).isEqualTo(Instant.parse("2026-09-07T10:20:00Z"));
		this.clock.set(Instant.parse("2026-09-10T12:00:00Z"));
		deliver(event(iid, "2026-09-07T10:00:00Z", "2026-09-10T11:59:00Z", "2026-09-10T11:59:00Z",
				new String[] { "Incident::Mitigated", "severity::3", "Service::pages" }, "Incident::Mitigated",
				"severity::3", "Service::pages"))
			.andExpect(jsonPath("$.outcome").value("UPDATED"));
		Incident closed = this.incidents.get(id);
		assertThat(closed.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
		assertThat(closed.getMitigatedAt()).isEqualTo(Instant.parse("2026-09-07T10:20:00Z"));
		assertThat(closed.getResolvedAt()).isEqualTo(Instant.parse("2026-09-10T11:59:00Z"));
	}

	@Test
	void aMissingOrWrongTokenIsRefusedAndRecordsNothing() throws Exception {
		this.clock.set(Instant.parse("2026-11-03T14:06:00Z"));
		String body = withIssue(sample("issue-incident-opened.json"), 9002).toString();
		this.mvc.perform(post("/integrations/gitlab/webhook").contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.error").value(containsString("X-Gitlab-Token")));
		String sameLength = "x".repeat(GITLAB_WEBHOOK_TOKEN.length());
		for (String wrong : new String[] { sameLength, GITLAB_WEBHOOK_TOKEN + "x", "",
				"Bearer " + GITLAB_WEBHOOK_TOKEN }) {
			this.mvc
				.perform(post("/integrations/gitlab/webhook").header("X-Gitlab-Token", wrong)
					.header("X-Gitlab-Event", "Issue Hook")
					.contentType(MediaType.APPLICATION_JSON)
					.content(body))
				.andExpect(status().isUnauthorized());
		}
		assertThat(this.gitLab.incidentOf(PROJECT, 9002)).isEmpty();
	}

	@Test
	void aPlainIssueIsIgnoredAndBrokenBodiesGetAClear4xx() throws Exception {
		deliver(sample("issue-plain-opened.json")).andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value("IGNORED"));
		assertThat(this.gitLab.incidentOf(PROJECT, 18)).isEmpty();

		this.mvc.perform(signed("{not json")).andExpect(status().isBadRequest());
		this.mvc.perform(signed("{\"object_kind\": \"push\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.fields.object_kind").isString());
		ObjectNode noUrl = withIssue(sample("issue-incident-opened.json"), 9003);
		((ObjectNode) noUrl.path("object_attributes")).put("url", "javascript:alert(1)");
		this.mvc.perform(signed(noUrl.toString()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.fields.url").isString());
		String huge = "{\"object_kind\": \"issue\", \"padding\": \"" + "a".repeat(1024 * 1024) + "\"}";
		this.mvc.perform(signed(huge)).andExpect(status().isPayloadTooLarge());
		assertThat(this.gitLab.incidentOf(PROJECT, 9003)).isEmpty();
	}

	@Test
	void anIssueTheIncidentRulesRefuseIsAnsweredWithTheFieldAndRecordsNothing() throws Exception {
		// The clock is a day before the issue was opened: a declaration in the future.
		this.clock.set(Instant.parse("2026-11-02T14:00:00Z"));
		deliver(withIssue(sample("issue-incident-opened.json"), 9004)).andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.fields.declaredAt").value(containsString("future")));
		assertThat(this.gitLab.incidentOf(PROJECT, 9004)).isEmpty();
	}

	private ResultActions deliver(JsonNode event) throws Exception {
		return this.mvc.perform(signed(event.toString()));
	}

	private static org.springframework.test.web.servlet.RequestBuilder signed(String body) {
		return post("/integrations/gitlab/webhook").header("X-Gitlab-Token", GITLAB_WEBHOOK_TOKEN)
			.header("X-Gitlab-Event", "Issue Hook")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
	}

	static ObjectNode sample(String name) throws IOException {
		try (InputStream in = GitLabWebhookTests.class.getResourceAsStream("/gitlab/" + name)) {
			return (ObjectNode) JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
	}

	private static ObjectNode withIssue(ObjectNode event, long iid) {
		ObjectNode issue = (ObjectNode) event.path("object_attributes");
		issue.put("iid", iid);
		issue.put("url", "https://gitlab.example.com/infra/production/-/issues/" + iid);
		return event;
	}

	/**
	 * An incident issue event built from the sample: the labels it carries now and, when
	 * {@code previous} is given, the labels it carried before this change.
	 */
	private static ObjectNode event(long iid, String created, String updated, String closed, String[] previous,
			String... labels) throws IOException {
		ObjectNode event = withIssue(sample("issue-incident-opened.json"), iid);
		ObjectNode issue = (ObjectNode) event.path("object_attributes");
		issue.put("created_at", created);
		issue.put("updated_at", updated);
		issue.put("title", "Pages deploys stuck");
		if (closed != null) {
			issue.put("closed_at", closed);
			issue.put("state", "closed");
		}
		issue.set("labels", labels(labels));
		event.set("labels", labels(labels));
		ObjectNode changes = JSON.createObjectNode();
		ObjectNode labelChange = changes.putObject("labels");
		labelChange.set("previous", labels(previous));
		labelChange.set("current", labels(labels));
		event.set("changes", changes);
		return event;
	}

	private static ArrayNode labels(String... titles) {
		ArrayNode array = JSON.createArrayNode();
		for (String title : titles) {
			array.addObject().put("title", title).put("type", "ProjectLabel");
		}
		return array;
	}

	private void imocShift(Person person, String start, String end, String slot) {
		long rotation = this.jdbc.queryForObject("select id from rotation where name = 'IMOC'", Long.class);
		long layer = this.jdbc.queryForObject(
				"select id from rotation_layer where rotation_id = ? order by precedence limit 1", Long.class,
				rotation);
		long slotId = this.jdbc.queryForObject("select id from rotation_slot where rotation_id = ? and label = ?",
				Long.class, rotation, slot);
		this.jdbc.update("""
				insert into shift (rotation_id, layer_id, slot_id, local_date, starts_at, ends_at, assignee_id, shadow)
				values (?, ?, ?, ?, ?, ?, ?, false)""", rotation, layer, slotId,
				LocalDate.parse(start.substring(0, 10)), Timestamp.from(Instant.parse(start)),
				Timestamp.from(Instant.parse(end)), person.getId());
	}

}
