package com.example.imoc.web.signin;

import java.net.URI;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.NestedTestConfiguration;
import org.springframework.test.context.NestedTestConfiguration.EnclosingConfiguration;
import org.springframework.test.web.servlet.MockMvc;

import com.example.imoc.IntegrationTest;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.TestPeople;
import com.example.imoc.web.HttpBrowser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * "Sign in with GitLab" against a real OpenID Connect provider
 * ({@link TestOpenIdProvider}: Spring Authorization Server on its own port), driven over
 * real HTTP through the whole authorization code flow: the application's GitLab button,
 * the provider's login form, its authorization endpoint, the application's callback
 * (which fetches tokens, the provider's keys and user info itself), and the signed-in
 * pages.
 * <p>
 * The provider starts "down", so the application demonstrably starts while GitLab cannot
 * be reached; the first test runs in that state, every later one with the provider up.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OidcSignInTests {

	private static TestOpenIdProvider gitLab;

	/**
	 * Read when needed rather than injected as {@code @LocalServerPort}: JUnit also
	 * builds this instance for the {@link WhenNotConfigured} tests and Spring injects it
	 * from their context, which has no server port.
	 */
	@Autowired
	Environment environment;

	@Autowired
	TestPeople testPeople;

	@Autowired
	PersonRepository people;

	@Autowired
	JdbcTemplate jdbc;

	@DynamicPropertySource
	static void pointAtTheProvider(DynamicPropertyRegistry registry) {
		gitLab = TestOpenIdProvider.start();
		gitLab.down(true);
		registry.add("imoc.oidc.issuer-uri", gitLab::issuer);
		registry.add("imoc.oidc.client-id", () -> TestOpenIdProvider.CLIENT_ID);
		registry.add("imoc.oidc.client-secret", () -> TestOpenIdProvider.CLIENT_SECRET);
	}

	@AfterAll
	static void stopTheProvider() {
		if (gitLab != null) {
			gitLab.close();
		}
	}

	@Test
	@Order(1)
	void whileGitLabIsDownTheAppRunsThePasswordFormWorksAndTheButtonExplains() throws Exception {
		HttpBrowser browser = new HttpBrowser();
		HttpBrowser.Page login = browser.get(app("/login"));
		assertThat(login.body()).contains("Sign in with GitLab").contains("name=\"password\"");

		HttpBrowser.Page refused = browser.follow(browser.get(app("/oauth2/authorization/gitlab")));
		assertThat(refused.uri().getPath()).isEqualTo("/login");
		assertThat(refused.body()).contains("GitLab cannot be reached right now; sign in with your password instead.");

		Person jane = this.testPeople.manager("Jane Passwordstill");
		HttpBrowser.Page home = browser.follow(browser.post(app("/login"), Map.of("username", jane.getEmail(),
				"password", TestPeople.PASSWORD, "_csrf", csrf(browser.get(app("/login")).body()))));
		assertThat(home.uri().getPath()).isEqualTo("/");
		assertThat(home.body()).contains("Jane Passwordstill");
	}

	/** Every test but the outage one finds GitLab up, whichever order they run in. */
	@BeforeEach
	void gitLabIsUpUnlessTheTestSaysDown(TestInfo test) {
		gitLab.down(test.getTestMethod().map(method -> method.getName().startsWith("whileGitLabIsDown")).orElse(false));
	}

	@Test
	@Order(2)
	void aVerifiedRosterEmailSignsInAsThatPersonWithTheirRole() throws Exception {
		Person coordinator = this.testPeople.coordinator("Cora Gitlab");
		// GitLab's copy of the email differs in case from the roster's: emails match
		// case-insensitively.
		String account = gitLab.addUser(coordinator.getEmail().toUpperCase(), true);

		HttpBrowser browser = new HttpBrowser();
		HttpBrowser.Page home = signInWithGitLab(browser, account);

		assertThat(home.uri()).isEqualTo(app("/"));
		assertThat(home.status()).isEqualTo(200);
		assertThat(home.body()).contains("Cora Gitlab");
		// The roster's role, not GitLab's: the coordinator's pages open.
		assertThat(browser.get(app("/admin/people")).status()).isEqualTo(200);
		assertThat(browser.get(app("/profile")).body()).contains(coordinator.getEmail());
		assertThat(lastAudit("sign-in", coordinator.getId())).contains("method oidc").contains(coordinator.getEmail());
	}

	@Test
	@Order(3)
	void aManagerSignedInThroughGitLabIsStillOnlyAManager() throws Exception {
		Person manager = this.testPeople.manager("Manny Gitlab");
		String account = gitLab.addUser(manager.getEmail(), true);

		HttpBrowser browser = new HttpBrowser();
		HttpBrowser.Page home = signInWithGitLab(browser, account);

		assertThat(home.uri()).isEqualTo(app("/"));
		assertThat(home.body()).contains("Manny Gitlab");
		assertThat(browser.get(app("/admin/people")).status()).isEqualTo(403);
		// Pages that take the principal as @AuthenticationPrincipal SignedInPerson work
		// as after the password form.
		assertThat(browser.get(app("/my/shifts")).status()).isEqualTo(200);
		assertThat(browser.get(app("/notifications")).status()).isEqualTo(200);
	}

	@Test
	@Order(4)
	void anEmailNobodyOnTheRosterHasIsRefusedWithAMessage() throws Exception {
		String email = "stranger-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
		String account = gitLab.addUser(email, true);

		HttpBrowser browser = new HttpBrowser();
		HttpBrowser.Page page = signInWithGitLab(browser, account);

		assertThat(page.uri().getPath()).isEqualTo("/login");
		assertThat(page.body()).contains("No roster person has the email " + email + "; ask a coordinator to add you.");
		assertNotSignedIn(browser);
		assertThat(lastAudit("sign-in.refused", null)).contains("unknown-email").contains(email);
		// The message is shown once, not on every later visit.
		assertThat(browser.get(app("/login")).body()).doesNotContain("No roster person has the email");
	}

	@Test
	@Order(5)
	void anEmailGitLabHasNotVerifiedIsRefusedEvenIfItIsOnTheRoster() throws Exception {
		Person person = this.testPeople.manager("Una Verified");
		String account = gitLab.addUser(person.getEmail(), false);

		HttpBrowser browser = new HttpBrowser();
		HttpBrowser.Page page = signInWithGitLab(browser, account);

		assertThat(page.uri().getPath()).isEqualTo("/login");
		assertThat(page.body()).contains("GitLab has not verified your email.");
		assertNotSignedIn(browser);
		assertThat(lastAudit("sign-in.refused", null)).contains("email-unverified").contains(person.getEmail());
	}

	@Test
	@Order(6)
	void aDeactivatedRosterPersonIsRefused() throws Exception {
		Person person = this.testPeople.manager("Dee Activated");
		Person stored = this.people.findById(person.getId()).orElseThrow();
		stored.setActive(false);
		this.people.save(stored);
		String account = gitLab.addUser(person.getEmail(), true);

		HttpBrowser browser = new HttpBrowser();
		HttpBrowser.Page page = signInWithGitLab(browser, account);

		assertThat(page.uri().getPath()).isEqualTo("/login");
		assertThat(page.body()).contains("is deactivated; ask a coordinator to reactivate them.");
		assertNotSignedIn(browser);
		assertThat(lastAudit("sign-in.refused", person.getId())).contains("deactivated");
	}

	@Test
	@Order(7)
	void theFirstSignInLinksTheGitLabAccountWhichIsMatchedOnItsSubjectFromThenOn() throws Exception {
		Person cora = this.testPeople.coordinator("Cora Linked");
		String account = gitLab.addUser(cora.getEmail(), true);
		assertThat(signInWithGitLab(new HttpBrowser(), account).body()).contains("Cora Linked");
		assertThat(this.jdbc.queryForObject("select oidc_subject from person where id = ?", String.class, cora.getId()))
			.as("GitLab's sub for the account")
			.isEqualTo(account);
		assertThat(lastAudit("person.gitlab-linked", cora.getId())).contains(account);

		// The roster changes her email; GitLab still says the old one, which is nobody's
		// now: the link decides.
		String renamed = "cora.renamed." + cora.getId() + "@example.com";
		this.jdbc.update("update person set email = ? where id = ?", renamed, cora.getId());
		HttpBrowser again = new HttpBrowser();
		assertThat(signInWithGitLab(again, account).body()).contains("Cora Linked");
		assertThat(again.get(app("/admin/people")).status()).isEqualTo(200);

		// Another GitLab account that claims her (verified) email gets nothing: she signs
		// in with her own.
		String impostor = gitLab.addUser(renamed, true);
		HttpBrowser other = new HttpBrowser();
		HttpBrowser.Page refused = signInWithGitLab(other, impostor);
		assertThat(refused.uri().getPath()).isEqualTo("/login");
		assertThat(refused.body()).contains("signs in with another GitLab account");
		assertNotSignedIn(other);
		assertThat(lastAudit("sign-in.refused", cora.getId())).contains("linked-to-another");
		assertThat(this.jdbc.queryForObject("select oidc_subject from person where id = ?", String.class, cora.getId()))
			.isEqualTo(account);
	}

	@Test
	void halfAConfigurationStopsStartUpWithAClearMessage() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new GitLabProperties("https://gitlab.com", "client", " ").requireComplete())
			.withMessageContaining("IMOC_OIDC_ISSUER_URI, IMOC_OIDC_CLIENT_ID and IMOC_OIDC_CLIENT_SECRET together");
		assertThat(new GitLabProperties("", null, "").anySet()).isFalse();
	}

	/**
	 * The button, GitLab's login form with the account's password, and every redirect
	 * until a page.
	 */
	private HttpBrowser.Page signInWithGitLab(HttpBrowser browser, String account) throws Exception {
		HttpBrowser.Page page = browser.follow(browser.get(app("/oauth2/authorization/gitlab")));
		assertThat(page.uri().toString()).startsWith(gitLab.issuer() + "/login");
		HttpBrowser.Page afterLogin = browser.post(page.uri().resolve("/login"),
				Map.of("username", account, "password", TestOpenIdProvider.PASSWORD, "_csrf", csrf(page.body())));
		return browser.follow(afterLogin);
	}

	private void assertNotSignedIn(HttpBrowser browser) throws Exception {
		HttpBrowser.Page home = browser.get(app("/"));
		assertThat(home.status()).isEqualTo(302);
		assertThat(URI.create(home.location()).getPath()).isEqualTo("/login");
	}

	private String lastAudit(String action, Long personId) {
		return this.jdbc.queryForObject(
				"select details from audit_entry where action = ? and subject_id is not distinct from ? order by id desc limit 1",
				String.class, action, personId);
	}

	private URI app(String path) {
		return URI.create("http://127.0.0.1:" + this.environment.getRequiredProperty("local.server.port") + path);
	}

	private static String csrf(String html) {
		Matcher input = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>").matcher(html);
		assertThat(input.find()).as("a CSRF field in %s", html).isTrue();
		Matcher value = Pattern.compile("value=\"([^\"]+)\"").matcher(input.group());
		assertThat(value.find()).isTrue();
		return value.group(1);
	}

	/**
	 * Without IMOC_OIDC_* settings nothing of OpenID Connect exists: the shared test
	 * context shows it.
	 */
	@Nested
	@NestedTestConfiguration(EnclosingConfiguration.OVERRIDE)
	@IntegrationTest
	class WhenNotConfigured {

		@Autowired
		MockMvc mvc;

		@Autowired
		ApplicationContext context;

		@Test
		void theLoginPageHasNoGitLabButtonAndThereIsNoGitLabEndpoint() throws Exception {
			assertThat(this.context.getBeanNamesForType(ClientRegistrationRepository.class)).isEmpty();
			this.mvc.perform(get("/login"))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("name=\"password\"")))
				.andExpect(content().string(not(containsString("GitLab"))));
			this.mvc.perform(get("/oauth2/authorization/gitlab")).andExpect(redirectedUrl("/login"));
		}

	}

}
