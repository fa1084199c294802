package com.example.imoc.incident;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class OnCallHoursTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople testPeople;

	@Autowired
	JdbcTemplate jdbc;

	private long rotation;

	private long layer;

	/** The IMOC rotation (seeded by V6): pages reach whoever holds its primary shift. */
	private void rotation() {
		this.rotation = this.jdbc.queryForObject("select id from rotation where name = 'IMOC'", Long.class);
		this.layer = this.jdbc.queryForObject(
				"select id from rotation_layer where rotation_id = ? order by precedence limit 1", Long.class,
				this.rotation);
	}

	private void shift(Person person, String start, String end, boolean shadow) {
		long slot = this.jdbc.queryForObject("select id from rotation_slot where rotation_id = ? and label = ?",
				Long.class, this.rotation, start.substring(11, 16) + "-" + end.substring(11, 16));
		this.jdbc.update("""
				insert into shift (rotation_id, layer_id, slot_id, local_date, starts_at, ends_at, assignee_id, shadow)
				values (?, ?, ?, ?, ?, ?, ?, ?)""", this.rotation, this.layer, slot,
				LocalDate.parse(start.substring(0, 10)), Timestamp.from(Instant.parse(start)),
				Timestamp.from(Instant.parse(end)), person.getId(), shadow);
	}

	/** An S2 declared at {@code at}: it pages whoever holds the IMOC shift then. */
	private void page(String at) {
		this.jdbc.update("""
				insert into incident (title, severity, status, declared_at, root_cause)
				values ('Paged at the weekend', 'S2', 'ACTIVE', ?, 'INDETERMINATE')""",
				Timestamp.from(Instant.parse(at)));
	}

	@Test
	void theCsvTotalsWeekendHolidayAndPagedHoursForAKnownSchedule() throws Exception {
		rotation();
		// An EMEA manager in Europe/London (UTC in December). EMEA takes the public
		// holidays of GB (seeded from the
		// holiday library): Christmas on Friday 25 December 2026, Boxing Day observed on
		// Monday 28 December.
		Person lieu = this.testPeople.manager("Lieu Person");
		shift(lieu, "2026-12-24T19:00:00Z", "2026-12-24T23:00:00Z", false); // Thursday: 4
																			// h, nothing
																			// owed
		shift(lieu, "2026-12-25T11:00:00Z", "2026-12-25T15:00:00Z", false); // holiday,
																			// not paged:
																			// 4 × 1.25 =
																			// 5
		shift(lieu, "2026-12-26T11:00:00Z", "2026-12-26T15:00:00Z", false); // Saturday,
																			// paged: 4 ×
																			// 2 = 8
		shift(lieu, "2026-12-27T23:00:00Z", "2026-12-28T05:00:00Z", false); // 1 h Sunday
																			// + 5 h
																			// holiday: 6
																			// × 1.25
		shift(lieu, "2026-12-28T11:00:00Z", "2026-12-28T15:00:00Z", true); // shadow: not
																			// counted
		shift(lieu, "2026-12-29T11:00:00Z", "2026-12-29T15:00:00Z", false); // after the
																			// period
		page("2026-12-26T12:00:00Z");

		String csv = this.mvc
			.perform(get("/reports/oncall-hours.csv").param("from", "2026-12-24")
				.param("to", "2026-12-28")
				.with(user(TestPeople.signedIn(lieu))))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(csv).startsWith(
				"name,email,region,time_zone,shifts,paged_shifts,oncall_hours,weekend_hours,holiday_hours,lieu_hours\n");
		String row = Arrays.stream(csv.split("\n"))
			.filter(line -> line.contains(lieu.getEmail()))
			.findFirst()
			.orElseThrow();
		assertThat(row).isEqualTo("Lieu Person," + lieu.getEmail() + ",EMEA,Europe/London,4,1,18.00,5.00,9.00,20.50");

		this.mvc
			.perform(get("/reports/time-in-lieu").param("from", "2026-12-24")
				.param("to", "2026-12-28")
				.with(user(TestPeople.signedIn(lieu))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Lieu Person")))
			.andExpect(content().string(containsString("20.5")));
		this.mvc
			.perform(get("/reports/oncall-hours.csv").param("from", "2026-12-28")
				.param("to", "2026-12-01")
				.with(user(TestPeople.signedIn(lieu))))
			.andExpect(status().isBadRequest());
	}

}
