package com.example.imoc.incident;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The incident page tells its story in sentences with names, its times in the reader's
 * zone; the audit log words the same changes; neither shows field names, enum names,
 * {@code null} or ISO timestamps.
 */
@IntegrationTest
class IncidentTimelinePageTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Autowired
	Incidents incidents;

	@Test
	void anEditReadsAsWhoDidWhatInTheReadersZone() throws Exception {
		Person editor = this.people.manager("Tessa Timeline");
		Person reader = this.people.manager("Kavya Reader", "Asia/Kolkata");
		Person coordinator = this.people.coordinator("Audit Reader");
		IncidentForm form = IncidentForm.blank(this.incidents.services(), Instant.parse("2026-02-03T09:00:00Z"));
		form.setTitle("Timeline outage");
		form.setSeverity(Severity.S2);
		Incident incident = this.incidents.create(form);
		this.mvc
			.perform(post("/incidents/{id}", incident.getId()).with(user(TestPeople.signedIn(editor)))
				.with(csrf())
				.param("version", String.valueOf(incident.getVersion()))
				.param("title", "Timeline outage")
				.param("severity", "S1")
				.param("status", "MITIGATED")
				.param("declaredAt", "2026-02-03T09:00")
				.param("mitigatedAt", "2026-02-03T09:25")
				.param("rootCause", "INDETERMINATE"))
			.andExpect(status().is3xxRedirection());

		String page = this.mvc.perform(get("/incidents/{id}", incident.getId()).with(user(TestPeople.signedIn(reader))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String timeline = page.substring(page.indexOf("<h2>Timeline</h2>"), page.indexOf("<h2 id=\"edit\">"));
		assertThat(timeline)
			.contains(
					"Tessa Timeline changed the severity from Severity 2 to Severity 1, marked it "
							+ "mitigated and set the mitigation time to Tue 3 Feb, 14:55 (Asia/Kolkata).",
					"Tue 3 Feb, 14:30 (Asia/Kolkata)</time> · <span>It was declared, Severity 1")
			.doesNotContain("mitigatedAt", "MITIGATED", "null", "2026-02-03T09:25</");
		this.mvc.perform(get("/admin/audit").with(user(TestPeople.signedIn(coordinator))))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Incident updated"),
					containsString("href=\"/incidents/" + incident.getId() + "\">Incident #" + incident.getId()),
					containsString("severity: S2 → S1; status: active → mitigated; mitigated at: none → "),
					not(containsString("mitigatedAt: null")))));
	}

}
