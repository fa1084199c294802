package com.example.imoc.calendar;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;

/**
 * What every feed test class works with: the app over MockMvc, people, an exact schedule
 * written into the shift table ({@link TestSchedule}), feed tokens, and the clock; plus
 * the few readings of them each class used to repeat. Subclasses carry {@link FeedTest}.
 */
abstract class FeedTestSupport {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople testPeople;

	@Autowired
	TestSchedule schedule;

	@Autowired
	FeedTokens tokens;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	Clock clock;

	/** Today in UTC, by the app's clock. */
	LocalDate today() {
		return LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
	}

	/** An hour before the app's now, to the second (as the feeds write times). */
	Instant anHourAgo() {
		return this.clock.instant().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
	}

	/** A new personal feed of {@code person}: its secret. */
	String personalFeed(Person person) {
		return this.tokens.create(person.getId(), FeedKind.PERSON, null).secret();
	}

}
