package com.example.imoc.incident;

import java.math.BigDecimal;
import java.time.YearMonth;
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

	/** Earlier than any incident (from 2000 on) other tests record. */
	static final YearMonth FIRST = YearMonth.of(1990, 3);

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
		// Hostile-input tests of the shared database may have stored edge months
		// ("1900-01"):
		// this test owns the time before its first month.
		this.jdbc.update("delete from availability_month where month < '1990-03-01'");
		assertThat(this.jdbc.queryForObject(
				"select count(*) from incident where least(impact_started_at, declared_at) < '1990-03-01'",
				Integer.class))
			.as("no incident recorded before the month this test starts with")
			.isZero();
		this.availability.importPublished(Map.of(FIRST, new BigDecimal("99.5")));
		Person viewer = this.people.manager("No Data Viewer");

		assertThat(this.availability.recorded(FIRST.minusMonths(1))).isFalse();
		assertThat(this.availability.recorded(FIRST)).isTrue();
		assertThat(this.availability.recorded(FIRST.plusMonths(1))).as("after the first recorded month").isTrue();

		this.mvc.perform(get("/availability").param("month", "1990-02").with(user(TestPeople.signedIn(viewer))))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("<dt>Platform</dt><dd>no data</dd>"),
					containsString("It is not counted as 100 %"), not(containsString("100.000 %")))));
		this.mvc.perform(get("/availability").param("month", "1990-03").with(user(TestPeople.signedIn(viewer))))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("99.500 %"), not(containsString("<dd>no data</dd>")),
					containsString(">no data</text>"), containsString("Mar 90: 99.500 % (published)"))));
	}

}
