package com.example.imoc.calendar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.coyote.OutputBuffer;
import org.apache.tomcat.util.net.SocketEvent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calendar polls answered in Tomcat (issue 17, item 4) by {@link FeedFastPath.Adapter},
 * in front of the connector's request processing, and {@link FeedFastPath.Valve}, first
 * in the engine pipeline, over real HTTP: a 304 only for the current ETag of a known
 * secret, the bytes otherwise; a wrong secret is the same empty 404 and a revoked one the
 * same 410 as from {@link FeedController}, whatever ETag they send; and a write changes
 * the ETag. The adapter's own decisions are also checked on Tomcat's request objects
 * directly, with a recording adapter behind it: what it answers never reaches Tomcat's,
 * and what it does not answer reaches it unchanged.
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

	@Autowired
	FilterRegistrationBean<FeedFastPath> feedFastPath;

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

	private HttpResponse<String> send(String method, String path, String ifNoneMatch)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.context.getWebServer().getPort() + path))
			.header("User-Agent", "Cal/1")
			.method(method, HttpRequest.BodyPublishers.noBody());
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

	/** HEAD gets the headers of GET, from memory too, and never a body. */
	@Test
	void headIsAnsweredLikeGetWithoutABody() throws Exception {
		Fixture fixture = feedWithOneShift("Valve Henrike");
		String path = "/ical/" + fixture.feed().secret() + ".ics";
		HttpResponse<String> get = send("GET", path, null);
		String etag = etag(get);
		conditionalFromMemory(fixture.feed().secret(), etag);
		HttpResponse<String> notModified = send("HEAD", path, etag);
		assertThat(notModified.statusCode()).isEqualTo(304);
		assertThat(notModified.headers().allValues("ETag")).containsExactly(etag);
		double before = fromMemory();
		HttpResponse<String> head = send("HEAD", path, "\"other\"");
		assertThat(fromMemory()).isGreaterThan(before);
		assertThat(head.statusCode()).isEqualTo(200);
		assertThat(head.body()).isEmpty();
		for (String name : List.of("ETag", "Last-Modified", "Cache-Control", "Content-Type", "Content-Length")) {
			assertThat(head.headers().allValues(name)).as(name).isEqualTo(get.headers().allValues(name));
		}
	}

	/**
	 * Paths that only decode or normalise to a feed, and secrets no feed has, are never
	 * answered from memory: whatever Tomcat and the controller say, it is not a 304 or
	 * the feed.
	 */
	@Test
	void hostilePathsNeverGetTheFeedOrA304() throws Exception {
		Fixture fixture = feedWithOneShift("Valve Hostile");
		String secret = fixture.feed().secret();
		String etag = etag(poll(secret, null));
		conditionalFromMemory(secret, etag);
		for (String path : List.of("/ical/../ical/" + secret + ".ics", "/ical/%2e%2e/ical/" + secret + ".ics",
				"/ical/" + secret + "%2eics", "/ical/" + secret + ".ics;x=1", "/ical//" + secret + ".ics",
				"/ical/" + secret + ".ics?x=1", "/ICAL/" + secret + ".ics", "/ical/" + "A".repeat(4000) + ".ics",
				"/ical/" + secret.substring(1) + ".ics")) {
			HttpResponse<String> answer = send("GET", path, etag);
			if (answer.statusCode() == 200 || answer.statusCode() == 304) {
				// Only a URL Tomcat itself maps to the same feed may have it, after the
				// controller's checks (the query and the path parameter are ignored).
				assertThat(path).as(path).matches(".*(\\?x=1|;x=1)$");
			}
			else {
				assertThat(answer.headers().firstValue("ETag")).as(path).isEmpty();
				assertThat(answer.body()).as(path).doesNotContain("VCALENDAR");
			}
		}
	}

	/**
	 * The adapter on Tomcat's own request objects: the current ETag of a remembered
	 * secret is a 304 and the feed's bytes otherwise, without Tomcat's adapter ever
	 * running; an unknown secret, a stale generation and anything not a plain poll go on
	 * to it, the polls it asked about marked as tried (so the valve and the filter do not
	 * ask again and the controller answers).
	 */
	@Test
	void theAdapterAnswersOnlyWhatMemoryHasAndPassesOnEverythingElse() throws Exception {
		Fixture fixture = feedWithOneShift("Valve Adalbert");
		String secret = fixture.feed().secret();
		HttpResponse<String> first = poll(secret, null);
		String etag = etag(first);
		conditionalFromMemory(secret, etag);
		RecordingAdapter tomcat = new RecordingAdapter();
		FeedFastPath.Adapter adapter = new FeedFastPath.Adapter(tomcat, this.feedFastPath.getFilter(),
				"/ical/".getBytes(StandardCharsets.ISO_8859_1));

		Exchange notModified = new Exchange("GET", "/ical/" + secret + ".ics", etag);
		adapter.service(notModified.request, notModified.response);
		assertThat(tomcat.seen).isEmpty();
		assertThat(notModified.response.getStatus()).isEqualTo(304);
		assertThat(notModified.response.getMimeHeaders().getHeader("ETag")).isEqualTo(etag);
		assertThat(notModified.body.size()).isZero();

		Exchange stale = new Exchange("GET", "/ical/" + secret + ".ics", "\"stale\"");
		adapter.service(stale.request, stale.response);
		assertThat(tomcat.seen).isEmpty();
		assertThat(stale.response.getStatus()).isEqualTo(200);
		assertThat(stale.body.toString(StandardCharsets.UTF_8)).isEqualTo(first.body());
		assertThat(stale.response.getContentLengthLong())
			.isEqualTo(first.body().getBytes(StandardCharsets.UTF_8).length);

		Exchange head = new Exchange("HEAD", "/ical/" + secret + ".ics", "\"stale\"");
		adapter.service(head.request, head.response);
		assertThat(tomcat.seen).isEmpty();
		assertThat(head.response.getStatus()).isEqualTo(200);
		assertThat(head.body.size()).isZero();

		char last = secret.charAt(secret.length() - 1);
		Exchange unknown = new Exchange("GET",
				"/ical/" + secret.substring(0, secret.length() - 1) + (last == 'A' ? 'B' : 'A') + ".ics", etag);
		adapter.service(unknown.request, unknown.response);
		assertThat(tomcat.seen).containsExactly(unknown.request);
		assertThat(unknown.request.getAttribute(FeedFastPath.TRIED)).isEqualTo(Boolean.TRUE);
		assertThat(unknown.response.getMimeHeaders().size()).isZero();

		for (String[] other : new String[][] { { "POST", "/ical/" + secret + ".ics" },
				{ "GET", "/ical/%2e%2e/" + secret + ".ics" }, { "GET", "/ical/../" + secret + ".ics" },
				{ "GET", "/ical/" + secret + ".ics;jsessionid=1" }, { "GET", "/other/" + secret + ".ics" },
				{ "GET", "/ical/.ics" }, { "GET", "/ical/" + secret } }) {
			Exchange exchange = new Exchange(other[0], other[1], etag);
			adapter.service(exchange.request, exchange.response);
			assertThat(tomcat.seen).as(other[1]).endsWith(exchange.request);
			assertThat(exchange.request.getAttribute(FeedFastPath.TRIED)).as(other[1]).isNull();
			assertThat(exchange.response.getMimeHeaders().size()).as(other[1]).isZero();
		}
		Exchange withQuery = new Exchange("GET", "/ical/" + secret + ".ics", etag);
		withQuery.request.queryString().setString("x=1");
		adapter.service(withQuery.request, withQuery.response);
		assertThat(tomcat.seen).endsWith(withQuery.request);

		// A change anywhere: the remembered answer is void, the controller decides.
		this.jdbc.sql("update shift set sequence = sequence + 1, updated_at = now() where id = ?")
			.param(fixture.shift())
			.update();
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		Exchange afterChange;
		do {
			afterChange = new Exchange("GET", "/ical/" + secret + ".ics", etag);
			adapter.service(afterChange.request, afterChange.response);
		}
		while (!tomcat.seen.contains(afterChange.request) && System.nanoTime() < deadline);
		assertThat(tomcat.seen).endsWith(afterChange.request);
		assertThat(afterChange.response.getStatus()).isEqualTo(200);
		assertThat(afterChange.response.getMimeHeaders().size()).isZero();
	}

	/** A request and response as Tomcat's HTTP/1.1 parser leaves them for the adapter. */
	private static final class Exchange {

		final org.apache.coyote.Request request = new org.apache.coyote.Request();

		final org.apache.coyote.Response response = new org.apache.coyote.Response();

		final ByteArrayOutputStream body = new ByteArrayOutputStream();

		Exchange(String method, String uri, String ifNoneMatch) {
			this.request.setResponse(this.response);
			this.request.method().setString(method);
			byte[] bytes = uri.getBytes(StandardCharsets.ISO_8859_1);
			this.request.requestURI().setBytes(bytes, 0, bytes.length);
			this.request.getMimeHeaders().addValue("User-Agent").setString("Cal/1");
			this.request.getMimeHeaders().addValue("If-None-Match").setString(ifNoneMatch);
			this.response.setOutputBuffer(new OutputBuffer() {

				@Override
				public int doWrite(ByteBuffer chunk) {
					int length = chunk.remaining();
					byte[] copy = new byte[length];
					chunk.get(copy);
					Exchange.this.body.write(copy, 0, length);
					return length;
				}

				@Override
				public long getBytesWritten() {
					return Exchange.this.body.size();
				}

			});
		}

	}

	/** Stands for Tomcat's CoyoteAdapter: records what reached it. */
	private static final class RecordingAdapter implements org.apache.coyote.Adapter {

		final List<org.apache.coyote.Request> seen = new ArrayList<>();

		@Override
		public void service(org.apache.coyote.Request request, org.apache.coyote.Response response) {
			this.seen.add(request);
		}

		@Override
		public boolean prepare(org.apache.coyote.Request request, org.apache.coyote.Response response) {
			return true;
		}

		@Override
		public boolean asyncDispatch(org.apache.coyote.Request request, org.apache.coyote.Response response,
				SocketEvent status) {
			return false;
		}

		@Override
		public void log(org.apache.coyote.Request request, org.apache.coyote.Response response, long time) {
		}

		@Override
		public void checkRecycled(org.apache.coyote.Request request, org.apache.coyote.Response response) {
		}

		@Override
		public String getDomain() {
			return "test";
		}

	}

}
