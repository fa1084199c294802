package com.example.imoc.calendar;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;

import com.example.imoc.MutableClock;
import com.example.imoc.TestAddresses;
import com.example.imoc.audit.AuditLog;
import com.example.imoc.database.Throttles;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Guessing feed URLs: after the allowance of requests for feeds that do not exist, the
 * address gets 429 for feeds that do not exist, while valid feeds (from memory or the
 * database) and other addresses are served; revoked and rotated URLs answer 410 and never
 * count; the lock is audited once and lifts.
 */
@FeedTest
class FeedGuessThrottleTests {

	/** The defaults in application.yml. */
	private static final int LIMIT = 20;

	private static final Duration LOCKOUT = Duration.ofMinutes(15);

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople testPeople;

	@Autowired
	FeedTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditLog auditLog;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void guessingLocksTheAddressOutOfUnknownFeedsWhileValidFeedsAndOtherAddressesAreServed() throws Exception {
		Person owner = this.testPeople.manager("Guessed Owner");
		String valid = "/ical/" + this.tokens.create(owner.getId(), FeedKind.PERSON, null).secret() + ".ics";
		String guesser = TestAddresses.unique();
		String neighbour = TestAddresses.unique();
		// Guesses of every shape count, the encoded path Spring MVC decodes to a feed
		// too; valid fetches do not.
		this.mvc.perform(from(get("/ical/x.ics"), guesser)).andExpect(status().isNotFound());
		this.mvc.perform(from(head("/ical/x.ics"), guesser)).andExpect(status().isNotFound());
		this.mvc.perform(from(get("/ical/a/b/c"), guesser)).andExpect(status().isNotFound());
		this.mvc.perform(from(get(URI.create("/%69cal/encoded.ics")), guesser)).andExpect(status().isNotFound());
		for (int i = 4; i < LIMIT - 1; i++) {
			this.mvc.perform(from(get(valid), guesser)).andExpect(status().isOk());
			this.mvc.perform(from(get("/ical/guess-" + i + ".ics"), guesser)).andExpect(status().isNotFound());
		}
		this.mvc.perform(from(get(valid), guesser)).andExpect(status().isOk());
		assertThat(locksAudited(guesser)).isZero();
		// The last guess of the allowance is still answered; from now on the address is
		// locked out.
		this.mvc.perform(from(get("/ical/last-guess.ics"), guesser)).andExpect(status().isNotFound());

		for (String path : new String[] { "/ical/another-guess.ics", "/ical/a/b/c" }) {
			this.mvc.perform(from(get(path), guesser))
				.andExpect(status().isTooManyRequests())
				.andExpect(header().string("Retry-After", String.valueOf(LOCKOUT.toSeconds())))
				.andExpect(header().string("Cache-Control", "no-store"))
				.andExpect(content().contentType("text/plain;charset=UTF-8"))
				.andExpect(content().string("Too many requests for calendar feeds that do not exist came from your "
						+ "address. Try again in 15 minutes.\n"));
		}
		this.mvc.perform(from(get(URI.create("/%69cal/encoded.ics")), guesser)).andExpect(status().isTooManyRequests());
		// A valid secret is never refused: from memory (the same client again) or from
		// the database (another client).
		this.mvc.perform(from(get(valid), guesser)).andExpect(status().isOk());
		this.mvc.perform(from(get(valid).header("User-Agent", "Another calendar"), guesser)).andExpect(status().isOk());
		this.mvc.perform(from(get(valid), neighbour)).andExpect(status().isOk());
		this.mvc.perform(from(get("/ical/x.ics"), neighbour)).andExpect(status().isNotFound());
		assertThat(locksAudited(guesser)).as("one audit line per lock").isOne();
		assertThat(locksAudited(neighbour)).isZero();
	}

