package com.example.imoc.calendar;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;

import com.example.imoc.database.DataChanges;
import com.example.imoc.people.Person;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;

/**
 * Calendar polls answered from memory (issue 9): the same bytes and headers as the
 * database path, never after a change, and never while changes could go unheard.
 */
@FeedTest
class FeedFastPathTests extends FeedTestSupport {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	@Autowired
	MeterRegistry meters;

	@Autowired
	DataChanges changes;

	private double served(String where) {
		return this.meters.counter("imoc.feed.polls", "served", where).count();
	}

	private MockHttpServletResponse poll(String secret, String client) throws Exception {
		return this.mvc.perform(get("/ical/" + secret + ".ics").header(HttpHeaders.USER_AGENT, client))
			.andReturn()
			.getResponse();
	}

	private record Fixture(Person person, long shift, String secret) {
	}

	private Fixture feedWithOneShift(String name) {
		Person person = this.testPeople.manager(name);
		TestSchedule.TestRotation rotation = this.schedule.rotation("Fast " + name, "UTC", LocalTime.of(5, 0),
				LocalTime.of(11, 0));
		long shift = this.schedule.shift(rotation, LocalDate.now(ZoneOffset.UTC).plusDays(2), person.getId(), false,
				java.time.Instant.now().minusSeconds(3600));
		return new Fixture(person, shift, personalFeed(person));
	}

	/**
	 * Polls until a poll is answered from memory, and returns that answer. The fixture's
	 * own inserts are announced by notifications that may arrive just after the first
	 * poll and void what it remembered.
	 */
	private MockHttpServletResponse fromMemory(String secret, String client) throws Exception {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (System.nanoTime() < deadline) {
			double before = served("memory");
			MockHttpServletResponse response = poll(secret, client);
			if (served("memory") > before) {
				return response;
			}
		}
		throw new AssertionError("no poll was answered from memory within " + PATIENCE);
	}

	@Test
	void aRepeatedPollIsAnsweredFromMemoryWithTheSameBytesAndHeaders() throws Exception {
		Fixture feed = feedWithOneShift("Fast Fiona");
		MockHttpServletResponse second = fromMemory(feed.secret(), "Cal/1");
		double database = served("database");
		MockHttpServletResponse first = poll(feed.secret(), "Cal/2"); // another client:
																		// through the
																		// database
		assertThat(served("database")).isEqualTo(database + 1);
		double memory = served("memory");

		assertThat(second.getStatus()).isEqualTo(200);
		assertThat(first.getStatus()).isEqualTo(200);
		assertThat(second.getContentAsByteArray()).isEqualTo(first.getContentAsByteArray());
		for (String header : new String[] { HttpHeaders.ETAG, HttpHeaders.LAST_MODIFIED, HttpHeaders.CACHE_CONTROL,
				HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_LENGTH, "X-Content-Type-Options", "X-Frame-Options" }) {
			assertThat(second.getHeader(header)).as(header).isEqualTo(first.getHeader(header));
		}
		assertThat(second.getHeader("Content-Security-Policy")).contains("default-src 'none'");

		String etag = first.getHeader(HttpHeaders.ETAG);
		MockHttpServletResponse notModified = this.mvc
			.perform(get("/ical/" + feed.secret() + ".ics").header(HttpHeaders.USER_AGENT, "Cal/2")
				.header(HttpHeaders.IF_NONE_MATCH, etag))
			.andReturn()
			.getResponse();
		assertThat(notModified.getStatus()).isEqualTo(304);
		assertThat(notModified.getHeader(HttpHeaders.ETAG)).isEqualTo(etag);
		assertThat(notModified.getContentAsByteArray()).isEmpty();
		MockHttpServletResponse sinceUnchanged = this.mvc
			.perform(get("/ical/" + feed.secret() + ".ics").header(HttpHeaders.USER_AGENT, "Cal/2")
				.header(HttpHeaders.IF_MODIFIED_SINCE, first.getHeader(HttpHeaders.LAST_MODIFIED)))
			.andReturn()
			.getResponse();
		assertThat(sinceUnchanged.getStatus()).isEqualTo(304);
		MockHttpServletResponse headOnly = this.mvc
			.perform(head("/ical/" + feed.secret() + ".ics").header(HttpHeaders.USER_AGENT, "Cal/2"))
			.andReturn()
			.getResponse();
		assertThat(headOnly.getStatus()).isEqualTo(200);
		assertThat(headOnly.getContentAsByteArray()).isEmpty();
		assertThat(served("memory")).isEqualTo(memory + 3);
		assertThat(served("database")).isEqualTo(database + 1);
	}

	@Test
	void anotherClientGoesToTheDatabaseSoItsFetchIsNoted() throws Exception {
		Fixture feed = feedWithOneShift("Fast Felix");
		poll(feed.secret(), "Phone/1");
		poll(feed.secret(), "Phone/1");
		double database = served("database");
		poll(feed.secret(), "Laptop/2");
		assertThat(served("database")).isEqualTo(database + 1);
		assertThat(this.jdbc.sql("select last_client from feed_token where person_id = ?")
			.param(feed.person().getId())
			.query(String.class)
			.single()).isEqualTo("Laptop/2");
	}

	@Test
	void aChangeCommittedElsewhereIsServedOnceItsNotificationArrives() throws Exception {
		Fixture feed = feedWithOneShift("Fast Farah");
		poll(feed.secret(), "Cal/1");
		poll(feed.secret(), "Cal/1");
		// A plain auto-committed statement: this node's transaction manager does not see
		// it, exactly like a change
		// made by another node. Only PostgreSQL's notification tells the cache.
		this.jdbc.sql(
				"update shift set sequence = sequence + 1, updated_at = now(), starts_at = starts_at + interval '1 hour' where id = ?")
			.param(feed.shift())
			.update();
		assertThat(eventually(() -> body(poll(feed.secret(), "Cal/1")).contains("SEQUENCE:1")))
			.as("the change is served within %s", PATIENCE)
			.isTrue();
	}

	@Test
	void whileChangesCouldGoUnheardNothingIsServedFromMemory() throws Exception {
		Fixture feed = feedWithOneShift("Fast Fatima");
		poll(feed.secret(), "Cal/1");
		long before = this.changes.stamp();
		assertThat(before).isNotNegative();
		// The listening connection dies (as in a database restart); a change is made
		// before it is back.
		this.jdbc.sql("select pg_terminate_backend(pid) from pg_stat_activity where application_name = ?")
			.param(DataChanges.APPLICATION_NAME)
			.query(Boolean.class)
			.list();
		this.jdbc.sql("update shift set sequence = sequence + 1, updated_at = now() where id = ?")
			.param(feed.shift())
			.update();
		assertThat(eventually(() -> this.changes.isListening() && this.changes.stamp() != before)).isTrue();
		assertThat(body(poll(feed.secret(), "Cal/1"))).contains("SEQUENCE:1");
	}

	private static String body(MockHttpServletResponse response) {
		return new String(response.getContentAsByteArray(), StandardCharsets.UTF_8);
	}

	interface Condition {

		boolean holds() throws Exception;

	}

	private static boolean eventually(Condition condition) throws Exception {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.holds()) {
				return true;
			}
			Thread.sleep(20);
		}
		return condition.holds();
	}

}
