package com.example.imoc.slack;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Without {@code IMOC_SLACK_*} settings the Slack app does not exist: nothing talks to
 * Slack, {@code /slack/**} is an ordinary path behind sign-in and CSRF, and the profile
 * page has no Slack line.
 */
@IntegrationTest
class SlackOffTests {

	@Autowired
	ApplicationContext context;

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Test
	void withoutSettingsThereIsNoSlackApp() throws Exception {
		assertThat(this.context.getBeanNamesForType(SlackApi.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(SlackController.class)).isEmpty();
		this.mvc
			.perform(post("/slack/commands").header("X-Slack-Request-Timestamp", "1")
				.header("X-Slack-Signature", "v0=00")
				.param("text", "who"))
			.andExpect(status().isForbidden());
		Person me = this.people.manager("Slackless Person");
		this.mvc.perform(get("/profile").with(user(TestPeople.signedIn(me))))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString("slack-account"))));
	}

}
