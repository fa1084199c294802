package com.example.imoc.people;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The coordinator reaches anyone's time away from the roster and from their page. */
@IntegrationTest
class TimeAwayLinksTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Test
	void theRosterAndThePersonPageLinkToTheirTimeAway() throws Exception {
		Person coordinator = this.people.coordinator("Links Coordinator");
		Person away = this.people.manager("Away Linked", "Europe/Berlin");
		String link = "href=\"/people/" + away.getId() + "/time-away\"";
		this.mvc.perform(get("/admin/people").param("q", "Away Linked").with(user(TestPeople.signedIn(coordinator))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(link)));
		this.mvc.perform(get("/admin/people/{id}", away.getId()).with(user(TestPeople.signedIn(coordinator))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString(link)));
		this.mvc.perform(get("/people/{id}/time-away", away.getId()).with(user(TestPeople.signedIn(coordinator))))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Away Linked")));
	}

}
