package com.example.imoc.calendar;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Getting a feed URL: the /calendar page (shown once, subscribe links, last fetch, rotate
 * and revoke) and the API.
 */
@FeedTest
class CalendarPageTests {

	private static final Pattern FEED_URL = Pattern.compile("http://localhost:8080/ical/([A-Za-z0-9_-]{43})\\.ics");

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople testPeople;

	@Autowired
	FeedTokens tokens;

	@Autowired
	Rotations rotations;

	@Test
	void aNewFeedUrlIsShownOnceWithSubscribeLinksAndItsLastFetchAfterwards() throws Exception {
		Person hal = this.testPeople.manager("Hal Subscriber");
		MvcResult created = this.mvc
			.perform(post("/calendar/feeds").with(user(TestPeople.signedIn(hal))).with(csrf()).param("feed", "me"))
			.andExpect(redirectedUrl("/calendar#feed-me"))
			.andReturn();
		MvcResult shown = this.mvc
			.perform(get("/calendar").with(user(TestPeople.signedIn(hal))).cookie(created.getResponse().getCookies()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("webcal://localhost:8080/ical/")))
			.andExpect(content().string(containsString(
					"https://calendar.google.com/calendar/r?cid=webcal%3A%2F%2Flocalhost%3A8080%2Fical%2F")))
			.andExpect(content().string(containsString(
					"https://outlook.live.com/calendar/0/addfromweb?url=http%3A%2F%2Flocalhost%3A8080%2Fical%2F")))
			.andExpect(content().string(containsString("/js/copy.js")))
			.andExpect(content().string(containsString("name=\"_csrf\"")))
			.andReturn();
		Matcher url = FEED_URL.matcher(shown.getResponse().getContentAsString());
		assertThat(url.find()).isTrue();
		String secret = url.group(1);

		this.mvc.perform(get("/ical/" + secret + ".ics").header(HttpHeaders.USER_AGENT, "Thunderbird/128.0 <script>"))
			.andExpect(status().isOk());

		this.mvc.perform(get("/calendar").with(user(TestPeople.signedIn(hal))))
			.andExpect(status().isOk())
			.andExpect(content().string(not(containsString(secret))))
			.andExpect(content().string(containsString("Thunderbird/128.0 &lt;script&gt;")))
			.andExpect(content().string(containsString("Google Calendar")))
			.andExpect(content().string(containsString("Rotation IMOC")));
	}

	@Test
	void theOwnerRotatesAndRevokesButNobodyElseMay() throws Exception {
		Person ida = this.testPeople.manager("Ida Owner");
		Person mal = this.testPeople.manager("Mal Other");
		FeedTokens.Created created = this.tokens.create(ida.getId(), FeedKind.PERSON, null);
		long id = created.token().id();

		// Someone else's URL is as unknown to Mal as one that never existed.
		this.mvc.perform(post("/calendar/feeds/" + id + "/revoke").with(user(TestPeople.signedIn(mal))).with(csrf()))
			.andExpect(status().isNotFound());
		this.mvc.perform(post("/calendar/feeds/" + id + "/rotate").with(user(TestPeople.signedIn(mal))).with(csrf()))
			.andExpect(status().isNotFound());
		this.mvc.perform(post("/calendar/feeds/" + id + "/revoke").with(user(TestPeople.signedIn(ida))))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/ical/" + created.secret() + ".ics")).andExpect(status().isOk());

		MvcResult rotated = this.mvc
			.perform(post("/calendar/feeds/" + id + "/rotate").with(user(TestPeople.signedIn(ida))).with(csrf()))
			.andExpect(redirectedUrl("/calendar#feed-me"))
			.andReturn();
		this.mvc.perform(get("/ical/" + created.secret() + ".ics")).andExpect(status().isGone());
		CalendarController.NewFeed replacement = (CalendarController.NewFeed) rotated.getFlashMap().get("newFeed");
		this.mvc.perform(get(replacement.links().url().replace("http://localhost:8080", "")))
			.andExpect(status().isOk());

		this.mvc
			.perform(post("/calendar/feeds/" + replacement.tokenId() + "/revoke").with(user(TestPeople.signedIn(ida)))
				.with(csrf()))
			.andExpect(redirectedUrl("/calendar"));
		this.mvc.perform(get(replacement.links().url().replace("http://localhost:8080", "")))
			.andExpect(status().isGone());
		assertThat(this.tokens.liveOf(ida.getId())).isEmpty();
	}

	@Test
	void theApiHandsOutANewUrlPerCallAndRevokesOnlyYourOwn() throws Exception {
		Person joe = this.testPeople.manager("Joe Api");
		Person kim = this.testPeople.manager("Kim Api");
		long imoc = this.rotations.findByName("IMOC").orElseThrow().id();

		MvcResult mine = this.mvc
			.perform(post("/api/v1/calendar/feeds").with(user(TestPeople.signedIn(joe)))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"feed\": \"me\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.url").value(org.hamcrest.Matchers.matchesPattern(FEED_URL.pattern())))
			.andExpect(jsonPath("$.webcal").value(org.hamcrest.Matchers.startsWith("webcal://localhost:8080/ical/")))
			.andReturn();
		this.mvc
			.perform(post("/api/v1/calendar/feeds").with(user(TestPeople.signedIn(joe)))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"feed\": \"rotation\", \"rotationId\": " + imoc + "}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.rotationId").value(imoc));
		this.mvc
			.perform(post("/api/v1/calendar/feeds").with(user(TestPeople.signedIn(joe)))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"feed\": \"everything\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").isNotEmpty())
			.andExpect(jsonPath("$.fields.feed").isNotEmpty());
		this.mvc
			.perform(post("/api/v1/calendar/feeds").with(user(TestPeople.signedIn(joe)))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"feed\": \"rotation\", \"rotationId\": 999999}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.fields.rotationId").isNotEmpty());
		this.mvc
			.perform(post("/api/v1/calendar/feeds").with(user(TestPeople.signedIn(joe)))
				.with(csrf())
				.contentType(MediaType.APPLICATION_JSON)
				.content("not json"))
			.andExpect(status().isBadRequest());

		String body = mine.getResponse().getContentAsString();
		long id = Long.parseLong(body.replaceAll(".*\"id\":(\\d+).*", "$1"));
		String path = body.replaceAll(".*\"url\":\"http://localhost:8080([^\"]+)\".*", "$1");
		this.mvc.perform(get(path)).andExpect(status().isOk());

		this.mvc.perform(delete("/api/v1/calendar/feeds/" + id).with(user(TestPeople.signedIn(kim))).with(csrf()))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.error").isNotEmpty());
		this.mvc.perform(delete("/api/v1/calendar/feeds/999999999").with(user(TestPeople.signedIn(kim))).with(csrf()))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.error").isNotEmpty());
		this.mvc.perform(delete("/api/v1/calendar/feeds/" + id).with(user(TestPeople.signedIn(joe))).with(csrf()))
			.andExpect(status().isNoContent());
		this.mvc.perform(get(path)).andExpect(status().isGone());
	}

	@Test
	void strangersCannotCreateFeeds() throws Exception {
		this.mvc
			.perform(post("/api/v1/calendar/feeds").contentType(MediaType.APPLICATION_JSON)
				.content("{\"feed\": \"me\"}"))
			.andExpect(status().is4xxClientError());
		this.mvc.perform(get("/calendar")).andExpect(redirectedUrl("/login"));
	}

}
