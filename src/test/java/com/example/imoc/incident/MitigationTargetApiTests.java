package com.example.imoc.incident;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;
import com.example.imoc.MutableClock;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * "S1/S2 mitigated in under 30 minutes" as the clock moves: the API field and the
 * availability page agree at every step, open incidents count as misses once 30 minutes
 * have passed and not before.
 */
@IntegrationTest
@Import(MitigationTargetApiTests.Clocked.class)
class MitigationTargetApiTests {

	@TestConfiguration
	static class Clocked {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock(Instant.parse("2026-10-05T09:00:00Z"));
		}

	}

	@Autowired
	MockMvc mvc;

	@Autowired
	MutableClock clock;

	@Autowired
	Incidents incidents;

	@Autowired
	TestPeople testPeople;

	private Incident record(String title, Severity severity, String impact, String declared, String mitigated) {
		IncidentForm form = IncidentForm.blank(this.incidents.services(), Instant.parse(declared));
		form.setDeclaredAt(declared);
		form.setTitle(title);
		form.setSeverity(severity);
		form.setImpactStartedAt(impact);
		form.setMitigatedAt(mitigated);
		form.setStatus(mitigated == null ? IncidentStatus.ACTIVE : IncidentStatus.MITIGATED);
		form.setRootCause(RootCause.SATURATION);
		form.getServices().get(0).setImpact("0.1");
		return this.incidents.create(form);
	}

	private void expectShare(Person caller, Double share, String shown) throws Exception {
		if (share == null) {
			this.mvc
				.perform(get("/api/v1/availability").param("month", "2026-10").with(user(TestPeople.signedIn(caller))))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.s1s2MitigatedWithin30").value(nullValue()));
		}
		else {
			this.mvc
				.perform(get("/api/v1/availability").param("month", "2026-10").with(user(TestPeople.signedIn(caller))))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.s1s2MitigatedWithin30").value(closeTo(share, 1e-9)));
		}
		String page = this.mvc
			.perform(get("/availability").param("month", "2026-10").with(user(TestPeople.signedIn(caller))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String figure = page.substring(page.indexOf("S1/S2 mitigated in under 30 min"));
		figure = figure.substring(figure.indexOf("<dd"), figure.indexOf("</dd>"));
		assertThat(figure).endsWith(">" + shown);
	}

	@Test
	void theShareCountsStrictlyUnderThirtyAndOpenIncidentsOnceThirtyMinutesHavePassed() throws Exception {
		Person caller = this.testPeople.manager("Mia Mitigation");
		this.clock.set(Instant.parse("2026-10-05T09:00:00Z"));
		expectShare(caller, null, "—");
		record("Hit at 29:59", Severity.S1, "2026-10-05T08:00:00Z", "2026-10-05T08:05:00Z", "2026-10-05T08:29:59Z");
		record("Miss at 30:00", Severity.S2, "2026-10-05T08:10:00Z", "2026-10-05T08:12:00Z", "2026-10-05T08:40:00Z");
		expectShare(caller, 0.5, "50 %");

		// An S1 declared at 12:00, still open: not counted for its first 30 minutes, a
		// miss from then on.
		this.clock.set(Instant.parse("2026-10-05T12:00:00Z"));
		Incident open = record("Still open", Severity.S1, null, "2026-10-05T12:00:00Z", null);
		this.clock.set(Instant.parse("2026-10-05T12:29:59Z"));
		expectShare(caller, 0.5, "50 %");
		this.clock.set(Instant.parse("2026-10-05T12:30:00Z"));
		expectShare(caller, 1.0 / 3, "33 %");

		// Days later it is still a miss; a young open S2 on that day is not counted until
		// its 30 minutes are up.
		this.clock.set(Instant.parse("2026-10-07T09:00:00Z"));
		expectShare(caller, 1.0 / 3, "33 %");
		record("Young S2", Severity.S2, "2026-10-07T08:50:00Z", "2026-10-07T08:55:00Z", null);
		expectShare(caller, 1.0 / 3, "33 %");
		this.clock.set(Instant.parse("2026-10-07T09:20:00Z"));
		expectShare(caller, 1.0 / 4, "25 %");

		// The old one is finally mitigated: it stays a miss (it took two days).
		this.clock.set(Instant.parse("2026-10-08T09:00:00Z"));
		IncidentForm form = this.incidents.formOf(open.getId());
		form.setStatus(IncidentStatus.MITIGATED);
		form.setMitigatedAt("2026-10-07T12:00:00Z");
		this.incidents.update(open.getId(), form);
		expectShare(caller, 1.0 / 4, "25 %");
	}

}
