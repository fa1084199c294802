package com.example.imoc.web.security;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.imoc.ImocApplication;
import com.example.imoc.database.DataChanges;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonForm;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.Role;
import com.example.imoc.people.Roster;
import com.example.imoc.people.TestPeople;
import com.example.imoc.web.HttpBrowser;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application nodes on one PostgreSQL, over real HTTP (issue "Trust at the edges"):
 * sessions live in the shared database, so one session works on both nodes and survives a
 * node's restart; access follows the roster on the very next request on either node
 * (demotion, deactivation, password change, "sign out everywhere"); the sign-in throttle
 * counts failures on both nodes into one counter, whatever the case of the email; and a
 * junk Bearer header exempts nothing from CSRF.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessAcrossNodesTests {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" (?:value|content)=\"([^\"]+)\"");

	@TempDir
	static Path dir;

	private ConfigurableApplicationContext a;

	private ConfigurableApplicationContext b;

	private String nodeA;

	private String nodeB;

	private TestPeople testPeople;

	@BeforeAll
	void startTwoNodes() {
		this.a = new SpringApplicationBuilder(ImocApplication.class)
			.run(common("a", "--imoc.embedded-db.data-dir=" + dir.resolve("pg")));
		this.nodeA = "http://localhost:" + this.a.getEnvironment().getProperty("local.server.port");
		this.b = startB();
		this.testPeople = this.a.getBean(TestPeople.class);
	}

	private ConfigurableApplicationContext startB() {
		int pg = this.a.getBean(EmbeddedPostgres.class).getPort();
		ConfigurableApplicationContext node = new SpringApplicationBuilder(ImocApplication.class)
			.run(common("b", "--spring.datasource.url=jdbc:postgresql://localhost:" + pg + "/postgres",
					"--spring.datasource.username=postgres"));
		this.nodeB = "http://localhost:" + node.getEnvironment().getProperty("local.server.port");
		return node;
	}

	@AfterAll
	void stopNodes() {
		if (this.b != null) {
			this.b.close();
		}
		if (this.a != null) {
			this.a.close();
		}
	}

	private static String[] common(String node, String... more) {
		String[] common = { "--server.port=0", "--imoc.schedule.extend-on-startup=false", "--imoc.demo=false",
				"--imoc.notify.run-jobs=false", "--spring.quartz.auto-startup=false",
				"--spring.quartz.scheduler-name=imoc-access-" + node + "-" + UUID.randomUUID(),
				"--logging.level.root=WARN" };
		String[] all = new String[common.length + more.length];
		System.arraycopy(common, 0, all, 0, common.length);
		System.arraycopy(more, 0, all, common.length, more.length);
		return all;
	}

	@Test
	void oneSessionWorksOnBothNodesAndSurvivesANodeRestart() throws Exception {
		Person cora = this.testPeople.coordinator("Cora Shared");
		HttpBrowser browser = signedIn(this.nodeA, cora);
		assertThat(browser.get(uri(this.nodeB, "/admin/people")).status()).isEqualTo(200);
		assertThat(browser.get(uri(this.nodeB, "/profile")).body()).contains(cora.getEmail());

		this.b.close();
		this.b = startB();
		assertThat(browser.get(uri(this.nodeB, "/admin/people")).status())
			.as("a restarted node still knows the session")
			.isEqualTo(200);
	}

	@Test
	void aDemotedCoordinatorsOpenSessionsGet403OnAdminOnBothNodesAtTheirNextRequest() throws Exception {
		Person cora = this.testPeople.coordinator("Cora Demoted");
		HttpBrowser onA = signedIn(this.nodeA, cora);
		HttpBrowser onB = signedIn(this.nodeB, cora);
		assertThat(onA.get(uri(this.nodeA, "/admin/people")).status()).isEqualTo(200);
		assertThat(onB.get(uri(this.nodeB, "/admin/people")).status()).isEqualTo(200);

		Roster roster = this.a.getBean(Roster.class);
		PersonForm form = PersonForm.of(this.a.getBean(PersonRepository.class).findById(cora.getId()).orElseThrow());
		form.setRole(Role.MANAGER);
		roster.update(cora.getId(), form);

		assertThat(onA.get(uri(this.nodeA, "/admin/people")).status()).isEqualTo(403);
		assertThat(onB.get(uri(this.nodeB, "/admin/people")).status()).isEqualTo(403);
		// They stay signed in as the manager they now are, and cannot make themselves
		// coordinator again.
		assertThat(onB.get(uri(this.nodeB, "/profile")).status()).isEqualTo(200);
		String token = csrf(onA, this.nodeA, "/profile");
		assertThat(onA
			.post(uri(this.nodeA, "/admin/people/" + cora.getId()), Map.of("_csrf", token, "role", "COORDINATOR"))
			.status()).isEqualTo(403);
		assertThat(this.a.getBean(JdbcTemplate.class)
			.queryForObject("select role from person where id = ?", String.class, cora.getId())).isEqualTo("MANAGER");
	}

	@Test
	void aDeactivatedCoordinatorsOpenSessionsGet403OnBothNodesAndAreSignedOut() throws Exception {
		Person boss = this.testPeople.coordinator("Bea Boss");
		Person cora = this.testPeople.coordinator("Cora Leaving");
		HttpBrowser onA = signedIn(this.nodeA, cora);
		HttpBrowser onB = signedIn(this.nodeB, cora);
		HttpBrowser bossBrowser = signedIn(this.nodeA, boss);

		String token = csrf(bossBrowser, this.nodeA, "/admin/people/" + cora.getId());
		assertThat(bossBrowser
			.post(uri(this.nodeA, "/admin/people/" + cora.getId() + "/deactivate"), Map.of("_csrf", token))
			.status()).isEqualTo(302);

		HttpBrowser.Page refusedA = onA.get(uri(this.nodeA, "/admin/people"));
		assertThat(refusedA.status()).isEqualTo(403);
		assertThat(refusedA.body()).contains("deactivated");
		assertThat(onB.get(uri(this.nodeB, "/admin/people")).status()).isEqualTo(403);
		// The sessions are ended: what follows is a signed-out visitor.
		assertThat(onA.get(uri(this.nodeA, "/")).location()).endsWith("/login");
		assertThat(onB.get(uri(this.nodeB, "/")).location()).endsWith("/login");
		// And they cannot sign in again.
		assertThat(signIn(new HttpBrowser(), this.nodeB, cora.getEmail(), TestPeople.PASSWORD).location())
			.contains("/login?error");
	}

	@Test
	void aPasswordChangeEndsTheOtherSessionsOnBothNodesAndKeepsThisOne() throws Exception {
		Person jane = this.testPeople.manager("Jane Changes");
		HttpBrowser here = signedIn(this.nodeA, jane);
		HttpBrowser otherOnA = signedIn(this.nodeA, jane);
		HttpBrowser otherOnB = signedIn(this.nodeB, jane);
		String before = here.cookie("localhost", "JSESSIONID");

		String newPassword = "tangerine kayak orbit";
		HttpBrowser.Page changed = here.post(uri(this.nodeA, "/profile/password"),
				Map.of("_csrf", csrf(here, this.nodeA, "/profile"), "currentPassword", TestPeople.PASSWORD,
						"newPassword", newPassword, "confirmPassword", newPassword));
		assertThat(here.follow(changed).body()).contains("Your password was changed.");
		assertThat(here.cookie("localhost", "JSESSIONID")).as("a new session id").isNotEqualTo(before);

		assertThat(here.get(uri(this.nodeB, "/profile")).status()).as("this session goes on, on both nodes")
			.isEqualTo(200);
		assertThat(otherOnA.get(uri(this.nodeA, "/profile")).location()).endsWith("/login");
		assertThat(otherOnB.get(uri(this.nodeB, "/profile")).location()).endsWith("/login");
		assertThat(signIn(new HttpBrowser(), this.nodeB, jane.getEmail(), newPassword).location())
			.doesNotContain("error");
	}

	@Test
	void theCoordinatorSignsSomeoneOutEverywhereWithAnAuditedButton() throws Exception {
		Person boss = this.testPeople.coordinator("Bea Signs Out");
		Person jane = this.testPeople.manager("Jane Signed Out");
		HttpBrowser janeOnA = signedIn(this.nodeA, jane);
		HttpBrowser janeOnB = signedIn(this.nodeB, jane);
		HttpBrowser bossBrowser = signedIn(this.nodeB, boss);

		String page = bossBrowser.get(uri(this.nodeB, "/admin/people/" + jane.getId())).body();
		assertThat(page).contains("Sign out everywhere");
		assertThat(bossBrowser.post(uri(this.nodeB, "/admin/people/" + jane.getId() + "/sign-out"), Map.of()).status())
			.as("without a CSRF token")
			.isEqualTo(403);
		assertThat(janeOnA.get(uri(this.nodeA, "/profile")).status()).isEqualTo(200);
		assertThat(bossBrowser
			.post(uri(this.nodeB, "/admin/people/" + jane.getId() + "/sign-out"),
					Map.of("_csrf", csrf(bossBrowser, this.nodeB, "/admin/people/" + jane.getId())))
			.status()).isEqualTo(302);

		assertThat(janeOnA.get(uri(this.nodeA, "/profile")).location()).endsWith("/login");
		assertThat(janeOnB.get(uri(this.nodeB, "/profile")).location()).endsWith("/login");
		assertThat(this.a.getBean(JdbcTemplate.class)
			.queryForList("select action from audit_entry where subject_type = 'person' and subject_id = ?",
					String.class, jane.getId()))
			.contains("person.signed-out");
		// A new sign-in works as before.
		assertThat(signedIn(this.nodeA, jane).get(uri(this.nodeA, "/profile")).status()).isEqualTo(200);
	}

	/**
	 * Issue 17: each node keeps the sessions it read in memory (CachedSessions), so a
	 * request reads no session from the database, and forgets them when a session changes
	 * on any node.
	 */
	@Test
	void sessionsAreKeptInMemoryPerNodeAndForgottenWhenASessionChangesOnAnyNode() throws Exception {
		Person jane = this.testPeople.manager("Jane Kept");
		HttpBrowser browser = signedIn(this.nodeA, jane);
		String id = new String(java.util.Base64.getDecoder().decode(browser.cookie("localhost", "JSESSIONID")));
		// Both nodes read and keep the session; again if the sign-in's own notification
		// arrived in between (it empties what a node keeps).
		DataChanges changesA = this.a.getBean(DataChanges.class);
		DataChanges changesB = this.b.getBean(DataChanges.class);
		for (int attempt = 0;; attempt++) {
			long stampA = changesA.sessionStamp();
			long stampB = changesB.sessionStamp();
			assertThat(browser.get(uri(this.nodeA, "/profile")).status()).isEqualTo(200);
			assertThat(browser.get(uri(this.nodeB, "/profile")).status()).isEqualTo(200);
			Thread.sleep(200);
			if (changesA.isSessionCurrent(stampA) && changesB.isSessionCurrent(stampB)) {
				break;
			}
			assertThat(attempt).as("session generations settle").isLessThan(20);
		}

		// Behind every node's back (no trigger fires): the stored session loses its
		// sign-in. Both nodes go on serving the session they keep, without reading it.
		JdbcTemplate jdbc = this.a.getBean(JdbcTemplate.class);
		jdbc.execute((java.sql.Connection connection) -> {
			try (var statement = connection.createStatement()) {
				statement.execute("SET session_replication_role = replica");
				statement.executeUpdate("DELETE FROM spring_session_attributes WHERE attribute_name = "
						+ "'SPRING_SECURITY_CONTEXT' AND session_primary_id = (SELECT primary_id FROM spring_session "
						+ "WHERE session_id = '" + id + "')");
				statement.execute("SET session_replication_role = origin");
			}
			return null;
		});
		assertThat(browser.get(uri(this.nodeA, "/profile")).status()).as("kept on A").isEqualTo(200);
		assertThat(browser.get(uri(this.nodeB, "/profile")).status()).as("kept on B").isEqualTo(200);

		// Someone else signs in on A: a session changed, so both nodes read theirs again
		// and find the stored one signed out.
		signedIn(this.nodeA, this.testPeople.manager("Bob Signs In"));
		assertThat(browser.get(uri(this.nodeB, "/profile")).location()).as("read again on B").endsWith("/login");
		assertThat(browser.get(uri(this.nodeA, "/profile")).location()).as("read again on A").endsWith("/login");
	}

	@Test
	void signingOutOnOneNodeEndsTheSessionOnTheOtherThatKeptIt() throws Exception {
		Person jane = this.testPeople.manager("Jane Signs Out Here");
		HttpBrowser browser = signedIn(this.nodeA, jane);
		assertThat(browser.get(uri(this.nodeB, "/profile")).status()).isEqualTo(200);
		assertThat(browser.get(uri(this.nodeB, "/profile")).status()).isEqualTo(200);
		String signedIn = browser.cookie("localhost", "JSESSIONID");

		assertThat(browser.post(uri(this.nodeA, "/logout"), Map.of("_csrf", csrf(browser, this.nodeA, "/profile")))
			.location()).endsWith("/login?logout");

		HttpBrowser stolen = new HttpBrowser();
		stolen.setCookie("localhost", "JSESSIONID", signedIn);
		assertThat(stolen.get(uri(this.nodeB, "/profile")).location()).as("the old cookie on B").endsWith("/login");
		assertThat(stolen.get(uri(this.nodeA, "/profile")).location()).as("the old cookie on A").endsWith("/login");
	}

	@Test
	void signInFailuresOnOneNodeCountOnTheOtherWhateverTheCaseOfTheEmail() throws Exception {
		Person jane = this.testPeople.manager("Jane Throttled");
		String[] variants = { jane.getEmail(), jane.getEmail().toUpperCase(Locale.ROOT), " " + jane.getEmail() + " ",
				fullWidth(jane.getEmail()) };
		for (int i = 0; i < SignInThrottle.MAX_PER_ACCOUNT - 1; i++) {
			String node = i % 2 == 0 ? this.nodeA : this.nodeB;
			assertThat(signIn(new HttpBrowser(), node, variants[i % variants.length], "wrong-" + i).location())
				.endsWith("/login?error");
		}
		// The fifth failure, on B, locks the account on both nodes, even for the right
		// password.
		assertThat(signIn(new HttpBrowser(), this.nodeB, jane.getEmail(), "wrong-5").location())
			.endsWith("/login?locked=5");
		assertThat(signIn(new HttpBrowser(), this.nodeA, jane.getEmail(), TestPeople.PASSWORD).location())
			.endsWith("/login?locked=5");
		assertThat(signIn(new HttpBrowser(), this.nodeB, jane.getEmail().toUpperCase(Locale.ROOT), TestPeople.PASSWORD)
			.location()).endsWith("/login?locked=5");
	}

	@Test
	void aSessionWithAJunkBearerHeaderAndNoCsrfTokenIsRefusedEverywhere() throws Exception {
		Person cora = this.testPeople.coordinator("Cora Bearer");
		HttpBrowser browser = signedIn(this.nodeA, cora);
		Map<String, String> junk = Map.of("Authorization", "Bearer junk");
		// A page route: the Bearer filter does not even look, so nothing exempts the form
		// from CSRF.
		assertThat(browser.post(uri(this.nodeA, "/profile/time-zone"), Map.of("timeZone", "Asia/Tokyo"), junk).status())
			.isEqualTo(403);
		assertThat(
				browser.post(uri(this.nodeA, "/admin/people/" + cora.getId() + "/sign-out"), Map.of(), junk).status())
			.isEqualTo(403);
		// The API with a session but an invalid token: the token is refused.
		assertThat(browser.post(uri(this.nodeA, "/api/v1/incidents"), Map.of("title", "x"), junk).status())
			.isEqualTo(401);
		assertThat(this.a.getBean(JdbcTemplate.class)
			.queryForObject("select time_zone from person where id = ?", String.class, cora.getId())).isEqualTo("UTC");
		assertThat(browser.get(uri(this.nodeA, "/profile")).status()).as("still signed in").isEqualTo(200);
	}

	private static String fullWidth(String ascii) {
		StringBuilder wide = new StringBuilder();
		for (char c : ascii.toCharArray()) {
			wide.append(c >= '!' && c <= '~' ? (char) (c - '!' + '\uFF01') : c);
		}
		return wide.toString();
	}

	private static HttpBrowser signedIn(String base, Person person) throws Exception {
		HttpBrowser browser = new HttpBrowser();
		HttpBrowser.Page page = signIn(browser, base, person.getEmail(), TestPeople.PASSWORD);
		assertThat(page.location()).doesNotContain("error").doesNotContain("locked");
		return browser;
	}

	private static HttpBrowser.Page signIn(HttpBrowser browser, String base, String email, String password)
			throws Exception {
		String token = csrf(browser, base, "/login");
		HttpBrowser.Page page = browser.post(uri(base, "/login"),
				Map.of("username", email, "password", password, "_csrf", token));
		assertThat(page.status()).isEqualTo(302);
		return page;
	}

	private static String csrf(HttpBrowser browser, String base, String path) throws Exception {
		HttpBrowser.Page page = browser.get(uri(base, path));
		Matcher token = CSRF.matcher(page.body());
		assertThat(token.find()).as("a CSRF token on %s (status %s)", path, page.status()).isTrue();
		return token.group(1);
	}

	private static URI uri(String base, String path) {
		return URI.create(base + path);
	}

}
