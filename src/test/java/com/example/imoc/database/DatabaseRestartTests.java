package com.example.imoc.database;

import java.io.IOException;
import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.util.HtmlUtils;

import com.example.imoc.ImocApplication;
import com.example.imoc.calendar.FeedKind;
import com.example.imoc.calendar.FeedTokens;
import com.example.imoc.people.AccessTokens;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.schedule.ScheduleMaintenance;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;
import com.example.imoc.schedule.TestRotations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL restarted under load, with the application left running: real HTTP on a real
 * port, several clients writing incidents and swap requests, reading a calendar feed,
 * browsing pages. While the database is down every answer is a clean 503 (JSON for the
 * API and feeds, the explanation page for browsers) within the pool's connection timeout;
 * once it is back the application recovers by itself; every write the clients saw
 * acknowledged is stored exactly once, and nothing is stored twice.
 */
class DatabaseRestartTests {

	/**
	 * What the app is allowed to take to answer while the database is down: the pool's 5
	 * s wait plus slack.
	 */
	private static final Duration OUTAGE_ANSWER_WITHIN = Duration.ofSeconds(9);

	private static final Duration RECOVERY_WITHIN = Duration.ofSeconds(15);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dir;

	private final Queue<Exchange> exchanges = new ConcurrentLinkedQueue<>();

	/** What made a load client give up: an answer it must never get. */
	private final Queue<Throwable> clientFailures = new ConcurrentLinkedQueue<>();

	private volatile boolean loadRunning = true;

	/** When PostgreSQL was stopped ({@link System#nanoTime()}). */
	private volatile long down = Long.MAX_VALUE;

	private String baseUrl;

	/**
	 * For the calls made side by side while the database is down (each waits for the
	 * pool's timeout).
	 */
	private final ExecutorService background = Executors.newCachedThreadPool();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/** One HTTP call as a client saw it; times are {@link System#nanoTime()}. */
	record Exchange(String client, String call, long sent, long received, int status, String body, String retryAfter,
			String contentType, String location) {

		boolean within(long from, long to) {
			return this.sent >= from && this.received <= to;
		}

	}

	/** Counts its own firings, to show Quartz fires again after the database is back. */
	public static class Heartbeat implements Job {

		static final AtomicInteger BEATS = new AtomicInteger();

		@Override
		public void execute(JobExecutionContext context) {
			BEATS.incrementAndGet();
		}

	}

	@Test
	void aDatabaseRestartUnderLoadIsA503WhileDownThenRecoversWithEveryAcknowledgedWriteStoredOnce() throws Exception {
		try (RestartablePostgres postgres = new RestartablePostgres(freePort(), this.dir.resolve("pg"))) {
			ConfigurableApplicationContext app = new SpringApplicationBuilder(ImocApplication.class).run(
					"--spring.profiles.active=test", "--server.port=0", "--spring.datasource.url=" + postgres.jdbcUrl(),
					"--spring.datasource.username=postgres",
					"--spring.quartz.scheduler-name=imoc-restart-" + UUID.randomUUID());
			try {
				restartUnderLoad(postgres, app);
			}
			finally {
				// A failed run may leave the load running and the database down; the app
				// shuts down quickly only with
				// it up.
				this.loadRunning = false;
				this.background.shutdownNow();
				postgres.startIfStopped();
				app.close();
			}
		}
	}

