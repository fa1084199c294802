package com.example.imoc.schedule;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.impl.matchers.KeyMatcher;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.ImocApplication;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node killed (SIGKILL, no shutdown of any kind) in the middle of the schedule
 * extension: its open transaction is rolled back by PostgreSQL, the other node's Quartz
 * sees the missed check-ins and re-runs the job ({@code requestsRecovery}), and the
 * schedule ends up exactly as one uninterrupted run would have made it.
 *
 * <p>
 * Node A runs in this JVM and owns the embedded PostgreSQL; node B is a separate JVM
 * ({@link NodeStalledMidExtension}) whose extend job, fired by the production start-up
 * trigger, stalls inside the transaction of the second of two rotations, after inserting
 * its shifts (the first one's has committed). A's scheduler stays in standby until B is
 * stalled, so B is the one running the job.
 */
class NodeCrashTests {

	private static final int HORIZON_WEEKS = 4;

	/**
	 * What {@link Process#exitValue()} reports on Linux for a process ended by signal 9.
	 */
	private static final int KILLED_BY_SIGKILL = 128 + 9;

	@TempDir
	Path dir;

	/**
	 * One run of the extend job on node A (the listener is A's own, so it sees A's runs
	 * only).
	 */
	record Execution(boolean recovering, String recoveringTrigger, JobExecutionException failure) {
	}

	record Row(long rotation, long slot, long layer, LocalDate date, Instant start, Instant end, Long assignee,
			boolean shadow) {
	}

	@Test
	void aNodeKilledMidExtensionHasItsJobRecoveredByTheOtherNodeAndTheScheduleIsWhole() throws Exception {
		// One cluster: both nodes share the scheduler name, unique to this test (Quartz
		// registers the job store's
		// DataSource JVM-wide by that name). Check-ins every second so a dead node is
		// noticed within seconds.
		String schedulerName = "imoc-crash-" + UUID.randomUUID();
		String[] common = { "--spring.profiles.active=test", "--server.port=0", "--logging.level.root=WARN",
				"--spring.quartz.scheduler-name=" + schedulerName,
				"--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000",
				// The daily trigger must not fire during the test; only the start-up
				// trigger does.
				"--imoc.schedule.extend-cron=0 0 0 1 1 ? 2099" };
		try (ConfigurableApplicationContext nodeA = new SpringApplicationBuilder(ImocApplication.class)
			.run(concat(common, "--imoc.embedded-db.data-dir=" + this.dir.resolve("pg"),
					"--imoc.schedule.extend-on-startup=false", "--spring.quartz.auto-startup=false"))) {
			Scheduler schedulerA = nodeA.getBean(Scheduler.class);
			JdbcTemplate jdbc = nodeA.getBean(JdbcTemplate.class);
			ZoneId zone = zoneWhereItIsOneInTheAfternoon();
			List<Long> rotations = twoRotationsSharingPeople(nodeA, zone);
			// Joining a rotation queues a repair; drop it so the extension is the only
			// work in flight.
			for (Trigger repair : schedulerA.getTriggersOfJob(ScheduleJobs.REPAIR)) {
				schedulerA.unscheduleJob(repair.getKey());
			}
			List<Execution> executionsOnA = new CopyOnWriteArrayList<>();
			listen(schedulerA, executionsOnA);

			Path marker = this.dir.resolve("node-b-stalled.properties");
			Path log = this.dir.resolve("node-b.log");
			// The job takes rotations by name; B stalls in the later of the two, after
			// the earlier one committed.
			long interrupted = inNameOrder(nodeA, rotations).get(1);
			long finished = inNameOrder(nodeA, rotations).get(0);
			Process nodeB = startNodeB(nodeA.getBean(EmbeddedPostgres.class).getPort(), common, interrupted, marker,
					log);
			try {
				awaitOrExplain("node B stalls mid-extension", Duration.ofSeconds(90), nodeB, log,
						() -> Files.exists(marker));
				Properties stalled = read(marker);
				assertThat(stalled.getProperty("trigger")).isEqualTo("schedule.extension-on-startup");
				assertThat(stalled.getProperty("recovering")).isEqualTo("false");
				assertThat(Long.parseLong(stalled.getProperty("shifts"))).as("shifts inserted in the open transaction")
					.isPositive();
				assertThat(stalled.getProperty("rotations")).isEqualTo("1");
				List<Long> finishedBeforeTheKill = ids(jdbc, finished);
				assertThat(finishedBeforeTheKill).as("the first rotation's transaction committed before the kill")
					.isNotEmpty();

				// A joins the cluster while B is stuck in the job: B's running firing is
				// not A's to take.
				schedulerA.start();
				assertThat(jdbc.queryForList("select instance_name from qrtz_scheduler_state where sched_name = ?",
						String.class, schedulerName))
					.containsExactlyInAnyOrder(schedulerA.getSchedulerInstanceId(), stalled.getProperty("instance"));

				nodeB.destroyForcibly();
				assertThat(nodeB.waitFor(20, TimeUnit.SECONDS)).as("node B is gone").isTrue();
				assertThat(nodeB.exitValue()).as("killed by SIGKILL, no shutdown hook ran")
					.isEqualTo(KILLED_BY_SIGKILL);

				await("PostgreSQL ends B's open transaction").atMost(Duration.ofSeconds(20))
					.until(() -> jdbc.queryForObject("select pg_xact_status(?::xid8)", String.class,
							stalled.getProperty("xact")), "aborted"::equals);
				assertThat(ids(jdbc, interrupted)).as("nothing of the killed transaction remains").isEmpty();

				await("A re-runs the job B was running").atMost(Duration.ofSeconds(40))
					.until(() -> !executionsOnA.isEmpty());
				assertThat(executionsOnA).containsExactly(new Execution(true, stalled.getProperty("trigger"), null));
				assertThat(jdbc.queryForList("select instance_name from qrtz_scheduler_state where sched_name = ?",
						String.class, schedulerName))
					.as("A recorded B as failed")
					.containsExactly(schedulerA.getSchedulerInstanceId());

				assertThat(ids(jdbc, finished)).as("the rotation B finished is left as it was")
					.isEqualTo(finishedBeforeTheKill);
				List<Row> recovered = schedule(jdbc, rotations);
				assertWhole(recovered, rotations, zone, jdbc);
				assertThat(recovered).as("the schedule one uninterrupted run makes")
					.containsExactlyElementsOf(uninterruptedRun(nodeA, rotations));
			}
			finally {
				nodeB.destroyForcibly();
				nodeB.waitFor(20, TimeUnit.SECONDS);
			}
		}
	}

	/**
	 * A fixed-offset zone where it is now 13:00: for the few minutes this test runs, no
	 * slot boundary (11:00, 15:00) and no midnight passes, so B's run, A's recovery and
	 * the reference run all plan the same days and keep the same shifts.
	 */
	private static ZoneId zoneWhereItIsOneInTheAfternoon() {
		ZonedDateTime utc = ZonedDateTime.now(ZoneOffset.UTC);
		int minutes = 13 * 60 - (utc.getHour() * 60 + utc.getMinute());
		if (minutes > 12 * 60) {
			minutes -= 24 * 60;
		}
		if (minutes <= -12 * 60) {
			minutes += 24 * 60;
		}
		return ZoneOffset.ofTotalSeconds(minutes * 60);
	}

	/**
	 * Two IMOC-like rotations with some people in both, so the second one's plan depends
	 * on the first one's shifts.
	 */
	private static List<Long> twoRotationsSharingPeople(ConfigurableApplicationContext node, ZoneId zone) {
		TestRotations testRotations = node.getBean(TestRotations.class);
		TestPeople people = node.getBean(TestPeople.class);
		Rotations rotations = node.getBean(Rotations.class);
		Rotation first = testRotations.imocLike(zone.getId(), HORIZON_WEEKS, TestRotations.IMOC_SLOTS);
		Rotation second = testRotations.imocLike(zone.getId(), HORIZON_WEEKS, TestRotations.IMOC_SLOTS);
		for (int i = 0; i < 9; i++) {
			Person person = people.manager("Crash Person" + i);
			if (i < 6) {
				rotations.join(first.id(), person.getId(), first.layer("weekdays and weekends").orElseThrow().id());
			}
			if (i >= 3) {
				rotations.join(second.id(), person.getId(), second.layer("weekdays and weekends").orElseThrow().id());
			}
		}
		return List.of(first.id(), second.id());
	}

	private static List<Long> inNameOrder(ConfigurableApplicationContext node, List<Long> rotations) {
		return node.getBean(Rotations.class).all().stream().map(Rotation::id).filter(rotations::contains).toList();
	}

	private static Process startNodeB(int port, String[] common, long stallInRotation, Path marker, Path log)
			throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
						"-XX:+UseSerialGC", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
						NodeStalledMidExtension.class.getName()));
		command.addAll(List.of(common));
		command.addAll(List.of("--spring.datasource.url=jdbc:postgresql://localhost:" + port + "/postgres",
				"--spring.datasource.username=postgres", "--imoc.schedule.extend-on-startup=true",
				"--" + NodeStalledMidExtension.MARKER + "=" + marker,
				"--" + NodeStalledMidExtension.STALL_IN_ROTATION + "=" + stallInRotation));
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
	}

	private static void listen(Scheduler scheduler, List<Execution> executions) throws Exception {
		scheduler.getListenerManager().addJobListener(new JobListener() {
			@Override
			public String getName() {
				return "crash-test-executions";
			}

			@Override
			public void jobToBeExecuted(JobExecutionContext context) {
			}

			@Override
			public void jobExecutionVetoed(JobExecutionContext context) {
			}

			@Override
			public void jobWasExecuted(JobExecutionContext context, JobExecutionException exception) {
				executions.add(new Execution(context.isRecovering(),
						context.isRecovering() ? context.getRecoveringTriggerKey().toString() : null, exception));
			}
		}, KeyMatcher.keyEquals(ScheduleJobs.EXTEND));
	}

	/**
	 * No slot holds two live primary shifts, nobody holds two shifts at once (in any
	 * rotation), and each rotation's primary shifts follow each other without a hole from
	 * the one running now to past the horizon.
	 */
	private static void assertWhole(List<Row> schedule, List<Long> rotations, ZoneId zone, JdbcTemplate jdbc) {
		Instant now = Instant.now();
		LocalDate horizon = LocalDate.now(zone).plusWeeks(HORIZON_WEEKS);
		assertThat(jdbc.queryForObject(
				"""
						select count(*) from (select 1 from shift where rotation_id in (?, ?) and state = 'SCHEDULED' and not shadow
						                      group by rotation_id, slot_id, local_date having count(*) > 1) duplicates""",
				Integer.class, rotations.get(0), rotations.get(1)))
			.as("slots with two primary shifts")
			.isZero();
		assertThat(jdbc.queryForObject("""
				select count(*) from shift s join shift t on t.assignee_id = s.assignee_id and t.id <> s.id
				  and tstzrange(t.starts_at, t.ends_at) && tstzrange(s.starts_at, s.ends_at)
				where s.rotation_id in (?, ?) and s.state = 'SCHEDULED' and t.state = 'SCHEDULED'""", Integer.class,
				rotations.get(0), rotations.get(1)))
			.as("overlapping shifts of one person")
			.isZero();
		for (long rotation : rotations) {
			List<Row> primaries = schedule.stream().filter(r -> r.rotation() == rotation && !r.shadow()).toList();
			assertThat(primaries).isNotEmpty();
			assertThat(primaries.get(0).start()).as("the shift running now is planned").isBefore(now);
			for (int i = 1; i < primaries.size(); i++) {
				assertThat(primaries.get(i).start())
					.as("shift %s follows shift %s without a hole", primaries.get(i), primaries.get(i - 1))
					.isEqualTo(primaries.get(i - 1).end());
			}
			assertThat(primaries.get(primaries.size() - 1).end()).as("planned to the horizon")
				.isAfterOrEqualTo(horizon.atStartOfDay(zone).toInstant());
		}
	}

	/**
	 * What one run of the job, uninterrupted, makes from the same start: computed on A,
	 * then rolled back.
	 */
	private static List<Row> uninterruptedRun(ConfigurableApplicationContext node, List<Long> rotations) {
		JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
		ScheduleMaintenance maintenance = node.getBean(ScheduleMaintenance.class);
		return new TransactionTemplate(node.getBean(PlatformTransactionManager.class)).execute(status -> {
			jdbc.update("delete from shift where rotation_id in (?, ?)", rotations.get(0), rotations.get(1));
			// In the job's order (rotations by name), as one run makes them.
			inNameOrder(node, rotations).forEach(maintenance::maintain);
			List<Row> schedule = schedule(jdbc, rotations);
			status.setRollbackOnly();
			return schedule;
		});
	}

	private static List<Row> schedule(JdbcTemplate jdbc, List<Long> rotations) {
		return jdbc.query("""
				select rotation_id, slot_id, layer_id, local_date, starts_at, ends_at, assignee_id, shadow from shift
				where rotation_id in (?, ?) and state = 'SCHEDULED' order by rotation_id, starts_at, shadow, slot_id""",
				(rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getObject(4, LocalDate.class),
						rs.getTimestamp(5).toInstant(), rs.getTimestamp(6).toInstant(),
						rs.getObject(7) == null ? null : rs.getLong(7), rs.getBoolean(8)),
				rotations.get(0), rotations.get(1));
	}

	private static List<Long> ids(JdbcTemplate jdbc, long rotation) {
		return jdbc.queryForList("select id from shift where rotation_id = ? order by id", Long.class, rotation);
	}

	/**
	 * Waits for the condition; if it never comes (or B dies first), fails with the end of
	 * B's log.
	 */
	private static void awaitOrExplain(String what, Duration atMost, Process nodeB, Path log,
			Callable<Boolean> condition) throws IOException {
		try {
			await(what).atMost(atMost)
				.pollInterval(Duration.ofMillis(200))
				.failFast("node B exited", () -> !nodeB.isAlive())
				.until(condition);
		}
		catch (ConditionTimeoutException | TerminalFailureException ex) {
			throw new AssertionError(what + " did not happen; node B's log ends with:\n" + tail(log), ex);
		}
	}

	private static String tail(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log);
		return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
	}

	private static Properties read(Path file) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = Files.newInputStream(file)) {
			properties.load(in);
		}
		return properties;
	}

	private static String[] concat(String[] first, String... more) {
		String[] all = new String[first.length + more.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(more, 0, all, first.length, more.length);
		return all;
	}

}
