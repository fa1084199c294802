package com.example.imoc.web.security;

import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.example.imoc.database.Throttles;
import com.example.imoc.people.PersonAccounts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.example.imoc.IntegrationTest;
import com.example.imoc.MutableClock;
import com.example.imoc.TestAddresses;
import com.example.imoc.audit.AuditEntry;
import com.example.imoc.audit.AuditLog;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;

/**
 * Password guessing is throttled per account and per client address, with one clear
 * sentence, and every sign-in, failure and refusal is in the audit log (never the
 * password).
 */
@IntegrationTest
class SignInThrottleTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople testPeople;

	@Autowired
	AuditLog auditLog;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	PersonAccounts accounts;

	@Test
	void fiveFailuresLockTheAccountEvenForTheRightPasswordAndSaySoClearly() throws Exception {
		Person jane = this.testPeople.manager("Jane Guessed");
		Person other = this.testPeople.manager("Olga Sameoffice");
		String address = TestAddresses.unique();
		for (int i = 1; i < SignInThrottle.MAX_PER_ACCOUNT; i++) {
			this.mvc.perform(signIn(jane.getEmail(), "wrong-pw-" + i, address))
				.andExpect(redirectedUrl("/login?error"));
		}
		this.mvc.perform(signIn(jane.getEmail(), "wrong-pw-5", address)).andExpect(redirectedUrl("/login?locked=5"));
		// Locked: even the right password is not checked, from any address, whatever the
		// case of the email.
		this.mvc.perform(signIn(jane.getEmail().toUpperCase(), TestPeople.PASSWORD, TestAddresses.unique()))
			.andExpect(redirectedUrl("/login?locked=5"));
		this.mvc.perform(get("/login").param("locked", "5"))
			.andExpect(content().string(containsString("Too many failed sign-ins; try again in 5 minutes.")));
		// Someone else at the same address is not affected.
		this.mvc.perform(signIn(other.getEmail(), TestPeople.PASSWORD, address)).andExpect(redirectedUrl("/"));

		List<AuditEntry> audit = this.auditLog.about("person", jane.getId());
		assertThat(audit).filteredOn(e -> e.getAction().equals("sign-in.failed")).hasSize(5);
		assertThat(audit).filteredOn(e -> e.getAction().equals("sign-in.throttled")).hasSize(1);
		assertThat(audit)
			.allSatisfy(e -> assertThat(e.getDetails()).doesNotContain("wrong-pw").doesNotContain(TestPeople.PASSWORD));
		assertThat(this.auditLog.about("person", other.getId())).extracting(AuditEntry::getAction).contains("sign-in");
	}

	@Test
	void manyFailuresFromOneAddressLockThatAddressOnly() throws Exception {
		Person jane = this.testPeople.manager("Jane Sprayed");
		String attacker = TestAddresses.unique();
		for (int i = 0; i < SignInThrottle.MAX_PER_ADDRESS; i++) {
			this.mvc.perform(signIn("nobody-" + UUID.randomUUID() + "@example.com", "guess", attacker));
		}
		this.mvc.perform(signIn(jane.getEmail(), TestPeople.PASSWORD, attacker))
			.andExpect(redirectedUrl("/login?locked=5"));
		this.mvc.perform(signIn(jane.getEmail(), TestPeople.PASSWORD, TestAddresses.unique()))
			.andExpect(redirectedUrl("/"));
	}

	@Test
	void theLockLiftsAfterTheLockoutAndFailuresOutsideTheWindowAreForgotten() {
		MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
		SignInThrottle throttle = new SignInThrottle(new Throttles(this.jdbc, clock, this.transactionManager),
				this.accounts);
		String email = "jane-" + UUID.randomUUID() + "@example.com";
		String address = TestAddresses.unique();
		for (int i = 0; i < SignInThrottle.MAX_PER_ACCOUNT - 1; i++) {
			throttle.failed(email, address);
		}
		clock.add(SignInThrottle.WINDOW.plusSeconds(1));
		throttle.failed(email, address);
		assertThat(throttle.lockedFor(email, TestAddresses.unique())).isEmpty();
		for (int i = 0; i < SignInThrottle.MAX_PER_ACCOUNT - 1; i++) {
			throttle.failed(email.toUpperCase(Locale.ROOT) + " ", address);
		}
		assertThat(throttle.lockedFor(email, TestAddresses.unique())).contains(SignInThrottle.LOCKOUT);
		clock.add(Duration.ofMinutes(2));
		assertThat(throttle.lockedFor(email, TestAddresses.unique())).contains(SignInThrottle.LOCKOUT.minusMinutes(2));
		assertThat(SignInThrottle.minutes(Duration.ofSeconds(61))).isEqualTo(2);
		clock.add(SignInThrottle.LOCKOUT);
		assertThat(throttle.lockedFor(email, TestAddresses.unique())).isEmpty();
		throttle.failed(email, address);
		throttle.succeeded(email);
		assertThat(throttle.lockedFor(email, TestAddresses.unique())).isEmpty();
	}

	private static MockHttpServletRequestBuilder signIn(String email, String password, String address) {
		return post("/login").param("username", email).param("password", password).with(csrf()).with(request -> {
			request.setRemoteAddr(address);
			return request;
		});
	}

}
