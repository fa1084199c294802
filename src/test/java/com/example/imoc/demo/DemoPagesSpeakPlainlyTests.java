package com.example.imoc.demo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The demo as a new user meets it: each documented demo login signs in with the form and
 * follows every link the pages offer (the navigation, then people, rotations, incidents,
 * swap requests, the audit log, reports, health, fairness, the inbox…), and no page shows
 * an ISO timestamp, an enum name, a configuration key or {@code null}: people read words
 * and their own clock, not codes. Links of the same shape (the same path with other ids)
 * are followed twice at most, so the crawl stays short but reaches every page kind.
 */
@SpringBootTest(properties = "imoc.demo=true")
@ActiveProfiles("test")
class DemoPagesSpeakPlainlyTests {

	/** The logins the README lists for the demo. */
	static final List<String> LOGINS = List.of("coordinator@example.com", "jane.doe@example.com",
			"priya.raman@example.com", "emily.davis@example.com", "lars.nielsen@example.com", "minjun.park@example.com",
			"maria.alvarez@example.com");

	/**
	 * Upper-case words that are real acronyms or names (ANZAC Day), or the {@code YYYY}
	 * of a date format hint, not enum names.
	 */
	static final Set<String> ACRONYMS = Set.of("IMOC", "UTC", "SLA", "API", "ICS", "CSV", "URL", "HTML", "MTTR", "APAC",
			"EMEA", "AMER", "JSON", "HTTP", "HTTPS", "SMTP", "REST", "CEST", "AEDT", "AEST", "NZDT", "NZST", "IANA",
			"UUID", "ANZAC", "README", "YYYY");

	static final Pattern ISO_TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}");

	static final Pattern ENUM_LIKE = Pattern.compile("\\b[A-Z][A-Z_]{3,}\\b");

	static final Pattern CONFIGURATION_KEY = Pattern.compile("\\b(imoc|spring)\\.[a-z][\\w-]*(\\.[\\w-]+)*");

	static final Pattern NULL = Pattern.compile("\\bnull\\b");

	static final Pattern HREF = Pattern.compile("<a\\b[^>]*\\bhref=\"([^\"#]*)[^\"]*\"", Pattern.CASE_INSENSITIVE);

	/** Addresses that are not pages to read: feeds, downloads, the API, signing out. */
	static final Pattern NOT_A_PAGE = Pattern
		.compile("^(/ical/|/api/|/actuator|/logout|/login|/swagger|/v3/|/oauth2|/webjars|/css/|/js/|/images/)"
				+ "|\\.(ics|csv|json|svg|css|js)(\\?|$)|[?&]format=csv|/export");

	@Autowired
	WebApplicationContext context;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
	}

	@Test
	void everyPageOfTheDemoSpeaksInWordsAndLocalTimesToEveryDemoLogin() throws Exception {
		List<String> findings = new ArrayList<>();
		Set<String> kinds = new LinkedHashSet<>();
		for (String login : LOGINS) {
			MockHttpSession session = signIn(login);
			crawl(login, session, findings, kinds);
		}
		assertThat(kinds).as("page kinds read")
			.contains("/", "/my/shifts", "/rotations", "/rotations/{n}", "/swaps", "/incidents", "/incidents/{n}",
					"/availability", "/reports/time-in-lieu", "/notifications", "/admin/people", "/admin/people/{n}",
					"/admin/audit");
		assertThat(findings).as("codes on pages").isEmpty();
	}

	@Test
	void theScanNoticesEachKindOfCode() {
		assertThat(findings("<p>Sent 2026-11-30T14:45:05Z</p>")).hasSize(1);
		assertThat(findings("<p>Role MANAGER</p>")).hasSize(1);
		assertThat(findings("<p>Set imoc.availability.goal</p>")).hasSize(1);
		assertThat(findings("<p>imoc: null</p>")).hasSize(1);
		assertThat(findings("<p title=\"MANAGER\">IMOC on call, Mon 30 Nov, 14:45 (UTC)</p>"
				+ "<script>var x = null; // MANAGER</script><textarea>2026-11-30T14:45</textarea>"))
			.isEmpty();
	}

	private MockHttpSession signIn(String login) throws Exception {
		MockHttpSession session = new MockHttpSession();
		MockHttpServletResponse response = this.mvc
			.perform(post("/login").session(session).param("username", login).param("password", "demo").with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(response.getRedirectedUrl()).as(login + " signs in").doesNotContain("error");
		return session;
	}

	private void crawl(String login, MockHttpSession session, List<String> findings, Set<String> kinds)
			throws Exception {
		Deque<String> queue = new ArrayDeque<>(List.of("/"));
		Set<String> seen = new LinkedHashSet<>(queue);
		Map<String, Integer> perShape = new HashMap<>();
		while (!queue.isEmpty()) {
			String address = queue.poll();
			MockHttpServletResponse response = this.mvc.perform(get(address).session(session))
				.andReturn()
				.getResponse();
			String type = response.getContentType();
			if (response.getStatus() != 200 || type == null || !type.startsWith("text/html")) {
				continue;
			}
			String html = response.getContentAsString();
			kinds.add(shape(address).replaceAll("\\?.*", ""));
			for (String finding : findings(html)) {
				findings.add(login + " " + address + ": " + finding);
			}
			Matcher links = HREF.matcher(html);
			while (links.find()) {
				String link = HtmlUtils.htmlUnescape(links.group(1));
				if (!link.startsWith("/") || link.startsWith("//") || NOT_A_PAGE.matcher(link).find()
						|| !seen.add(link)) {
					continue;
				}
				if (perShape.merge(shape(link), 1, Integer::sum) <= 2) {
					queue.add(link);
				}
			}
		}
	}

	/** The same page kind whatever its ids or dates: {@code /incidents/{n}}. */
	private static String shape(String address) {
		return address.replaceAll("\\d+", "{n}");
	}

	static List<String> findings(String html) {
		String text = visibleText(html);
		List<String> found = new ArrayList<>();
		collect(ISO_TIMESTAMP, text, "ISO timestamp", found);
		collect(CONFIGURATION_KEY, text, "configuration key", found);
		collect(NULL, text, "null", found);
		Matcher words = ENUM_LIKE.matcher(text);
		while (words.find()) {
			if (!ACRONYMS.contains(words.group())) {
				found.add("enum name '" + words.group() + "' in …" + around(text, words.start()) + "…");
			}
		}
		return found;
	}

	private static void collect(Pattern pattern, String text, String what, List<String> found) {
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			found.add(what + " '" + matcher.group() + "' in …" + around(text, matcher.start()) + "…");
		}
	}

	private static String around(String text, int at) {
		return text.substring(Math.max(0, at - 40), Math.min(text.length(), at + 50));
	}

	/**
	 * What a reader sees: no scripts, styles, tags or attributes; entities decoded. What
	 * a form holds to be edited (a text area, like an input's value) is input, not text.
	 */
	static String visibleText(String html) {
		String text = html.replaceAll("(?is)<(script|style|template|textarea)\\b.*?</\\1>", " ")
			.replaceAll("(?s)<!--.*?-->", " ")
			.replaceAll("(?s)<[^>]*>", " ");
		return HtmlUtils.htmlUnescape(text).replaceAll("\\s+", " ");
	}

}
