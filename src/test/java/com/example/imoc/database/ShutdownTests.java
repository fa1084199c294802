package com.example.imoc.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.example.imoc.ImocApplication;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.NodeStalledMidExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The app always stops: SIGTERM (an orchestrator) or SIGINT (Ctrl-C) while a Quartz job
 * is stuck inside its transaction ends the process within 30 seconds, stops the embedded
 * PostgreSQL cleanly after Quartz, and prints no stack trace. The node runs in a JVM of
 * its own (as in {@code schedule.NodeCrashTests}) with a test-only hook that stalls the
 * start-up extension after it inserted the default rotation's shifts, and never lets go.
 */
class ShutdownTests {

	@TempDir
	Path dir;

	@ParameterizedTest(name = "SIG{0}")
	@ValueSource(strings = { "TERM", "INT" })
	void aSignalDuringAStuckQuartzJobEndsTheProcessWithin30SecondsWithoutStackTraces(String signal) throws Exception {
		Path marker = this.dir.resolve("stalled.properties");
		Path log = this.dir.resolve("node.log");
		Path data = this.dir.resolve("pg");
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
						"-XX:+UseSerialGC", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
						NodeStalledMidExtension.class.getName(), "--spring.profiles.active=test", "--server.port=0",
						"--imoc.embedded-db.data-dir=" + data, "--imoc.embedded-db.clean=false",
						"--imoc.schedule.extend-on-startup=true", "--logging.level.root=WARN",
						"--logging.level.com.example.imoc.database=INFO",
						// NodeStalledMidExtension's settings: stall in the rotation every
						// new database has (V6, id 1).
						"--crash-test.marker=" + marker, "--crash-test.stall-in-rotation=1"));
		peopleJoinTheDefaultRotation(data);
		Process node = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			try {
				await("the extension job stalls").atMost(Duration.ofSeconds(150))
					.pollInterval(Duration.ofMillis(200))
					.failFast("the node exited", () -> !node.isAlive())
					.until(() -> Files.exists(marker));
			}
			catch (ConditionTimeoutException | TerminalFailureException ex) {
				throw new AssertionError("the job did not stall; the node's log ends with:\n" + tail(log, 60), ex);
			}
			assertThat(Files.exists(data.resolve("postmaster.pid"))).as("PostgreSQL runs").isTrue();
			int linesBefore = Files.readAllLines(log).size();

			long signalled = System.nanoTime();
			new ProcessBuilder("kill", "-" + signal, String.valueOf(node.pid())).inheritIO().start().waitFor();
			boolean ended = node.waitFor(30, TimeUnit.SECONDS);
			Duration took = Duration.ofNanos(System.nanoTime() - signalled);

			assertThat(ended)
				.as("the process ended within 30 s of SIG" + signal + "; its log ends with:\n" + tail(log, 80))
				.isTrue();
			List<String> lines = Files.readAllLines(log);
			List<String> shutdown = lines.subList(linesBefore, lines.size());
			assertThat(shutdown).as("what SIG%s printed (took %s)", signal, took)
				.noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception"));
			assertThat(String.join("\n", shutdown)).contains("abandoned");
			assertThat(data.resolve("postmaster.pid")).as("PostgreSQL was stopped, not left running").doesNotExist();
		}
		finally {
			node.destroyForcibly();
			node.waitFor(20, TimeUnit.SECONDS);
		}
	}

	private static String tail(Path log, int count) throws IOException {
		List<String> lines = Files.readAllLines(log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
	}

	/**
	 * A rotation nobody has joined is not planned at all, so the extension job would
	 * never insert shifts and never reach the hook: six people join the default rotation
	 * first, on the same data directory, with Quartz off.
	 */
	private static void peopleJoinTheDefaultRotation(Path data) {
		try (ConfigurableApplicationContext prepare = new SpringApplicationBuilder(ImocApplication.class).run(
				"--spring.profiles.active=test", "--server.port=0", "--logging.level.root=WARN",
				"--spring.quartz.scheduler-name=imoc-shutdown-" + UUID.randomUUID(),
				"--imoc.embedded-db.data-dir=" + data, "--imoc.embedded-db.clean=false",
				"--imoc.schedule.extend-on-startup=false", "--spring.quartz.auto-startup=false")) {
			Rotations rotations = prepare.getBean(Rotations.class);
			TestPeople people = prepare.getBean(TestPeople.class);
			Rotation imoc = rotations.find(1).orElseThrow();
			long layer = imoc.layer("weekdays and weekends").orElseThrow().id();
			for (int i = 0; i < 6; i++) {
				rotations.join(imoc.id(), people.manager("Shutdown Person" + i).getId(), layer);
			}
		}
	}

}
