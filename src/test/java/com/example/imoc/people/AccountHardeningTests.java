package com.example.imoc.people;

import com.example.imoc.MutableClock;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.ImocApplication;
import com.example.imoc.IntegrationTest;
import com.example.imoc.audit.AuditLog;
import com.example.imoc.database.DataChanges;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * One password policy on every path a password is set (self-service, coordinator,
 * bootstrap admin), wrong current passwords throttled, and personal access tokens that
 * expire.
 */
@IntegrationTest
class AccountHardeningTests {

	private static final String GOOD = "plum violin harbour";

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople testPeople;

	@Autowired
	PersonRepository people;

	@Autowired
	PasswordEncoder encoder;

	@Autowired
	AccessTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditLog auditLog;

	@Autowired
	DataChanges changes;

	@Autowired
	PlatformTransactionManager transactionManager;

	@TempDir
	Path dir;

	@Test
	void thePolicyWantsTwelveCharactersNoCommonPasswordAndNotTheEmail() {
		assertThat(PasswordPolicy.commonCount()).as("the shipped list loaded").isGreaterThan(1000);
		assertThat(PasswordPolicy.problem("eleven-char", "a@example.com")).contains(PasswordPolicy.TOO_SHORT);
		assertThat(PasswordPolicy.problem("twelve-chars", "a@example.com")).isEmpty();
		// Characters, not bytes: twelve letters with accents are twelve.
		assertThat(PasswordPolicy.problem("éléphantéàü", "a@example.com")).contains(PasswordPolicy.TOO_SHORT);
		assertThat(PasswordPolicy.problem("éléphantéàüö", "a@example.com")).isEmpty();
		assertThat(PasswordPolicy.problem("é".repeat(37), "a@example.com")).contains(PasswordPolicy.TOO_LONG);
		for (String common : new String[] { "password1234", "Password1234", "change-me-now", "Qwerty123456",
				"123456789012", "correcthorsebatterystaple", "Summer2026!!" }) {
			assertThat(PasswordPolicy.problem(common, "a@example.com")).as(common).contains(PasswordPolicy.COMMON);
		}
		assertThat(PasswordPolicy.problem("Jane.Doe.Long@Example.com", "jane.doe.long@example.com"))
			.contains(PasswordPolicy.IS_EMAIL);
		assertThat(PasswordPolicy.problem("jane.doe.longer", "jane.doe.longer@example.com"))
			.contains(PasswordPolicy.IS_EMAIL);
	}

	@Test
	void selfServiceRefusesWeakPasswordsBesideTheFieldAndKeepsTheOldOne() throws Exception {
		Person jane = this.testPeople.manager("Jane Weak");
		String hash = hashOf(jane);
		for (String weak : new String[] { "short", "password1234", jane.getEmail() }) {
			this.mvc.perform(changePassword(jane, TestPeople.PASSWORD, weak, weak))
				.andExpect(flash().attributeExists("newPasswordError"));
		}
		assertThat(hashOf(jane)).isEqualTo(hash);
		this.mvc.perform(changePassword(jane, TestPeople.PASSWORD, GOOD, GOOD))
			.andExpect(flash().attribute("message", containsString("Your password was changed.")));
		assertThat(this.encoder.matches(GOOD, hashOf(jane))).isTrue();
		this.mvc.perform(get("/profile").with(user(TestPeople.signedIn(this.testPeople.find(jane.getId())))))
			.andExpect(content().string(containsString("minlength=\"12\"")));
	}

