package com.example.imoc.calendar;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calendar polls answered by {@link FeedFastPath.Valve}, first in Tomcat's engine
 * pipeline (issue 17, item 4), over real HTTP: a 304 only for the current ETag of a known
 * secret, the bytes otherwise; a wrong secret is the same empty 404 and a revoked one the
 * same 410 as from {@link FeedController}, whatever ETag they send; and a write changes
 * the ETag.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = "spring.quartz.auto-startup=false")
class FeedFastPathValveTests {

	private static final Duration PATIENCE = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	WebServerApplicationContext context;

	@Autowired
	MeterRegistry meters;

	@Autowired
	TestPeople testPeople;

	@Autowired
	TestSchedule schedule;

	@Autowired
	FeedTokens tokens;

	@Autowired
	JdbcClient jdbc;

	private record Fixture(Person person, long shift, FeedTokens.Created feed) {
	}

	private Fixture feedWithOneShift(String name) {
		Person person = this.testPeople.manager(name);
		TestSchedule.TestRotation rotation = this.schedule.rotation("Valve " + name, "UTC", LocalTime.of(5, 0),
				LocalTime.of(11, 0));
		long shift = this.schedule.shift(rotation, LocalDate.now(ZoneOffset.UTC).plusDays(2), person.getId(), false,
				Instant.now().minusSeconds(3600));
		return new Fixture(person, shift, this.tokens.create(person.getId(), FeedKind.PERSON, null));
	}

