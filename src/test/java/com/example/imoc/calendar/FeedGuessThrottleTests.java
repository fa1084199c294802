package com.example.imoc.calendar;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;

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
 * Guessing feed URLs: after the allowance of requests for feeds that do not exist, the address gets 429 for every
 * feed, valid ones included, while other addresses are served; the lock is audited once and lifts.
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
	void guessingLocksTheAddressOutOfEveryFeedEvenAValidOneWhileOtherAddressesAreServed() throws Exception {
		Person owner = this.testPeople.manager("Guessed Owner");
		String valid = "/ical/" + this.tokens.create(owner.getId(), FeedKind.PERSON, null).secret() + ".ics";
		String guesser = address();
		String neighbour = address();
		// Guesses of every shape count, the encoded path Spring MVC decodes to a feed too; valid fetches do not.
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
		// The last guess of the allowance is still answered; from now on the address is locked out.
		this.mvc.perform(from(get("/ical/last-guess.ics"), guesser)).andExpect(status().isNotFound());

		for (String path : new String[] { valid, "/ical/another-guess.ics" }) {
			this.mvc.perform(from(get(path), guesser))
				.andExpect(status().isTooManyRequests())
				.andExpect(header().string("Retry-After", String.valueOf(LOCKOUT.toSeconds())))
				.andExpect(header().string("Cache-Control", "no-store"))
				.andExpect(content().contentType("text/plain;charset=UTF-8"))
				.andExpect(content().string("Too many requests for calendar feeds that do not exist came from your "
						+ "address. Try again in 15 minutes.\n"));
		}
		this.mvc.perform(from(get(URI.create("/%69cal/encoded.ics")), guesser)).andExpect(status().isTooManyRequests());
		this.mvc.perform(from(get(valid), neighbour)).andExpect(status().isOk());
		this.mvc.perform(from(get("/ical/x.ics"), neighbour)).andExpect(status().isNotFound());
		assertThat(locksAudited(guesser)).as("one audit line per lock").isOne();
		assertThat(locksAudited(neighbour)).isZero();
	}

	@Test
	void theLockLiftsAfterTheLockoutAndGuessesOutsideTheWindowAreForgotten() throws Exception {
		MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
		FeedGuessThrottle throttle = new FeedGuessThrottle(new CalendarProperties(null, null, null, null, null, 3,
				Duration.ofSeconds(10), Duration.ofMinutes(2)), clock, this.auditLog, this.transactionManager,
				new Throttles(this.jdbc, clock, this.transactionManager));
		String guesser = address();
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
		assertThat(retryAfter(throttle, address())).isNull();
		clock.add(Duration.ofSeconds(30));
		assertThat(retryAfter(throttle, guesser)).as("the lock lifted").isNull();
		answer(throttle, guesser, 404);
		assertThat(retryAfter(throttle, guesser)).as("the count started again").isNull();
		assertThat(locksAudited(guesser)).isOne();
	}

	/** A request that got through and was answered with this status. */
	private static void answer(FeedGuessThrottle throttle, String address, int status) throws Exception {
		MockHttpServletRequest request = request(address);
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(throttle.preHandle(request, response, new Object())).isTrue();
		response.setStatus(status);
		throttle.afterCompletion(request, response, new Object(), null);
	}

	/** The Retry-After of a refused request, or null when the request may go on. */
	private static String retryAfter(FeedGuessThrottle throttle, String address) throws Exception {
		MockHttpServletResponse response = new MockHttpServletResponse();
		if (throttle.preHandle(request(address), response, new Object())) {
			return null;
		}
		assertThat(response.getStatus()).isEqualTo(429);
		return response.getHeader("Retry-After");
	}

	private static MockHttpServletRequest request(String address) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ical/guess.ics");
		request.setRemoteAddr(address);
		return request;
	}

	private int locksAudited(String address) {
		return this.jdbc.sql("select count(*) from audit_entry where action = 'calendar.feeds-guessed' and details like ?")
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

	/** A client address of its own, so tests sharing the context never add up to a lock. */
	private static String address() {
		UUID id = UUID.randomUUID();
		return "10." + (id.hashCode() & 0xff) + "." + ((id.hashCode() >> 8) & 0xff) + "."
				+ ((id.hashCode() >> 16) & 0xff);
	}

	private static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void add(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
