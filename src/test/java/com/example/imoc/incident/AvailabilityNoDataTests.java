package com.example.imoc.incident;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A month before anything was recorded (no published figure, no incident) is "no data",
 * on the month page and in the history chart, not 100 %.
 */
@IntegrationTest
class AvailabilityNoDataTests {

	/**
	 * The first month this test records: March 1990, or earlier when another test of the
	 * shared database recorded something before that (the month before it must be
	 * unrecorded).
	 */
	private YearMonth firstMonth() {
		YearMonth first = YearMonth.of(1990, 3);
		java.sql.Date published = this.jdbc.queryForObject("select min(month) from availability_month",
				java.sql.Date.class);
		java.sql.Timestamp incident = this.jdbc.queryForObject(
				"select min(least(impact_started_at, declared_at)) from incident", java.sql.Timestamp.class);
		for (YearMonth earliest : new YearMonth[] { published == null ? null : YearMonth.from(published.toLocalDate()),
				incident == null ? null : YearMonth.from(incident.toInstant().atZone(ZoneOffset.UTC)) }) {
			if (earliest != null && !earliest.isAfter(first)) {
				first = earliest.minusMonths(2);
			}
		}
		return first;
	}

	@Autowired
	MockMvc mvc;

	@Autowired
	Availability availability;

	@Autowired
	TestPeople people;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void monthsBeforeTheFirstRecordedOneSayNoData() throws Exception {
		YearMonth first = firstMonth();
		this.availability.importPublished(Map.of(first, new BigDecimal("99.5")));
		Person viewer = this.people.manager("No Data Viewer");

		assertThat(this.availability.recorded(first.minusMonths(1))).isFalse();
		assertThat(this.availability.recorded(first)).isTrue();
		assertThat(this.availability.recorded(first.plusMonths(1))).as("after the first recorded month").isTrue();

		this.mvc
			.perform(get("/availability").param("month", first.minusMonths(1).toString())
				.with(user(TestPeople.signedIn(viewer))))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("<dt>Platform</dt><dd>no data</dd>"),
					containsString("It is not counted as 100 %"), not(containsString("100.000 %")))));
		String label = DateTimeFormatter.ofPattern("MMM yy", Locale.ENGLISH).format(first);
		this.mvc.perform(get("/availability").param("month", first.toString()).with(user(TestPeople.signedIn(viewer))))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("99.500 %"), not(containsString("<dd>no data</dd>")),
					containsString(">no data</text>"), containsString(label + ": 99.500 % (published)"))));
	}

}