	private void restartUnderLoad(RestartablePostgres postgres, ConfigurableApplicationContext app) throws Exception {
		this.baseUrl = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
		JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
		Scheduler scheduler = app.getBean(Scheduler.class);
		scheduler.scheduleJob(JobBuilder.newJob(Heartbeat.class).withIdentity("heartbeat", "restart-test").build(),
				TriggerBuilder.newTrigger()
					.withIdentity("heartbeat", "restart-test")
					.startNow()
					.withSchedule(SimpleScheduleBuilder.repeatSecondlyForever())
					.build());

		// The load: three incident writers, two people cycling swap requests on their own
		// shifts, a feed reader.
		TestPeople people = app.getBean(TestPeople.class);
		AccessTokens tokens = app.getBean(AccessTokens.class);
		TestRotations rotations = app.getBean(TestRotations.class);
		Rotation rotation = rotations.imocLike(4);
		List<Person> staff = rotations.staff(rotation, 4);
		app.getBean(ScheduleMaintenance.class).maintain(rotation.id());
		List<IncidentWriter> incidentWriters = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Person writer = people.manager("Restart Writer" + i);
			incidentWriters.add(new IncidentWriter("incidents-" + i, tokens.create(writer.getId(), "load").secret()));
		}
		List<SwapCycler> swapCyclers = new ArrayList<>();
		for (ShiftView shift : oneFutureShiftPerHolder(app.getBean(Shifts.class), rotation, 2)) {
			swapCyclers.add(new SwapCycler("swaps-" + shift.assigneeId(), shift.id(),
					tokens.create(shift.assigneeId(), "load").secret()));
		}
		String feed = "/ical/"
				+ app.getBean(FeedTokens.class).create(staff.get(0).getId(), FeedKind.ROTATION, rotation.id()).secret()
				+ ".ics";
		List<LoadClient> clients = new ArrayList<>(incidentWriters);
		clients.addAll(swapCyclers);
		clients.add(new FeedReader(feed));
		Browser browser = new Browser(people.manager("Restart Browser").getEmail());
		browser.signIn();
		String csrf = browser.csrfOf(browser.get("/incidents/new"));
		// Sessions live in the database (Spring Session JDBC), so the sign-in form itself
		// cannot be shown while it is
		// down: these browsers open it before, and send it during, the outage.
		List<Browser> latecomers = new ArrayList<>();
		List<String> latecomerTokens = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			Browser latecomer = new Browser(browser.email);
			latecomers.add(latecomer);
			latecomerTokens.add(latecomer.csrfOf(latecomer.get("/login")));
		}
		List<Thread> threads = startAll(clients);
		awaitOrFail("every client has been answered", Duration.ofSeconds(20), () -> everyClientSucceeded(clients, 0));

		// Stop PostgreSQL mid-load.
		postgres.stop();
		this.down = System.nanoTime();
		int beatsWhileDown = Heartbeat.BEATS.get();
		String typedTitle = "Typed while the database was down " + UUID.randomUUID();
		CompletableFuture<Exchange> homePage = CompletableFuture.supplyAsync(() -> browser.get("/"), this.background);
		CompletableFuture<Exchange> incidentForm = CompletableFuture
			.supplyAsync(() -> browser.post("/incidents", incidentForm(typedTitle, csrf)), this.background);
		// As many sign-ins as lock an account when they fail: with the database down they
		// are not failures.
		List<CompletableFuture<Exchange>> signIns = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			Browser latecomer = latecomers.get(i);
			String token = latecomerTokens.get(i);
			signIns.add(CompletableFuture.supplyAsync(() -> latecomer.postSignIn(token), this.background));
		}
		CompletableFuture<Exchange> health = CompletableFuture.supplyAsync(() -> probe("/actuator/health"),
				this.background);
		CompletableFuture<Exchange> liveness = CompletableFuture.supplyAsync(() -> probe("/actuator/health/liveness"),
				this.background);
		CompletableFuture.allOf(homePage, incidentForm, health, liveness).get();
		CompletableFuture.allOf(signIns.toArray(CompletableFuture[]::new)).get();
		awaitOrFail("every client, a write and a feed read have been answered while the database was down",
				Duration.ofSeconds(30),
				() -> everyClientWasAnswered503(clients, this.down)
						&& answered("POST /api/v1/incidents", this.down, 503)
						&& answered("GET /ical/", this.down, 503));
		long restarting = System.nanoTime();

		// While it was down: a clean 503 for every call of the load, soon, with
		// Retry-After.
		List<String> loadClients = clients.stream().map(LoadClient::name).toList();
		List<Exchange> duringOutage = this.exchanges.stream()
			.filter(e -> loadClients.contains(e.client()) && e.within(this.down, restarting))
			.toList();
		assertThat(duringOutage).isNotEmpty().allSatisfy(e -> {
			assertThat(e.status()).as(e.call()).isEqualTo(503);
			assertThat(e.retryAfter()).as(e.call()).isEqualTo("60");
			assertThat(e.contentType()).as(e.call()).startsWith("application/json");
			assertThat(Duration.ofNanos(e.received() - e.sent())).as(e.call()).isLessThan(OUTAGE_ANSWER_WITHIN);
		});
		assertThat(duringOutage).filteredOn(e -> e.call().startsWith("POST /api/"))
			.isNotEmpty()
			.allSatisfy(e -> assertThat(JSON.readTree(e.body()).get("error").asString())
				.isEqualTo("The database is unavailable; your change was not saved. Try again in a minute."));
		assertThat(duringOutage).filteredOn(e -> e.call().startsWith("GET /ical/"))
			.isNotEmpty()
			.allSatisfy(e -> assertThat(JSON.readTree(e.body()).get("error").asString())
				.isEqualTo("The database is unavailable. Try again in a minute."));
		assertThat(homePage.get().status()).isEqualTo(503);
		assertThat(homePage.get().retryAfter()).isEqualTo("60");
		assertThat(homePage.get().body()).contains("<h1>Database unavailable</h1>",
				"this page cannot be shown right now. Try again in a minute.");
		Exchange refusedForm = incidentForm.get();
		assertThat(refusedForm.status()).isEqualTo(503);
		assertThat(refusedForm.body())
			.contains("The database is unavailable; your change was not saved. Try again in a minute.", "Send again");
		assertThat(signIns).allSatisfy(signIn -> assertThat(signIn.get().status())
			.as("a sign-in while the database is down is not a wrong password")
			.isEqualTo(503));
		assertThat(health.get().status()).isEqualTo(503);
		assertThat(health.get().body()).contains("DOWN");
		assertThat(liveness.get().status()).as("liveness stays up, so nothing restarts the app").isEqualTo(200);

		// Start PostgreSQL again on the same port and data; the app must come back by
		// itself.
		postgres.start();
		long up = System.nanoTime();
		awaitOrFail("the API answers again within " + RECOVERY_WITHIN, RECOVERY_WITHIN,
				() -> incidentWriters.get(0).readIncidents().status() == 200);
		awaitOrFail("every client succeeds again", Duration.ofSeconds(20), () -> everyClientSucceeded(clients, up));
		awaitOrFail("Quartz fires again", Duration.ofSeconds(20), () -> Heartbeat.BEATS.get() > beatsWhileDown + 1);
		assertThat(scheduler.isStarted() && !scheduler.isInStandbyMode() && !scheduler.isShutdown()).isTrue();
		assertThat(probe("/actuator/health").status()).isEqualTo(200);
		assertThat(browser.get("/").status()).isEqualTo(200);
		new Browser(browser.email).signIn();
		this.loadRunning = false;
		for (Thread thread : threads) {
			thread.join(30_000);
			assertThat(thread.isAlive()).as(thread.getName() + " finished").isFalse();
		}
		assertThat(this.clientFailures).as("load clients' failures").isEmpty();

		// Nothing anywhere was a 500, a stack trace, a dropped connection or a hang.
		assertThat(this.exchanges).allSatisfy(e -> {
			assertThat(e.status()).as(e.call()).isIn(200, 201, 302, 409, 503);
			assertThat(e.body()).as(e.call()).doesNotContain("Exception", "\tat ", "org.postgresql");
		});

		// What was typed into the refused form was not saved, and comes back with it:
		// sent again, it is saved once.
		assertThat(jdbc.queryForList("select id from incident where title = ?", Long.class, typedTitle)).isEmpty();
		Exchange resent = browser.post(resendAction(refusedForm.body()), resendFields(refusedForm.body()));
		assertThat(resent.status()).isEqualTo(302);
		assertThat(jdbc.queryForList("select id from incident where title = ?", Long.class, typedTitle)).hasSize(1);

		for (IncidentWriter writer : incidentWriters) {
			writer.assertEveryAcknowledgedIncidentIsStoredOnce(jdbc);
		}
		for (SwapCycler cycler : swapCyclers) {
			cycler.assertEveryAcknowledgedRequestIsStoredOnce(jdbc);
		}
	}

	/** A thread of the load, named in its exchanges. */
	interface LoadClient extends Runnable {

		String name();

	}

	/** Reads one calendar feed over and over, as calendar clients poll. */
	final class FeedReader implements LoadClient {

		private final String path;

		FeedReader(String path) {
			this.path = path;
		}

		@Override
		public String name() {
			return "feed";
		}

		@Override
		public void run() {
			while (DatabaseRestartTests.this.loadRunning) {
				send(name(), "GET /ical/{token}.ics", HttpRequest.newBuilder(uri(this.path)));
				pace();
			}
		}

	}

	/**
	 * Writes incidents through the API, each with a title of its own, and remembers what
	 * each attempt was told.
	 */
	final class IncidentWriter implements LoadClient {

		record Attempt(String title, long sent, int status, Long id) {
		}

		final String name;

		final String token;

		final List<Attempt> attempts = new CopyOnWriteArrayList<>();

		IncidentWriter(String name, String token) {
			this.name = name;
			this.token = token;
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public void run() {
			for (int n = 0; DatabaseRestartTests.this.loadRunning; n++) {
				String title = "restart " + this.name + " #" + n + " " + UUID.randomUUID();
				long sent = System.nanoTime();
				HttpRequest.Builder incident = HttpRequest.newBuilder(uri("/api/v1/incidents"))
					.header("Authorization", "Bearer " + this.token)
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("""
							{"title": "%s", "severity": "S4", "impactStartedAt": "2025-05-01T10:00:00Z",
							 "declaredAt": "2025-05-01T10:05:00Z", "services": [{"name": "web", "impact": 1}]}
							""".formatted(title)));
				Exchange answer = send(this.name, "POST /api/v1/incidents", incident);
				this.attempts.add(new Attempt(title, sent, answer.status(),
						answer.status() == 201 ? JSON.readTree(answer.body()).get("id").asLong() : null));
				pace();
			}
		}

		Exchange readIncidents() {
			HttpRequest.Builder list = HttpRequest.newBuilder(uri("/api/v1/incidents?month=2025-05"))
				.header("Authorization", "Bearer " + this.token);
			return send(this.name, "GET /api/v1/incidents", list);
		}

		void assertEveryAcknowledgedIncidentIsStoredOnce(JdbcTemplate jdbc) {
			Map<String, List<Long>> stored = jdbc
				.query("select title, id from incident where title like ?",
						(rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)), "restart " + this.name + " #%")
				.stream()
				.collect(Collectors.groupingBy(Map.Entry::getKey,
						Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
			List<Attempt> acknowledged = this.attempts.stream().filter(a -> a.status() == 201).toList();
			assertThat(acknowledged).as(this.name + " had writes acknowledged").isNotEmpty();
			for (Attempt attempt : acknowledged) {
				assertThat(stored.get(attempt.title())).as(attempt.title()).containsExactly(attempt.id());
			}
			// Nothing is stored twice, nothing nobody sent. A refused write is absent,
			// unless it was already on its
			// way when PostgreSQL stopped: a commit that reached the server just before
			// the shutdown, whose answer
			// never came back, is stored although the client heard 503 (the one
			// uncertainty every database client
			// has; a blind retry would then store it twice, so a client that must not
			// duplicate looks first).
			List<String> sent = this.attempts.stream().map(Attempt::title).toList();
			assertThat(stored.keySet()).allSatisfy(title -> assertThat(sent).contains(title));
			assertThat(stored.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
			assertThat(this.attempts).filteredOn(a -> a.status() != 201 && stored.containsKey(a.title()))
				.as("refused but stored")
				.allSatisfy(a -> assertThat(a.sent()).isLessThan(DatabaseRestartTests.this.down));
		}

	}

	/**
	 * The holder of a shift asks for an open cover of it and cancels the request, again
	 * and again. A request answered 503 may or may not exist; the cycler looks for it
	 * once the database answers, and cancels it if it does.
	 */
	final class SwapCycler implements LoadClient {

		final String name;

		final long shiftId;

		final String token;

		final List<Long> created = new CopyOnWriteArrayList<>();

		final List<Long> cancelled = new CopyOnWriteArrayList<>();

		final List<Long> foundAfterA503 = new CopyOnWriteArrayList<>();

		SwapCycler(String name, long shiftId, String token) {
			this.name = name;
			this.shiftId = shiftId;
			this.token = token;
		}

		@Override
		public String name() {
			return this.name;
		}

		@Override
		public void run() {
			while (DatabaseRestartTests.this.loadRunning) {
				pace();
				Exchange answer = call("POST /api/v1/swaps", "/api/v1/swaps",
						"{\"kind\": \"OPEN_COVER\", \"shiftId\": " + this.shiftId + ", \"message\": \"restart load\"}");
				if (answer.status() == 201) {
					long id = JSON.readTree(answer.body()).get("id").asLong();
					this.created.add(id);
					cancel(id);
				}
				else {
					assertThat(answer.status()).as("asking for a cover").isEqualTo(503);
					for (long id : pendingRequestsForMyShift()) {
						this.foundAfterA503.add(id);
						cancel(id);
					}
				}
			}
		}

		/**
		 * Until the cancel is answered: 200, or 409 when a cancel answered 503 had in
		 * fact been committed.
		 */
		private void cancel(long id) {
			while (true) {
				int status = call("POST /api/v1/swaps/{id}/cancel", "/api/v1/swaps/" + id + "/cancel", "").status();
				if (status == 200) {
					this.cancelled.add(id);
					return;
				}
				if (status == 409) {
					return;
				}
				assertThat(status).as("cancel of swap request " + id).isEqualTo(503);
			}
		}

		private List<Long> pendingRequestsForMyShift() {
			while (true) {
				Exchange answer = send(this.name, "GET /api/v1/swaps",
						HttpRequest.newBuilder(uri("/api/v1/swaps")).header("Authorization", "Bearer " + this.token));
				if (answer.status() == 200) {
					List<Long> pending = new ArrayList<>();
					for (JsonNode request : JSON.readTree(answer.body())) {
						if (request.get("shiftId").asLong() == this.shiftId
								&& request.get("state").asString().equals("PENDING")) {
							pending.add(request.get("id").asLong());
						}
					}
					return pending;
				}
				assertThat(answer.status()).as("listing swap requests").isEqualTo(503);
			}
		}

		private Exchange call(String call, String path, String json) {
			return send(this.name, call,
					HttpRequest.newBuilder(uri(path))
						.header("Authorization", "Bearer " + this.token)
						.header("Content-Type", "application/json")
						.POST(HttpRequest.BodyPublishers.ofString(json)));
		}

		void assertEveryAcknowledgedRequestIsStoredOnce(JdbcTemplate jdbc) {
			assertThat(this.created).as(this.name + " had requests acknowledged").isNotEmpty();
			Map<Long, String> stored = new LinkedHashMap<>();
			jdbc.query("select id, state from swap_request where shift_id = ?", rs -> {
				stored.put(rs.getLong(1), rs.getString(2));
			}, this.shiftId);
			assertThat(stored.keySet()).containsAll(this.created);
			this.cancelled.forEach(id -> assertThat(stored.get(id)).as("request " + id).isEqualTo("CANCELLED"));
			// Every stored request is one the cycler was told about or found after a 503:
			// none was written twice.
			assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(concat(this.created, this.foundAfterA503));
			assertThat(stored.values()).as("nothing left waiting").doesNotContain("PENDING");
		}

	}

	/** A person with a browser: a session cookie, pages asked for as text/html. */
	final class Browser {

		final String email;

		final HttpClient client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.connectTimeout(Duration.ofSeconds(5))
			.build();

		Browser(String email) {
			this.email = email;
		}

		void signIn() {
			Exchange signIn = postSignIn();
			assertThat(signIn.status()).isEqualTo(302);
			assertThat(signIn.location()).as("signed in, not sent back to the form").endsWith("/");
			assertThat(get("/").status()).isEqualTo(200);
		}

		Exchange postSignIn() {
			return postSignIn(csrfOf(get("/login")));
		}

		Exchange postSignIn(String csrf) {
			return post("/login", Map.of("username", List.of(this.email), "password", List.of(TestPeople.PASSWORD),
					"_csrf", List.of(csrf)));
		}

		Exchange get(String path) {
			return send(this.client, "browser", "GET " + path,
					HttpRequest.newBuilder(uri(path)).header("Accept", "text/html"));
		}

		Exchange post(String path, Map<String, List<String>> form) {
			String body = form.entrySet()
				.stream()
				.flatMap(field -> field.getValue()
					.stream()
					.map(value -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
							+ URLEncoder.encode(value, StandardCharsets.UTF_8)))
				.collect(Collectors.joining("&"));
			return send(this.client, "browser", "POST " + path,
					HttpRequest.newBuilder(uri(path))
						.header("Accept", "text/html")
						.header("Content-Type", "application/x-www-form-urlencoded")
						.POST(HttpRequest.BodyPublishers.ofString(body)));
		}

		String csrfOf(Exchange page) {
			Matcher token = Pattern.compile("name=\"_csrf\" (?:content|value)=\"([^\"]+)\"").matcher(page.body());
			assertThat(token.find()).as("a CSRF token on " + page.call()).isTrue();
			return token.group(1);
		}

	}

	private static Map<String, List<String>> incidentForm(String title, String csrf) {
		Map<String, List<String>> form = new LinkedHashMap<>();
		form.put("title", List.of(title));
		form.put("severity", List.of("S4"));
		form.put("status", List.of("ACTIVE"));
		form.put("declaredAt", List.of("2025-05-01T10:00"));
		form.put("rootCause", List.of("SATURATION"));
		form.put("services[0].name", List.of("web"));
		form.put("services[0].impact", List.of("1"));
		form.put("detectedInternally", List.of("true"));
		form.put("_csrf", List.of(csrf));
		return form;
	}

	private static String resendAction(String page) {
		Matcher form = Pattern.compile("<form method=\"post\"[^>]*? action=\"([^\"]+)\"").matcher(page);
		assertThat(form.find()).as("the 503 page offers to send the form again").isTrue();
		return HtmlUtils.htmlUnescape(form.group(1));
	}

	/**
	 * The hidden fields of the "send again" form, the CSRF token it was first sent with
	 * included.
	 */
	private static Map<String, List<String>> resendFields(String page) {
		int start = page.indexOf("<form method=\"post\"");
		String form = page.substring(start, page.indexOf("</form>", start));
		Map<String, List<String>> fields = new LinkedHashMap<>();
		Matcher input = Pattern.compile("<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\"").matcher(form);
		while (input.find()) {
			fields.computeIfAbsent(HtmlUtils.htmlUnescape(input.group(1)), k -> new ArrayList<>())
				.add(HtmlUtils.htmlUnescape(input.group(2)));
		}
		return fields;
	}

	private Exchange send(String client, String call, HttpRequest.Builder request) {
		return send(this.http, client, call, request);
	}

	private Exchange send(HttpClient via, String client, String call, HttpRequest.Builder request) {
		long sent = System.nanoTime();
		try {
			HttpResponse<String> response = via.send(request.timeout(Duration.ofSeconds(20)).build(),
					HttpResponse.BodyHandlers.ofString());
			Exchange exchange = new Exchange(client, call, sent, System.nanoTime(), response.statusCode(),
					response.body(), response.headers().firstValue("Retry-After").orElse(null),
					response.headers().firstValue("Content-Type").orElse(""),
					response.headers().firstValue("Location").orElse(null));
			this.exchanges.add(exchange);
			return exchange;
		}
		catch (IOException ex) {
			// A request that hangs past its timeout or a dropped connection is as much a
			// failure as a 500.
			Exchange failed = new Exchange(client, call, sent, System.nanoTime(), -1, ex.toString(), null, "", null);
			this.exchanges.add(failed);
			return failed;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private Exchange probe(String path) {
		return send("probe", "GET " + path, HttpRequest.newBuilder(uri(path)));
	}

	/**
	 * True when every load client has had a 2xx to a request sent after {@code since}.
	 */
	private boolean everyClientSucceeded(List<LoadClient> clients, long since) {
		return everyClientAnswered(clients, since, status -> status / 100 == 2);
	}

	/**
	 * True when every load client has had a 503 to a request sent after {@code since}.
	 */
	private boolean everyClientWasAnswered503(List<LoadClient> clients, long since) {
		return everyClientAnswered(clients, since, status -> status == 503);
	}

	private boolean everyClientAnswered(List<LoadClient> clients, long since, IntPredicate status) {
		return clients.stream()
			.allMatch(client -> this.exchanges.stream()
				.anyMatch(e -> e.client().equals(client.name()) && e.sent() >= since && status.test(e.status())));
	}

	/**
	 * True when a call starting like this, sent after {@code since}, has had an answer
	 * with this status.
	 */
	private boolean answered(String call, long since, int status) {
		return this.exchanges.stream()
			.anyMatch(e -> e.call().startsWith(call) && e.sent() >= since && e.status() == status);
	}

	private List<Thread> startAll(List<LoadClient> clients) {
		List<Thread> threads = new ArrayList<>();
		for (LoadClient client : clients) {
			Thread thread = new Thread(client, "load-" + client.name());
			thread.setDaemon(true);
			thread.setUncaughtExceptionHandler((t, ex) -> this.clientFailures.add(ex));
			thread.start();
			threads.add(thread);
		}
		return threads;
	}

	private void awaitOrFail(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
		Instant deadline = Instant.now().plus(within);
		while (!condition.getAsBoolean()) {
			assertThat(this.clientFailures).as("load clients' failures").isEmpty();
			assertThat(Instant.now()).as(what).isBefore(deadline);
			Thread.sleep(100);
		}
	}

	private static List<ShiftView> oneFutureShiftPerHolder(Shifts shifts, Rotation rotation, int count) {
		Instant from = Instant.now().plus(Duration.ofDays(2));
		Map<Long, ShiftView> byHolder = new LinkedHashMap<>();
		for (ShiftView shift : shifts.ofRotation(rotation.id(), from, from.plus(Duration.ofDays(21)))) {
			if (!shift.shadow() && !shift.isGap() && shift.start().isAfter(from)) {
				byHolder.putIfAbsent(shift.assigneeId(), shift);
			}
		}
		assertThat(byHolder).hasSizeGreaterThanOrEqualTo(count);
		return byHolder.values().stream().limit(count).toList();
	}

	/** A steady load, not a flood: the machine running the tests is shared. */
	private static void pace() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The test's own PostgreSQL, stopped and started again on the same port and data
	 * directory, as a restart of the database server looks to the application.
	 */
	static final class RestartablePostgres implements AutoCloseable {

		private final int port;

		private final Path data;

		private EmbeddedPostgres running;

		RestartablePostgres(int port, Path data) throws IOException {
			this.port = port;
			this.data = data;
			start();
		}

		String jdbcUrl() {
			return "jdbc:postgresql://localhost:" + this.port + "/postgres";
		}

		void startIfStopped() throws IOException {
			if (this.running == null) {
				start();
			}
		}

		void start() throws IOException {
			this.running = EmbeddedPostgres.builder()
				.setPort(this.port)
				.setDataDirectory(this.data)
				.setCleanDataDirectory(false)
				.start();
		}

		void stop() throws IOException {
			if (this.running != null) {
				this.running.close();
				this.running = null;
			}
		}

		@Override
		public void close() throws IOException {
			stop();
		}

	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private URI uri(String path) {
		return URI.create(this.baseUrl + path);
	}

	private static List<Long> concat(List<Long> first, List<Long> second) {
		List<Long> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

}
