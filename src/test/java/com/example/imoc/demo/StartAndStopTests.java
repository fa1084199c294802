package com.example.imoc.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.imoc.ImocApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A first day at the console: the app started as people start it (its own process, the
 * default settings, so the demo on the embedded PostgreSQL, and a context path) prints
 * one line saying where to open it once it is ready, that address answers, and Ctrl-C
 * stops it quietly: Quartz before the database, no error and no stack trace, PostgreSQL
 * stopped.
 */
class StartAndStopTests {

	static final Pattern READY = Pattern.compile("IMOC Scheduler is ready: open (http://localhost:(\\d+)/imoc/)$");

	@TempDir
	Path dir;

	@Test
	void theConsoleSaysWhereToOpenTheAppAndCtrlCStopsItQuietly() throws Exception {
		Path log = this.dir.resolve("app.log");
		Path data = this.dir.resolve("pg");
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx640m", "-cp", System.getProperty("java.class.path"),
				ImocApplication.class.getName(), "--server.port=0", "--server.servlet.context-path=/imoc",
				"--imoc.embedded-db.data-dir=" + data, "--spring.quartz.scheduler-name=imoc-start-stop");
		Process app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			String url;
			try {
				url = await("the ready line").atMost(Duration.ofSeconds(420))
					.pollInterval(Duration.ofMillis(250))
					.failFast("the app exited", () -> !app.isAlive())
					.until(() -> readyAddress(log), Optional::isPresent)
					.orElseThrow();
			}
			catch (ConditionTimeoutException | TerminalFailureException ex) {
				throw new AssertionError("no ready line; the log ends with:\n" + tail(log, 60), ex);
			}
			HttpResponse<String> signIn = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(url + "login")).build(), HttpResponse.BodyHandlers.ofString());
			assertThat(signIn.statusCode()).as("the address printed opens the app").isEqualTo(200);
			assertThat(Files.readAllLines(log)).as("printed once")
				.filteredOn(l -> l.contains("is ready: open"))
				.hasSize(1);
			// The start-up extension and the demo's jobs run a few seconds after ready.
			Thread.sleep(5000);
			int linesBefore = Files.readAllLines(log).size();

			new ProcessBuilder("kill", "-INT", String.valueOf(app.pid())).inheritIO().start().waitFor();
			assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("stopped; the log ends with:\n" + tail(log, 80)).isTrue();

			List<String> lines = Files.readAllLines(log);
			List<String> stopping = lines.subList(linesBefore, lines.size());
			assertThat(stopping).as("what Ctrl-C printed")
				.noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception") || line.contains(" ERROR ")
						|| line.contains(" WARN "));
			assertThat(data.resolve("postmaster.pid")).as("PostgreSQL was stopped").doesNotExist();
		}
		finally {
			app.destroyForcibly();
			app.waitFor(20, TimeUnit.SECONDS);
		}
	}

	private static Optional<String> readyAddress(Path log) throws IOException {
		for (String line : Files.readAllLines(log)) {
			Matcher ready = READY.matcher(line);
			if (ready.find()) {
				return Optional.of(ready.group(1));
			}
		}
		return Optional.empty();
	}

	private static String tail(Path log, int count) throws IOException {
		List<String> lines = Files.readAllLines(log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
	}

}
