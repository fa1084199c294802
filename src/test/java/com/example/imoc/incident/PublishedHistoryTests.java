package com.example.imoc.incident;

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
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class PublishedHistoryTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople testPeople;

	@Autowired
	JdbcTemplate jdbc;

	private String percentOf(String month) {
		return this.jdbc.queryForObject("select platform_percent::text from availability_month where month = ?::date",
				String.class, month + "-01");
	}

	@Test
	void theCoordinatorRecordsPublishedMonthsAndABadLineIsNamed() throws Exception {
		Person coordinator = this.testPeople.coordinator("Cora History");
		this.mvc
			.perform(post("/admin/availability/history").param("text", "2017-03 99.91\n2017-04 lots")
				.with(user(TestPeople.signedIn(coordinator)))
				.with(csrf()))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Line 2: &quot;lots&quot; is not a percentage"),
					containsString("2017-04 lots</textarea>"))));
		assertThat(this.jdbc.queryForObject("select count(*) from availability_month where month = '2017-03-01'",
				Integer.class))
			.isZero();
		this.mvc
			.perform(post("/admin/availability/history").param("text", "2017-03 99.91\n2017-04, 99.5%")
				.with(user(TestPeople.signedIn(coordinator)))
				.with(csrf()))
			.andExpect(redirectedUrl("/availability"));
		assertThat(percentOf("2017-03")).startsWith("99.91");
		assertThat(percentOf("2017-04")).startsWith("99.5");
	}

	@Test
	void aManagerMayNotRecordHistory() throws Exception {
		Person manager = this.testPeople.manager("Not Allowed");
		this.mvc
			.perform(post("/admin/availability/history").param("text", "2018-01 99.0")
				.with(user(TestPeople.signedIn(manager)))
				.with(csrf()))
			.andExpect(status().isForbidden());
	}

}
