package com.example.imoc.calendar;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;
import com.example.imoc.web.api.MachinePaths;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the calendar module tells the web shell about feed addresses, as the running
 * application sees it: feeds need no session, are read by programs, and their token never
 * reaches a log.
 */
@IntegrationTest
class FeedAddressesTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	MachinePaths machinePaths;

	@Test
	void aFeedNeedsNoSessionAndAnUnknownOneIsA404NotTheSignInPage() throws Exception {
		this.mvc.perform(get("/ical/{token}.ics", "no-such-token-" + System.nanoTime()))
			.andExpect(status().isNotFound());
	}

	@Test
	void aFeedIsReadByProgramsAndItsTokenNeverReachesTheLog() {
		MockHttpServletRequest feed = new MockHttpServletRequest("GET", "/ical/s3cr3tFeedToken123.ics");
		assertThat(this.machinePaths.forMachines(feed)).isTrue();
		assertThat(this.machinePaths.loggable(feed)).isEqualTo("/ical/…").doesNotContain("s3cr3t");
		MockHttpServletRequest page = new MockHttpServletRequest("GET", "/calendar");
		assertThat(this.machinePaths.forMachines(page)).isFalse();
		assertThat(this.machinePaths.loggable(page)).isEqualTo("/calendar");
	}

	@Test
	void aControlCharacterInAFeedQueryIsRefusedInJson() throws Exception {
		this.mvc.perform(get("/ical/{token}.ics", "whatever").param("x", "a\u0000b"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith("application/json"));
	}

}
