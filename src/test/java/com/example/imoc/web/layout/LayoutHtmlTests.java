package com.example.imoc.web.layout;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import com.example.imoc.IntegrationTest;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The layout's header is written once per section and role and shared
 * ({@link LayoutHtml}, issue 17): it is, character for character, what the Thymeleaf
 * fragment it replaced wrote (that fragment is kept in
 * {@code templates/test/layout-reference.html} and rendered side by side in the same
 * request); what people typed stays text; each reader sees their own name, badges and
 * admin link; each session's sign-out form carries that session's token.
 */
@IntegrationTest
@Import(LayoutHtmlTests.Reference.class)
class LayoutHtmlTests {

	static final String HOSTILE = "<script>alert(1)</script> & \"Bobby\" O'Hara";

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople testPeople;

	@Autowired
	LayoutHtml layout;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	/**
	 * Renders the old fragment and the shared header in one request, for a path the
	 * header is shown on and the badges' counts given (the model's own are replaced).
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class Reference {

		@Bean
		ReferenceController layoutReferenceController() {
			return new ReferenceController();
		}

	}

	@Controller
	static class ReferenceController {

		@GetMapping("/test-only/layout-reference")
		String reference(@RequestParam String path, @RequestParam(required = false) Integer swaps,
				@RequestParam(required = false) Integer unread, Model model) {
			model.addAttribute("currentPath", path);
			model.addAttribute("swapsWaiting", swaps);
			model.addAttribute("unreadNotifications", unread);
			return "test/layout-reference";
		}

	}

	static final List<String> PATHS = List.of("/", "/my/shifts", "/my/time-away", "/rotations", "/rotations/1",
			"/swaps", "/swaps/3", "/incidents", "/availability", "/reports/time-in-lieu", "/reports/x", "/calendar",
			"/notifications", "/admin/people", "/admin/rotations/1/settings", "/profile", "/error", "");

	@Test
	void theSharedHeaderIsWhatTheThymeleafFragmentWroteForEveryPathRoleAndBadge() throws Exception {
		Person manager = this.testPeople.manager("Mia Manager");
		Person coordinator = this.testPeople.coordinator("Cole Coordinator");
		Person hostile = this.testPeople.manager(HOSTILE);
		for (Person reader : List.of(manager, coordinator, hostile)) {
			for (String path : PATHS) {
				for (Integer[] badges : new Integer[][] { { null, null }, { 0, 0 }, { 2, 0 }, { 0, 13 }, { 1, 1 } }) {
					String page = this.mvc
						.perform(get("/test-only/layout-reference").param("path", path)
							.param("swaps", badges[0] == null ? "" : badges[0].toString())
							.param("unread", badges[1] == null ? "" : badges[1].toString())
							.with(user(TestPeople.signedIn(reader))))
						.andExpect(status().isOk())
						.andReturn()
						.getResponse()
						.getContentAsString();
					String old = between(page, "<div id=\"thymeleaf\">", "</div>\n<div id=\"shared\">");
					String shared = between(page, "<div id=\"shared\">", "</div>\n</body>");
					assertThat(shared).as(reader.getName() + " on " + path).isEqualTo(old);
				}
			}
		}
	}

	@Test
	void withNobodySignedInOnlyTheBrandIsShown() {
		assertThat(this.layout.header(null, "/login", null, null))
			.isEqualTo("\n  <a class=\"brand\" href=\"/\">IMOC <span>Scheduler</span></a>\n  \n  \n");
	}

	@Test
	void aNameWithMarkupIsTextAndEachReaderSeesTheirOwnPartsOnTheSameSharedOnes() throws Exception {
		Person hostile = this.testPeople.manager(HOSTILE);
		Person coordinator = this.testPeople.coordinator("Cora Shared");
		String managers = header(this.mvc.perform(get("/my/shifts").with(user(TestPeople.signedIn(hostile))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		String coordinators = header(this.mvc.perform(get("/my/shifts").with(user(TestPeople.signedIn(coordinator))))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(managers).doesNotContain("<script>")
			.contains(">&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Bobby&quot; O&#39;Hara</a>")
			.doesNotContain("Cora Shared", "/admin/people");
		assertThat(coordinators).contains(">Cora Shared</a>", "<li><a href=\"/admin/people\">Admin</a></li>")
			.doesNotContain("Bobby");
		assertThat(managers).contains("<li><a href=\"/my/shifts\" aria-current=\"page\">My shifts</a></li>");
		// Apart from the name, the admin item and the token, the two are the same text.
		assertThat(withoutPersonalParts(managers))
			.isEqualTo(withoutPersonalParts(coordinators).replace("<li><a href=\"/admin/people\">Admin</a></li>", ""));
	}

	@Test
	void aRenamedReaderIsNamedAnewAndEachBadgeIsTheReadersOwn() throws Exception {
		Person reader = this.testPeople.manager("Rena Before");
		Cookie session = signIn(reader);
		assertThat(header(page("/", session))).contains(">Rena Before</a>").doesNotContain("class=\"badge\"");
		// In a transaction of the application's: its commit moves the generation at once.
		new TransactionTemplate(this.transactionManager).executeWithoutResult(status -> {
			this.jdbc.update("update person set name = ? where id = ?", "Rena After", reader.getId());
			this.jdbc.update("insert into notification (recipient_id, kind, subject, body, mail_wanted) "
					+ "values (?, 'test', 'Hello', 'Body', false)", reader.getId());
		});
		String after = header(page("/?after=rename", session));
		assertThat(after).contains(">Rena After</a>")
			.contains("<a href=\"/notifications\">Inbox<span class=\"badge\" title=\"1 unread\">1</span>"
					+ "<span class=\"visually-hidden\"> unread</span></a>");
		Person other = this.testPeople.manager("Otto Other");
		assertThat(header(page("/", signIn(other)))).contains(">Otto Other</a>").doesNotContain("class=\"badge\"");
	}

	@Test
	void eachSessionsSignOutFormCarriesItsOwnTokenAndAnotherSessionsIsRefused() throws Exception {
		Person ann = this.testPeople.manager("Ann Layout");
		Person bob = this.testPeople.manager("Bob Layout");
		Cookie annsSession = signIn(ann);
		Cookie bobsSession = signIn(bob);
		String annsToken = signOutToken(page("/my/shifts", annsSession));
		String bobsToken = signOutToken(page("/my/shifts", bobsSession));
		assertThat(annsToken).isNotEqualTo(bobsToken);
		this.mvc.perform(post("/logout").cookie(annsSession).param("_csrf", bobsToken))
			.andExpect(status().isForbidden());
		assertThat(header(page("/my/shifts", annsSession))).as("Ann is still signed in").contains(">Ann Layout</a>");
		this.mvc.perform(post("/logout").cookie(annsSession).param("_csrf", annsToken))
			.andExpect(redirectedUrl("/login?logout"));
		this.mvc.perform(get("/my/shifts").cookie(annsSession)).andExpect(status().is3xxRedirection());
		assertThat(header(page("/my/shifts", bobsSession))).as("Bob is still signed in").contains(">Bob Layout</a>");
	}

	private String page(String path, Cookie session) throws Exception {
		return this.mvc.perform(get(path).cookie(session))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private Cookie signIn(Person person) throws Exception {
		var response = this.mvc.perform(
				post("/login").param("username", person.getEmail()).param("password", TestPeople.PASSWORD).with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(response.getRedirectedUrl()).as(person.getName() + " signs in").doesNotContain("error");
		return response.getCookies()[0];
	}

	private static final Pattern SIGN_OUT_TOKEN = Pattern.compile(
			"<form action=\"/logout\" method=\"post\" class=\"inline\"><input type=\"hidden\" name=\"_csrf\" value=\"([^\"]+)\"/>");

	static String signOutToken(String page) {
		Matcher token = SIGN_OUT_TOKEN.matcher(page);
		assertThat(token.find()).as("a sign-out form with a token").isTrue();
		return token.group(1);
	}

	static String header(String page) {
		return between(page, "<header class=\"site-header\">", "</header>");
	}

	static String withoutPersonalParts(String header) {
		return header.replaceAll("<a href=\"/profile\">[^<]*</a>", "")
			.replaceAll("name=\"_csrf\" value=\"[^\"]+\"", "");
	}

	static String between(String text, String from, String to) {
		int start = text.indexOf(from);
		assertThat(start).as(from).isNotNegative();
		int end = text.indexOf(to, start + from.length());
		assertThat(end).as(to).isNotNegative();
		return text.substring(start + from.length(), end);
	}

}
