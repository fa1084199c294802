package com.example.imoc.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import com.example.imoc.people.AccessTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input at the edges over real HTTP (Tomcat's own parsing included): a tiny body with a
 * huge number is refused at once, and a control character is refused with the field
 * named. Same configuration as the browser tests, so it shares their application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "imoc.demo=true", "imoc.schedule.extend-on-startup=false" })
@ActiveProfiles("test")
class EdgeInputTests {

	@LocalServerPort
	int port;

	@Autowired
	AccessTokens accessTokens;

	@Autowired
	JdbcTemplate jdbc;

	private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

	@Test
	void aSixtyByteIncidentWithAHugeExponentIsRefusedQuicklyAndWritesNothing() throws Exception {
		String bearer = "Bearer " + this.accessTokens.create(coordinatorId(), "edge test").secret();
		long incidents = count();
		// Warm the route up first (a cold JVM on a shared machine takes seconds for any
		// first request): what is timed
		// below is the number, not the JIT.
		for (int i = 0; i < 3; i++) {
			post(bearer, "{\"services\":[{\"name\":\"web\",\"impact\":0.5}]}");
		}
		for (String body : new String[] { "{\"services\":[{\"name\":\"web\",\"impact\":1e999999999}]}",
				"{\"title\":\"x\",\"severity\":\"S3\",\"declaredAt\":\"2024-02-01T10:00:00Z\",\"services\":[{\"name\":\"web\",\"impact\":1e-999999999}]}" }) {
			long started = System.nanoTime();
			HttpResponse<String> response = post(bearer, body);
			Duration took = Duration.ofNanos(System.nanoTime() - started);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
			assertThat(response.body()).contains("\"services[0].impact\"")
				.contains("too large, too small or too precise");
			// Generous: the build machine is shared; the old code took tens of seconds,
			// or ran out of memory.
			assertThat(took).isLessThan(Duration.ofSeconds(2));
		}
		assertThat(count()).as("incidents written").isEqualTo(incidents);
	}

	@Test
	void aControlCharacterIsRefusedWithTheFieldNamed() throws Exception {
		String bearer = "Bearer " + this.accessTokens.create(coordinatorId(), "edge test").secret();
		HttpResponse<String> api = this.http.send(
				HttpRequest.newBuilder(url("/api/v1/shifts?person=a%00b")).header("Authorization", bearer).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(api.statusCode()).isEqualTo(400);
		assertThat(api.body()).contains("\"fields\":{\"person\":").contains("control character");

		HttpResponse<String> json = this.http.send(HttpRequest.newBuilder(url("/api/v1/incidents"))
			.header("Authorization", bearer)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"title\":\"a\\u0000b\",\"severity\":\"S3\",\"declaredAt\":\"2024-02-01T10:00:00Z\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(json.statusCode()).isEqualTo(400);
		assertThat(json.body()).contains("\"title\"").contains("control character");

		HttpResponse<String> page = this.http.send(
				HttpRequest.newBuilder(url("/login?locked=1%07")).header("Accept", "text/html").build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(400);
		assertThat(page.body()).contains("The field &quot;locked&quot; contains a control character");
	}

	private HttpResponse<String> post(String bearer, String body) throws Exception {
		return this.http.send(HttpRequest.newBuilder(url("/api/v1/incidents"))
			.header("Authorization", bearer)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private long coordinatorId() {
		return this.jdbc.queryForObject("select id from person where email = 'coordinator@example.com'", Long.class);
	}

	private long count() {
		return this.jdbc.queryForObject("select count(*) from incident", Long.class);
	}

	private URI url(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