	private HttpResponse<String> poll(String secret, String ifNoneMatch) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI
				.create("http://localhost:" + this.context.getWebServer().getPort() + "/ical/" + secret + ".ics"))
			.header("User-Agent", "Cal/1");
		if (ifNoneMatch != null) {
			request.header("If-None-Match", ifNoneMatch);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private double fromMemory() {
		return this.meters.counter("imoc.feed.polls", "served", "memory").count();
	}

	/**
	 * Polls with the ETag until the answer came from memory (the fixture's own inserts
	 * are announced by notifications that may void the first remembered answer), and
	 * returns it.
	 */
	private HttpResponse<String> conditionalFromMemory(String secret, String etag) throws Exception {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (System.nanoTime() < deadline) {
			double before = fromMemory();
			HttpResponse<String> response = poll(secret, etag);
			if (fromMemory() > before) {
				return response;
			}
		}
		throw new AssertionError("no poll was answered from memory within " + PATIENCE);
	}

	private static String etag(HttpResponse<?> response) {
		return response.headers().firstValue("ETag").orElseThrow();
	}

	@Test
	void theValveIsTheFirstOfTheEnginePipeline() {
		TomcatWebServer server = (TomcatWebServer) this.context.getWebServer();
		assertThat(server.getTomcat().getEngine().getPipeline().getFirst()).isInstanceOf(FeedFastPath.Valve.class);
	}

	@Test
	void theConnectorReadsAndWritesThroughDirectBuffers() {
		TomcatWebServer server = (TomcatWebServer) this.context.getWebServer();
		assertThat(String.valueOf(server.getTomcat().getConnector().getProperty("socket.directBuffer")))
			.isEqualTo("true");
	}

	/**
	 * The valve writes its headers as bytes (issue 17, item 4): they must read exactly as
	 * the controller's, on the 304 and on a 200 from memory.
	 */
	@Test
	void theValvesHeadersReadAsTheControllers() throws Exception {
		Fixture fixture = feedWithOneShift("Valve Hugo");
		HttpResponse<String> first = poll(fixture.feed().secret(), null);
		assertThat(first.statusCode()).isEqualTo(200);
		String etag = etag(first);
		HttpResponse<String> notModified = conditionalFromMemory(fixture.feed().secret(), etag);
		assertThat(notModified.statusCode()).isEqualTo(304);
		for (String name : List.of("ETag", "Last-Modified", "Cache-Control", "Vary")) {
			assertThat(notModified.headers().allValues(name)).as(name)
				.isNotEmpty()
				.isEqualTo(first.headers().allValues(name));
		}
		double before = fromMemory();
		HttpResponse<String> fromMemory = poll(fixture.feed().secret(), "\"another\"");
		assertThat(fromMemory()).isGreaterThan(before);
		assertThat(fromMemory.statusCode()).isEqualTo(200);
		assertThat(fromMemory.body()).isEqualTo(first.body());
		for (String name : List.of("ETag", "Last-Modified", "Cache-Control", "Vary", "Content-Type",
				"X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Content-Length")) {
			assertThat(fromMemory.headers().allValues(name)).as(name)
				.isNotEmpty()
				.isEqualTo(first.headers().allValues(name));
		}
		assertThat(fromMemory.headers().firstValue("Content-Security-Policy"))
			.hasValue(FeedFastPath.CONTENT_SECURITY_POLICY);
	}

	@Test
	void theCurrentEtagOfAKnownSecretGetsA304FromMemoryAndAnyOtherTheFeed() throws Exception {
		Fixture fixture = feedWithOneShift("Valve Vera");
		HttpResponse<String> first = poll(fixture.feed().secret(), null);
		assertThat(first.statusCode()).isEqualTo(200);
		assertThat(first.body()).contains("BEGIN:VCALENDAR");
		String etag = etag(first);

		HttpResponse<String> notModified = conditionalFromMemory(fixture.feed().secret(), etag);
		assertThat(notModified.statusCode()).isEqualTo(304);
		assertThat(notModified.body()).isEmpty();
		assertThat(etag(notModified)).isEqualTo(etag);
		assertThat(notModified.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> v.contains("private"));

		HttpResponse<String> stale = poll(fixture.feed().secret(), "\"something-else\"");
		assertThat(stale.statusCode()).isEqualTo(200);
		assertThat(stale.body()).isEqualTo(first.body());
		assertThat(stale.headers().firstValue("Content-Security-Policy"))
			.hasValue(FeedFastPath.CONTENT_SECURITY_POLICY);
	}

	@Test
	void aWrongSecretGetsTheSameEmpty404WhateverEtagItSends() throws Exception {
		Fixture fixture = feedWithOneShift("Valve Viktor");
		String secret = fixture.feed().secret();
		String etag = etag(poll(secret, null));
		conditionalFromMemory(secret, etag);
		char last = secret.charAt(secret.length() - 1);
		String wrong = secret.substring(0, secret.length() - 1) + (last == 'A' ? 'B' : 'A');
		for (String guess : new String[] { wrong, "not-a-secret", "x" }) {
			HttpResponse<String> answer = poll(guess, etag);
			assertThat(answer.statusCode()).as(guess).isEqualTo(404);
			assertThat(answer.body()).as(guess).isEmpty();
			assertThat(answer.headers().firstValue("ETag")).as(guess).isEmpty();
		}
	}

	@Test
	void aRevokedSecretGets410NeverA304() throws Exception {
		Fixture fixture = feedWithOneShift("Valve Valentina");
		String secret = fixture.feed().secret();
		String etag = etag(poll(secret, null));
		assertThat(conditionalFromMemory(secret, etag).statusCode()).isEqualTo(304);

		this.tokens.revoke(fixture.person().getId(), fixture.feed().token().id());

		HttpResponse<String> answer = poll(secret, etag);
		assertThat(answer.statusCode()).isEqualTo(410);
		assertThat(answer.body()).contains("revoked").doesNotContain("VCALENDAR");
		assertThat(answer.headers().firstValue("ETag")).isEmpty();
		assertThat(poll(secret, null).statusCode()).isEqualTo(410);
	}

	@Test
	void aWriteChangesTheEtagAndTheOldOneGetsTheNewFeed() throws Exception {
		Fixture fixture = feedWithOneShift("Valve Vincent");
		String secret = fixture.feed().secret();
		String etag = etag(poll(secret, null));
		assertThat(conditionalFromMemory(secret, etag).statusCode()).isEqualTo(304);

		// Auto-committed, as another node's write: only PostgreSQL's notification tells
		// this node.
		this.jdbc.sql(
				"update shift set sequence = sequence + 1, updated_at = now(), starts_at = starts_at + interval '1 hour' where id = ?")
			.param(fixture.shift())
			.update();

		long deadline = System.nanoTime() + PATIENCE.toNanos();
		HttpResponse<String> after = poll(secret, etag);
		while (after.statusCode() == 304 && System.nanoTime() < deadline) {
			Thread.sleep(50);
			after = poll(secret, etag);
		}
		assertThat(after.statusCode()).isEqualTo(200);
		assertThat(after.body()).contains("SEQUENCE:1");
		String changed = etag(after);
		assertThat(changed).isNotEqualTo(etag);
		assertThat(conditionalFromMemory(secret, changed).statusCode()).isEqualTo(304);
		assertThat(poll(secret, etag).statusCode()).isEqualTo(200);
	}

}