	@Test
	void theLockLiftsAfterTheLockoutAndGuessesOutsideTheWindowAreForgotten() throws Exception {
		MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
		FeedGuessThrottle throttle = new FeedGuessThrottle(
				new CalendarProperties(null, null, null, null, null, 3, Duration.ofSeconds(10), Duration.ofMinutes(2)),
				clock, this.auditLog, this.transactionManager,
				new Throttles(this.jdbc, clock, this.transactionManager));
		String guesser = TestAddresses.unique();
		answer(throttle, guesser, 404);
		answer(throttle, guesser, 404);
		clock.add(Duration.ofSeconds(10));
		answer(throttle, guesser, 404);
		answer(throttle, guesser, 200);
		answer(throttle, guesser, 304);
		answer(throttle, guesser, 404);
		assertThat(retryAfter(throttle, guesser)).as("two guesses left the window").isNull();
		answer(throttle, guesser, 404);
		assertThat(retryAfter(throttle, guesser)).isEqualTo("120");
		clock.add(Duration.ofSeconds(90));
		assertThat(retryAfter(throttle, guesser)).isEqualTo("30");
		assertThat(retryAfter(throttle, TestAddresses.unique())).isNull();
		clock.add(Duration.ofSeconds(30));
		assertThat(retryAfter(throttle, guesser)).as("the lock lifted").isNull();
		answer(throttle, guesser, 404);
		assertThat(retryAfter(throttle, guesser)).as("the count started again").isNull();
		assertThat(locksAudited(guesser)).isOne();
	}

	@Test
	void revokedAndRotatedUrlsAnswerGoneAndNeverCountAsGuesses() throws Exception {
		Person owner = this.testPeople.manager("Shared Fetcher Owner");
		String revoked = this.tokens.create(owner.getId(), FeedKind.PERSON, null).secret();
		this.tokens.revoke(owner.getId(),
				this.jdbc.sql("select max(id) from feed_token where person_id = ?")
					.param(owner.getId())
					.query(Long.class)
					.single());
		FeedTokens.Created beforeRotation = this.tokens.create(owner.getId(), FeedKind.PERSON, null);
		String rotated = beforeRotation.secret();
		String valid = this.tokens.rotate(owner.getId(), beforeRotation.token().id()).secret();
		// Google's fetcher: one address polling everyone's URLs, old ones a hundred times
		// in a minute.
		String fetcher = TestAddresses.unique();
		for (int i = 0; i < 50; i++) {
			for (String old : new String[] { revoked, rotated }) {
				this.mvc.perform(from(get("/ical/" + old + ".ics"), fetcher))
					.andExpect(status().isGone())
					.andExpect(header().string("Cache-Control", "no-store"));
			}
		}
		this.mvc.perform(from(get("/ical/" + valid + ".ics"), fetcher)).andExpect(status().isOk());
		this.mvc.perform(from(get("/ical/never-was.ics"), fetcher)).andExpect(status().isNotFound());
		assertThat(locksAudited(fetcher)).isZero();
	}

	/** A request that was answered with this status. */
	private static void answer(FeedGuessThrottle throttle, String address, int status) throws Exception {
		MockHttpServletRequest request = request(address);
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setStatus(status);
		throttle.afterCompletion(request, response, new Object(), null);
	}

	/**
	 * The Retry-After a request for an unknown feed gets, or null when it is answered
	 * 404.
	 */
	private static String retryAfter(FeedGuessThrottle throttle, String address) {
		return throttle.refusal(address).map(refusal -> {
			assertThat(refusal.getStatusCode().value()).isEqualTo(429);
			return refusal.getHeaders().getFirst("Retry-After");
		}).orElse(null);
	}

	private static MockHttpServletRequest request(String address) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ical/guess.ics");
		request.setRemoteAddr(address);
		return request;
	}

	private int locksAudited(String address) {
		return this.jdbc
			.sql("select count(*) from audit_entry where action = 'calendar.feeds-guessed' and details like ?")
			.param("% from " + address + ";%")
			.query(Integer.class)
			.single();
	}

	private static MockHttpServletRequestBuilder from(MockHttpServletRequestBuilder request, String address) {
		return request.with(r -> {
			r.setRemoteAddr(address);
			return r;
		});
	}

}
