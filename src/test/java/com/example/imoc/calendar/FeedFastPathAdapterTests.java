package com.example.imoc.calendar;

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
import org.apache.catalina.connector.CoyoteAdapter;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;

import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code imoc.calendar.connector-fast-path=true} (issue 17, item 4): the connector's
 * adapter is {@link FeedFastPath.Adapter} in front of Tomcat's, and over real HTTP its
 * 304 and its 200 from memory read exactly as the controller's first answer, a revoked
 * secret still gets the controller's 410. Its decisions on Tomcat's request objects are
 * in {@link FeedFastPathValveTests}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@TestPropertySource(properties = { "spring.quartz.auto-startup=false", "imoc.calendar.connector-fast-path=true" })
class FeedFastPathAdapterTests {

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

	private HttpResponse<String> poll(String secret, String ifNoneMatch) throws Exception {
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

	@Test
	void theConnectorsAdapterIsTheFastPathInFrontOfTomcats() {
		TomcatWebServer server = (TomcatWebServer) this.context.getWebServer();
		org.apache.coyote.Adapter adapter = server.getTomcat().getConnector().getProtocolHandler().getAdapter();
		assertThat(adapter).isInstanceOf(FeedFastPath.Adapter.class);
		assertThat(((FeedFastPath.Adapter) adapter).next()).isInstanceOf(CoyoteAdapter.class);
	}

	@Test
	void itsAnswersReadAsTheControllersAndARevokedSecretGetsThe410() throws Exception {
		Person person = this.testPeople.manager("Adapter Ada");
		TestSchedule.TestRotation rotation = this.schedule.rotation("Adapter Ada", "UTC", LocalTime.of(5, 0),
				LocalTime.of(11, 0));
		this.schedule.shift(rotation, LocalDate.now(ZoneOffset.UTC).plusDays(2), person.getId(), false,
				Instant.now().minusSeconds(3600));
		FeedTokens.Created feed = this.tokens.create(person.getId(), FeedKind.PERSON, null);
		HttpResponse<String> first = poll(feed.secret(), null);
		assertThat(first.statusCode()).isEqualTo(200);
		String etag = first.headers().firstValue("ETag").orElseThrow();

		HttpResponse<String> notModified = null;
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (notModified == null && System.nanoTime() < deadline) {
			double before = fromMemory();
			HttpResponse<String> response = poll(feed.secret(), etag);
			if (fromMemory() > before) {
				notModified = response;
			}
		}
		assertThat(notModified).as("a 304 from memory within " + PATIENCE).isNotNull();
		assertThat(notModified.statusCode()).isEqualTo(304);
		assertThat(notModified.body()).isEmpty();
		for (String name : List.of("ETag", "Last-Modified", "Cache-Control", "Vary")) {
			assertThat(notModified.headers().allValues(name)).as(name)
				.isNotEmpty()
				.isEqualTo(first.headers().allValues(name));
		}
		double before = fromMemory();
		HttpResponse<String> again = poll(feed.secret(), "\"another\"");
		assertThat(fromMemory()).isGreaterThan(before);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(again.body()).isEqualTo(first.body());
		for (String name : List.of("ETag", "Last-Modified", "Cache-Control", "Vary", "Content-Type",
				"X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Content-Length",
				"Content-Security-Policy")) {
			assertThat(again.headers().allValues(name)).as(name)
				.isNotEmpty()
				.isEqualTo(name.equals("Content-Security-Policy") ? List.of(FeedFastPath.CONTENT_SECURITY_POLICY)
						: first.headers().allValues(name));
		}

		this.tokens.revoke(person.getId(), feed.token().id());
		HttpResponse<String> revoked = poll(feed.secret(), etag);
		assertThat(revoked.statusCode()).isEqualTo(410);
		assertThat(revoked.headers().firstValue("ETag")).isEmpty();
	}

}
