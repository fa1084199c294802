package com.example.imoc.calendar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.transaction.PlatformTransactionManager;

import com.example.imoc.MutableClock;
import com.example.imoc.audit.AuditLog;
import com.example.imoc.database.Throttles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed-guess counters live in PostgreSQL: two nodes (two throttles with memories of
 * their own, one database) count one guesser's misses together, so two nodes do not give
 * twice the allowance; the node that did not count the locking miss learns of the lock
 * with its next miss from that address.
 */
@FeedTest
class FeedGuessThrottleSharedTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditLog auditLog;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void twoNodesCountOneGuessersMissesTogether() throws Exception {
		Clock clock = new MutableClock(Instant.parse("2026-03-02T09:00:00Z"));
		FeedGuessThrottle a = node(clock);
		FeedGuessThrottle b = node(clock);
		String guesser = "10.9." + (UUID.randomUUID().hashCode() & 0xff) + "." + (UUID.randomUUID().hashCode() & 0xff);
		for (int i = 0; i < 4; i++) {
			miss(i % 2 == 0 ? a : b, guesser);
		}
		assertThat(a.isLocked(guesser)).isFalse();
		assertThat(b.isLocked(guesser)).isFalse();
		miss(a, guesser); // the fifth miss of five allowed, counted on A: locked
		assertThat(a.isLocked(guesser)).isTrue();
		assertThat(b.isLocked(guesser)).as("B has not heard yet").isFalse();
		miss(b, guesser);
		assertThat(b.isLocked(guesser)).as("B's next miss tells it").isTrue();
		assertThat(this.jdbc
			.sql("select count(*) from audit_entry where action = 'calendar.feeds-guessed' and details like ?")
			.param("% from " + guesser + ";%")
			.query(Integer.class)
			.single()).as("one lock, audited once").isOne();
	}

	private FeedGuessThrottle node(Clock clock) {
		return new FeedGuessThrottle(
				new CalendarProperties(null, null, null, null, null, 5, Duration.ofMinutes(1), Duration.ofMinutes(15)),
				clock, this.auditLog, this.transactionManager,
				new Throttles(this.jdbc, clock, this.transactionManager));
	}

	private static void miss(FeedGuessThrottle node, String address) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/ical/guess.ics");
		request.setRemoteAddr(address);
		MockHttpServletResponse response = new MockHttpServletResponse();
		assertThat(node.preHandle(request, response, new Object())).isTrue();
		response.setStatus(404);
		node.afterCompletion(request, response, new Object(), null);
	}

}
