package com.example.imoc.gitlab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.ExternalApiTest;
import com.example.imoc.LocalApi;
import com.example.imoc.MutableClock;
import com.example.imoc.incident.Incident;
import com.example.imoc.incident.IncidentStatus;
import com.example.imoc.incident.Incidents;
import com.example.imoc.incident.RootCause;
import com.example.imoc.incident.Severity;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The one-off import against a local HTTP server that answers like GitLab's REST API:
 * paged issue lists ({@code X-Next-Page}), the token in {@code PRIVATE-TOKEN}.
 */
class GitLabImportTests extends ExternalApiTest {

	private static final String TOKEN = "glpat-import-test-0001";

	private static final String ISSUES = "/api/v4/projects/infra%2Fincidents/issues";

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

	@Test
	void theImportReadsEveryPageAndRunningItAgainChangesNothing() throws Exception {
		servePages();
		this.clock.set(Instant.parse("2026-11-20T09:00:00Z"));
		Person coordinator = this.testPeople.coordinator("Cora Imports");
		String request = "{\"project\": \"infra/incidents\", \"from\": \"2026-10-01\", \"to\": \"2026-10-31\", \"token\": \""
				+ TOKEN + "\"}";
		this.mvc
			.perform(post("/admin/gitlab/import").with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(request))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.pages").value(2))
			.andExpect(jsonPath("$.created").value(3))
			.andExpect(jsonPath("$.unchanged").value(0))
			.andExpect(content().string(containsString("Service::search")))
			.andExpect(content().string(not(containsString(TOKEN))));

		LocalApi.Received first = API.received(ISSUES).get(0);
		assertThat(first.header("PRIVATE-TOKEN")).isEqualTo(TOKEN);
		assertThat(first.uri().getQuery()).contains("issue_type=incident", "updated_after=2026-10-01T00:00:00Z",
				"updated_before=2026-11-01T00:00:00Z", "page=1");

		Incident registry = this.incidents.get(this.gitLab.incidentOf(4202, 3).orElseThrow());
		assertThat(registry.getStatus()).isEqualTo(IncidentStatus.RESOLVED);
		assertThat(registry.getSeverity()).isEqualTo(Severity.S3);
		assertThat(registry.getRootCause()).isEqualTo(RootCause.EXTERNAL_DEPENDENCY);
		assertThat(registry.getDeclaredAt()).isEqualTo(Instant.parse("2026-10-12T08:10:00Z"));
		assertThat(registry.getResolvedAt()).isEqualTo(Instant.parse("2026-10-12T10:00:00Z"));
		Incident git = this.incidents.get(this.gitLab.incidentOf(4202, 4).orElseThrow());
		assertThat(git.getStatus()).isEqualTo(IncidentStatus.MITIGATED);
		assertThat(git.getMitigatedAt()).isEqualTo(Instant.parse("2026-10-20T16:45:00Z"));
		assertThat(this.incidents.view(git.getId()).services()).extracting(s -> s.name()).containsExactly("git");
		// No severity label: GitLab's own severity field (MEDIUM) decides.
		Incident sidekiq = this.incidents.get(this.gitLab.incidentOf(4202, 5).orElseThrow());
		assertThat(sidekiq.getSeverity()).isEqualTo(Severity.S3);
		assertThat(sidekiq.getStatus()).isEqualTo(IncidentStatus.ACTIVE);

		Map<String, Object> before = snapshot();
		this.clock.set(Instant.parse("2026-11-21T09:00:00Z"));
		this.mvc
			.perform(post("/admin/gitlab/import").with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content(request))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(0))
			.andExpect(jsonPath("$.updated").value(0))
			.andExpect(jsonPath("$.unchanged").value(3));
		assertThat(snapshot()).isEqualTo(before);
		assertThat(API.received(ISSUES)).hasSize(4);
	}

	@Test
	void aTokenGitLabRefusesIsShownBesideTheFieldAndNeverEchoed() throws Exception {
		servePages();
		Person coordinator = this.testPeople.coordinator("Cora Refused");
		this.mvc
			.perform(post("/admin/gitlab/import").with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.param("project", "infra/incidents")
				.param("from", "2026-10-01")
				.param("to", "2026-10-31")
				.param("token", "glpat-wrong-secret"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("GitLab refused the token (401)")))
			.andExpect(content().string(containsString("value=\"infra/incidents\"")))
			.andExpect(content().string(containsString("value=\"2026-10-31\"")))
			.andExpect(content().string(not(containsString("glpat-wrong-secret"))));
		this.mvc
			.perform(post("/admin/gitlab/import").with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"project\": \"infra/incidents\", \"from\": \"2026-10-01\", \"to\": \"2026-10-31\", "
						+ "\"token\": \"glpat-wrong-secret\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.fields.token").value(containsString("refused the token")))
			.andExpect(content().string(not(containsString("glpat-wrong-secret"))));
	}

	@Test
	void badFieldsAreNamedAndOnlyTheCoordinatorMayImport() throws Exception {
		Person coordinator = this.testPeople.coordinator("Cora Typos");
		this.mvc
			.perform(post("/admin/gitlab/import").with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"project\": \"../../etc\", \"from\": \"2026-13-01\", \"to\": \"yesterday\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.fields.project").isString())
			.andExpect(jsonPath("$.fields.from").value(containsString("YYYY-MM-DD")))
			.andExpect(jsonPath("$.fields.to").isString());
		this.mvc
			.perform(post("/admin/gitlab/import").with(user(TestPeople.signedIn(coordinator)))
				.with(csrf())
				.param("project", "infra/incidents")
				.param("from", "2026-10-31")
				.param("to", "2026-10-01"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("The last day comes on or after the first.")));

		Person manager = this.testPeople.manager("Manny Notcoordinator");
		this.mvc.perform(get("/admin/gitlab/import").with(user(TestPeople.signedIn(manager))))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/gitlab/import").with(user(TestPeople.signedIn(manager)))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"project\": \"infra/incidents\", \"from\": \"2026-10-01\", \"to\": \"2026-10-31\"}"))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post("/admin/gitlab/import").with(user(TestPeople.signedIn(coordinator)))
				.param("project", "infra/incidents")
				.param("from", "2026-10-01")
				.param("to", "2026-10-31"))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/gitlab/import").with(user(TestPeople.signedIn(coordinator))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("/integrations/gitlab/webhook")));
		// Found from the incidents page, by the coordinator only.
		this.mvc.perform(get("/incidents").with(user(TestPeople.signedIn(coordinator))))
			.andExpect(content().string(containsString("href=\"/admin/gitlab/import\"")));
		this.mvc.perform(get("/incidents").with(user(TestPeople.signedIn(manager))))
			.andExpect(content().string(not(containsString("/admin/gitlab/import"))));
	}

	private void servePages() {
		API.route(ISSUES, request -> {
			if (!TOKEN.equals(request.header("PRIVATE-TOKEN"))) {
				return new LocalApi.Answer(401, Map.of(), "{\"message\":\"401 Unauthorized\"}");
			}
			boolean second = request.uri().getQuery().contains("page=2");
			return LocalApi.Answer.json(resource(second ? "api-incidents-page-2.json" : "api-incidents-page-1.json"),
					Map.of("X-Next-Page", second ? "" : "2", "X-Page", second ? "2" : "1", "X-Per-Page", "100"));
		});
	}

	private Map<String, Object> snapshot() {
		return this.jdbc.queryForMap("""
				select (select count(*) from incident) as incidents,
				       (select coalesce(sum(version), 0) from incident) as versions,
				       (select count(*) from audit_entry) as audit,
				       (select count(*) from gitlab_incident_label) as labels,
				       (select max(synced_at) from gitlab_incident_issue) as synced""");
	}

	private static String resource(String name) {
		try (InputStream in = GitLabImportTests.class.getResourceAsStream("/gitlab/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