	@Test
	void theCoordinatorsFormRefusesWeakPasswordsWithTheMessageBesideTheField() throws Exception {
		Person cora = this.testPeople.coordinator("Cora Policy");
		String email = "new." + UUID.randomUUID() + "@example.com";
		this.mvc.perform(newPerson(cora, email, "password1234"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrorCode("form", "newPassword", "policy"))
			.andExpect(content().string(containsString(PasswordPolicy.COMMON)));
		assertThat(this.people.findByEmail(email)).isEmpty();
		this.mvc.perform(newPerson(cora, email, "short"))
			.andExpect(model().attributeHasFieldErrorCode("form", "newPassword", "policy"));
		this.mvc.perform(newPerson(cora, email, GOOD)).andExpect(status().is3xxRedirection());
		Person created = this.people.findByEmail(email).orElseThrow();
		assertThat(this.encoder.matches(GOOD, created.getPasswordHash())).isTrue();

		// A reset on the edit form: the same policy, and a reset ends the person's
		// sessions.
		this.mvc.perform(edit(cora, created, "letmein12345"))
			.andExpect(model().attributeHasFieldErrorCode("form", "newPassword", "policy"));
		long before = this.people.findById(created.getId()).orElseThrow().getSecurityVersion();
		this.mvc.perform(edit(cora, created, "another " + GOOD)).andExpect(status().is3xxRedirection());
		Person reset = this.people.findById(created.getId()).orElseThrow();
		assertThat(this.encoder.matches("another " + GOOD, reset.getPasswordHash())).isTrue();
		assertThat(reset.getSecurityVersion()).isEqualTo(before + 1);
	}

	@Test
	void wrongCurrentPasswordsAreThrottledEvenForTheRightOneAfterwards() throws Exception {
		Person jane = this.testPeople.manager("Jane Borrowed Session");
		for (int i = 1; i < ProfileController.MAX_WRONG; i++) {
			this.mvc.perform(changePassword(jane, "wrong-" + i, GOOD, GOOD))
				.andExpect(flash().attribute("currentPasswordError", "That is not your current password."));
		}
		this.mvc.perform(changePassword(jane, "wrong-5", GOOD, GOOD))
			.andExpect(flash().attribute("currentPasswordError",
					"Too many wrong current passwords; try again in 15 minutes."));
		String hash = hashOf(jane);
		this.mvc.perform(changePassword(jane, TestPeople.PASSWORD, GOOD, GOOD))
			.andExpect(flash().attribute("currentPasswordError", containsString("Too many wrong current passwords")));
		assertThat(hashOf(jane)).isEqualTo(hash);
		// Another person is not affected.
		Person bob = this.testPeople.manager("Bob Unaffected");
		this.mvc.perform(changePassword(bob, TestPeople.PASSWORD, GOOD, GOOD))
			.andExpect(flash().attribute("message", containsString("Your password was changed.")));
	}

	@Test
	void aWeakBootstrapAdminPasswordStopsTheStartWithTheReasonAndAStrongOneCreatesTheCoordinator() {
		String email = "first.coordinator@example.com";
		assertThatThrownBy(() -> start("bootstrap-weak", email, "change-me-now").close())
			.hasStackTraceContaining("IMOC_ADMIN_PASSWORD (imoc.admin.password) is refused: " + PasswordPolicy.COMMON);
		try (ConfigurableApplicationContext app = start("bootstrap-strong", email, GOOD)) {
			Person admin = app.getBean(PersonRepository.class).findByEmail(email).orElseThrow();
			assertThat(admin.isCoordinator()).isTrue();
			assertThat(app.getBean(PasswordEncoder.class).matches(GOOD, admin.getPasswordHash())).isTrue();
		}
	}

	private ConfigurableApplicationContext start(String name, String email, String password) {
		return new SpringApplicationBuilder(ImocApplication.class).run("--server.port=0",
				"--imoc.embedded-db.data-dir=" + this.dir.resolve(name), "--imoc.demo=false",
				"--imoc.schedule.extend-on-startup=false", "--spring.quartz.auto-startup=false",
				"--spring.quartz.scheduler-name=imoc-" + name + "-" + UUID.randomUUID(), "--logging.level.root=WARN",
				"--imoc.admin.email=" + email, "--imoc.admin.password=" + password);
	}

	@Test
	void aTokenWorksForTheLifetimeChosenAtCreationAndNotADayLonger() {
		Person jane = this.testPeople.manager("Jane Expiring");
		MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
		AccessTokens tokens = new AccessTokens(this.jdbc, this.people, this.auditLog, clock, this.changes,
				this.transactionManager);
		TransactionTemplate transaction = new TransactionTemplate(this.transactionManager);
		String thirty = transaction
			.execute(status -> tokens.create(jane.getId(), "thirty days", Duration.ofDays(30)).secret());
		String standard = transaction.execute(status -> tokens.create(jane.getId(), "default").secret());
		for (int day = 0; day < 30; day++) {
			assertThat(tokens.authenticate(thirty)).as("day %s", day).isPresent();
			clock.add(Duration.ofDays(1));
		}
		assertThat(tokens.authenticate(thirty)).as("day 30: expired").isEmpty();
		assertThat(tokens.authenticate(standard)).isPresent();
		clock.add(AccessTokens.DEFAULT_LIFETIME.minusDays(31));
		assertThat(tokens.authenticate(standard)).as("day 89").isPresent();
		clock.add(Duration.ofDays(1));
		assertThat(tokens.authenticate(standard)).isEmpty();
		assertThat(tokens.of(jane.getId())).allSatisfy(token -> assertThat(token.expired()).isTrue());
		assertThatThrownBy(() -> transaction
			.executeWithoutResult(status -> tokens.create(jane.getId(), "forever", Duration.ofDays(3650))))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void anExpiredTokenGets401EvenWhileItsPersonIsRemembered() throws Exception {
		Person jane = this.testPeople.manager("Jane Short Token");
		String secret = this.tokens.create(jane.getId(), "brief", Duration.ofSeconds(2)).secret();
		this.mvc.perform(get("/api/v1/oncall").header("Authorization", "Bearer " + secret)).andExpect(status().isOk());
		Thread.sleep(2100);
		this.mvc.perform(get("/api/v1/oncall").header("Authorization", "Bearer " + secret))
			.andExpect(status().isUnauthorized())
			.andExpect(content().string(containsString("expired")));
	}

	@Test
	void theProfileFormChoosesATokensLifetime() throws Exception {
		Person jane = this.testPeople.manager("Jane Chooses");
		this.mvc
			.perform(post("/profile/tokens").param("name", "bot")
				.param("days", "30")
				.with(user(TestPeople.signedIn(jane)))
				.with(csrf()))
			.andExpect(flash().attributeExists("newToken"));
		this.mvc
			.perform(post("/profile/tokens").param("name", "forever")
				.param("days", "100000")
				.with(user(TestPeople.signedIn(jane)))
				.with(csrf()))
			.andExpect(flash().attributeExists("tokenDaysError"))
			.andExpect(flash().attribute("tokenName", "forever"));
		this.mvc
			.perform(
					post("/profile/tokens").param("name", "default").with(user(TestPeople.signedIn(jane))).with(csrf()))
			.andExpect(flash().attributeExists("newToken"));
		assertThat(this.jdbc.sql(
				"select name, extract(epoch from expires_at - created_at) / 86400 from access_token where person_id = ? order by id")
			.param(jane.getId())
			.query((rs, n) -> rs.getString(1) + "=" + Math.round(rs.getDouble(2)))
			.list()).containsExactly("bot=30", "default=90");
		this.mvc.perform(get("/profile").with(user(TestPeople.signedIn(jane))))
			.andExpect(content().string(containsString("Expires")))
			.andExpect(content().string(containsString("<option value=\"90\" selected=\"selected\">90 days</option>")));
	}

	private String hashOf(Person person) {
		return this.people.findById(person.getId()).orElseThrow().getPasswordHash();
	}

	private MockHttpServletRequestBuilder changePassword(Person person, String current, String next, String confirm) {
		return post("/profile/password").param("currentPassword", current)
			.param("newPassword", next)
			.param("confirmPassword", confirm)
			.with(user(TestPeople.signedIn(this.testPeople.find(person.getId()))))
			.with(csrf());
	}

	private MockHttpServletRequestBuilder newPerson(Person coordinator, String email, String password) {
		return post("/admin/people").with(user(TestPeople.signedIn(coordinator)))
			.with(csrf())
			.param("name", "New Person")
			.param("email", email)
			.param("jobTitle", "FRONTEND_ENGINEERING_MANAGER")
			.param("grade", "8")
			.param("timeZone", "Europe/Berlin")
			.param("region", "EMEA")
			.param("startDate", "2024-02-01")
			.param("onboardingState", "ACTIVE")
			.param("role", "MANAGER")
			.param("active", "true")
			.param("newPassword", password);
	}

	private MockHttpServletRequestBuilder edit(Person coordinator, Person person, String password) {
		Person now = this.people.findById(person.getId()).orElseThrow();
		return post("/admin/people/{id}", person.getId()).with(user(TestPeople.signedIn(coordinator)))
			.with(csrf())
			.param("version", String.valueOf(now.getVersion()))
			.param("name", now.getName())
			.param("email", now.getEmail())
			.param("jobTitle", now.getJobTitle().name())
			.param("grade", String.valueOf(now.getGrade()))
			.param("timeZone", now.getTimeZone())
			.param("region", now.getRegion().name())
			.param("startDate", now.getStartDate().toString())
			.param("onboardingState", now.getOnboardingState().name())
			.param("role", now.getRole().name())
			.param("active", "true")
			.param("newPassword", password);
	}

}
