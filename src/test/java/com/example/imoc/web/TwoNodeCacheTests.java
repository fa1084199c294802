package com.example.imoc.web;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.ImocApplication;
import com.example.imoc.calendar.FeedKind;
import com.example.imoc.calendar.FeedTokens;
import com.example.imoc.notify.Notice;
import com.example.imoc.notify.Notifications;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application nodes on one PostgreSQL, over real HTTP (issue 9 and issue 10 item 1):
 * what node B keeps in memory (a calendar feed, a signed-in person's page) is replaced as
 * soon as node A commits a change, without B having done anything; the notification
 * arrives within a second (on one machine: milliseconds).
 */
class TwoNodeCacheTests {

	/**
	 * How long B may take to hear of A's change: generous for a loaded CI machine;
	 * typically a few milliseconds.
	 */
	private static final Duration BOUND = Duration.ofSeconds(2);

	@TempDir
	Path dir;

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	@Test
	void whatTheOtherNodeKeepsIsReplacedAsSoonAsThisNodeCommitsAChange() throws Exception {
		String scheduler = "imoc-cache-nodes-" + UUID.randomUUID();
		String[] common = { "--server.port=0", "--imoc.schedule.extend-on-startup=false",
				"--spring.quartz.auto-startup=false", "--spring.quartz.scheduler-name=" + scheduler,
				"--logging.level.root=WARN" };
		try (ConfigurableApplicationContext a = new SpringApplicationBuilder(ImocApplication.class)
			.run(concat(common, "--imoc.demo=true", "--imoc.embedded-db.data-dir=" + this.dir.resolve("pg")))) {
			int pg = a.getBean(EmbeddedPostgres.class).getPort();
			try (ConfigurableApplicationContext b = new SpringApplicationBuilder(ImocApplication.class)
				.run(concat(common, "--imoc.demo=false",
						"--spring.datasource.url=jdbc:postgresql://localhost:" + pg + "/postgres",
						"--spring.datasource.username=postgres"))) {
				JdbcTemplate jdbcA = a.getBean(JdbcTemplate.class);
				TransactionTemplate txA = new TransactionTemplate(
						a.getBean(org.springframework.transaction.PlatformTransactionManager.class));
				String nodeB = "http://localhost:" + b.getEnvironment().getProperty("local.server.port");
				MeterRegistry metersB = b.getBean(MeterRegistry.class);
				awaitDemo(jdbcA);
				long jane = jdbcA.queryForObject("select id from person where email = 'jane.doe@example.com'",
						Long.class);

				// B serves Jane's feed from memory, and her home page from its page
				// cache.
				String feed = nodeB + "/ical/"
						+ a.getBean(FeedTokens.class).create(jane, FeedKind.PERSON, null).secret() + ".ics";
				awaitServedFromMemory(metersB, "imoc.feed.polls", "served", "memory", feed);
				signIn(nodeB, "jane.doe@example.com", "demo");
				awaitServedFromMemory(metersB, "imoc.page.cache", "result", "hit", nodeB + "/");
				assertThat(get(feed)).contains("Jane Doe").doesNotContain("Jane Renamed");
				assertThat(get(nodeB + "/")).doesNotContain("Asia/Tokyo");
				// B's shared rotation grid (rendered once per generation, issue 17) of a
				// week with one of Jane's shifts, in the rotation's zone so that her new
				// zone does not make it another grid.
				java.time.LocalDate janesDay = jdbcA.queryForObject(
						"select local_date from shift where assignee_id = ? and rotation_id = 1 and state = 'SCHEDULED' "
								+ "and starts_at > now() order by starts_at limit 1",
						java.time.LocalDate.class, jane);
				String week = nodeB + "/rotations/1?zone=rotation&from=" + janesDay;
				assertThat(get(week + "&first=1")).contains("tabindex=\"0\">Jane Doe</span>")
					.doesNotContain("Jane Renamed");

				// A commits a change; B notices by itself.
				long committed = System.nanoTime();
				txA.executeWithoutResult(tx -> jdbcA.update(
						"update person set name = 'Jane Renamed', time_zone = 'Asia/Tokyo', updated_at = now() where id = ?",
						jane));
				assertThat(within(feed, body -> body.contains("Jane Renamed")))
					.as("B's feed shows A's change within %s", BOUND)
					.isTrue();
				assertThat(within(nodeB + "/", body -> body.contains("Asia/Tokyo")))
					.as("B's page shows A's change within %s", BOUND)
					.isTrue();
				assertThat(Duration.ofNanos(System.nanoTime() - committed)).isLessThan(BOUND.multipliedBy(2));
				assertThat(within(week + "&first=2",
						body -> body.contains("tabindex=\"0\">Jane Renamed</span>")
								&& !body.contains("tabindex=\"0\">Jane Doe</span>")))
					.as("B renders the shared grid anew after A's change")
					.isTrue();

				// The unread count B keeps per person (notify.PersonalNotices): a notice
				// A sends Jane shows on B's next first view of any page.
				int unread = unread(get(nodeB + "/my/shifts"));
				txA.executeWithoutResult(tx -> a.getBean(Notifications.class)
					.send(new Notice(jane, "test", "From node A", "Body", "/")));
				assertThat(within(nodeB + "/my/shifts?after=notice", body -> unread(body) == unread + 1))
					.as("B's unread count shows A's notice within %s", BOUND)
					.isTrue();
			}
		}
	}

	private static int unread(String page) {
		Matcher badge = Pattern.compile("title=\"(\\d+) unread\"").matcher(page);
		return badge.find() ? Integer.parseInt(badge.group(1)) : 0;
	}

	private void awaitDemo(JdbcTemplate jdbc) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
		while (System.nanoTime() < deadline) {
			Integer shifts = jdbc.queryForObject("select count(*) from shift", Integer.class);
			if (shifts != null && shifts > 0) {
				Thread.sleep(500); // the demo seeding writes a little more after its
									// shifts
				return;
			}
			Thread.sleep(100);
		}
		throw new AssertionError("the demo organisation was not seeded within 60 s");
	}

	/**
	 * Requests the URL until one answer comes from B's cache (the demo's last writes may
	 * still be announced).
	 */
	private void awaitServedFromMemory(MeterRegistry meters, String meter, String tag, String value, String url)
			throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < deadline) {
			double before = meters.counter(meter, tag, value).count();
			get(url);
			if (meters.counter(meter, tag, value).count() > before) {
				return;
			}
			Thread.sleep(50);
		}
		throw new AssertionError(url + " was never served from node B's cache");
	}

	private boolean within(String url, Predicate<String> fresh) throws Exception {
		long deadline = System.nanoTime() + BOUND.toNanos();
		do {
			if (fresh.test(get(url))) {
				return true;
			}
			Thread.sleep(5);
		}
		while (System.nanoTime() < deadline);
		return false;
	}

	private String get(String url) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url)).build(),
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).as(url).isEqualTo(200);
		return response.body();
	}

	private void signIn(String base, String email, String password) throws Exception {
		String login = this.http
			.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(), HttpResponse.BodyHandlers.ofString())
			.body();
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
		assertThat(csrf.find()).as("the sign-in form carries a CSRF token").isTrue();
		String form = "username=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&password="
				+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrf.group(1);
		HttpResponse<String> signedIn = this.http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElse("")).doesNotContain("error");
	}

	private static String[] concat(String[] first, String... more) {
		String[] all = new String[first.length + more.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(more, 0, all, first.length, more.length);
		return all;
	}

}
