package com.example.imoc.schedule;

import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.JobExecutionContext;
import org.quartz.JobListener;
import org.quartz.JobExecutionException;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.KeyMatcher;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.imoc.ImocApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application nodes, each with its own Quartz scheduler, on one PostgreSQL: every
 * firing runs exactly once, on one of them, and the schedule they produce is the one a
 * single node produces.
 */
class TwoNodeQuartzTests {

	@TempDir
	Path dir;

	record Firing(String node, Date scheduledFireTime) {
	}

	@Test
	void everyFiringRunsExactlyOnceAcrossBothNodes() throws Exception {
		// Both nodes share one scheduler name (that is what makes them one cluster),
		// unique to this test because
		// Quartz registers the job store's DataSource JVM-wide by that name.
		String schedulerName = "imoc-two-nodes-" + UUID.randomUUID();
		String[] common = { "--server.port=0", "--imoc.demo=true", "--imoc.schedule.extend-on-startup=false",
				"--spring.quartz.scheduler-name=" + schedulerName, "--logging.level.root=WARN",
				"--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=1000" };
		try (ConfigurableApplicationContext first = new SpringApplicationBuilder(ImocApplication.class)
			.run(concat(common, "--imoc.embedded-db.data-dir=" + this.dir.resolve("pg")))) {
			int port = first.getBean(EmbeddedPostgres.class).getPort();
			try (ConfigurableApplicationContext second = new SpringApplicationBuilder(ImocApplication.class)
				.run(concat(common, "--spring.datasource.url=jdbc:postgresql://localhost:" + port + "/postgres",
						"--spring.datasource.username=postgres"))) {
				JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForList("select instance_name from qrtz_scheduler_state where sched_name = ?",
						String.class, schedulerName))
					.containsExactlyInAnyOrder(first.getBean(Scheduler.class).getSchedulerInstanceId(),
							second.getBean(Scheduler.class).getSchedulerInstanceId());
				long shiftsBefore = countShifts(jdbc);
				List<Firing> firings = new CopyOnWriteArrayList<>();
				listen(first.getBean(Scheduler.class), "first", firings);
				listen(second.getBean(Scheduler.class), "second", firings);
				int repeats = 7;
				first.getBean(Scheduler.class)
					.scheduleJob(TriggerBuilder.newTrigger()
						.forJob(ScheduleJobs.EXTEND)
						.withIdentity("two-node-test", "test")
						.startNow()
						.withSchedule(SimpleScheduleBuilder.simpleSchedule()
							.withIntervalInMilliseconds(700)
							.withRepeatCount(repeats - 1))
						.build());
				long deadline = System.currentTimeMillis() + 30_000;
				while (firings.size() < repeats && System.currentTimeMillis() < deadline) {
					Thread.sleep(100);
				}
				Thread.sleep(2_000);
				assertThat(firings).hasSize(repeats);
				assertThat(firings.stream().map(Firing::scheduledFireTime).distinct()).hasSize(repeats);
				assertThat(countShifts(jdbc)).as("re-running an unchanged schedule creates nothing")
					.isEqualTo(shiftsBefore);
				assertThat(jdbc.queryForObject(
						"""
								select count(*) from (select slot_id, local_date from shift
								where state = 'SCHEDULED' and not shadow group by rotation_id, slot_id, local_date having count(*) > 1) d""",
						Integer.class))
					.isZero();
			}
		}
	}

	private static long countShifts(JdbcTemplate jdbc) {
		return jdbc.queryForObject("select count(*) from shift", Long.class);
	}

	private static void listen(Scheduler scheduler, String node, List<Firing> firings) throws Exception {
		Set<String> seen = ConcurrentHashMap.newKeySet();
		scheduler.getListenerManager().addJobListener(new JobListener() {
			@Override
			public String getName() {
				return "count-" + node;
			}

			@Override
			public void jobToBeExecuted(JobExecutionContext context) {
			}

			@Override
			public void jobExecutionVetoed(JobExecutionContext context) {
			}

			@Override
			public void jobWasExecuted(JobExecutionContext context, JobExecutionException exception) {
				if (context.getTrigger().getKey().getName().equals("two-node-test")
						&& seen.add(context.getFireInstanceId())) {
					firings.add(new Firing(node, context.getScheduledFireTime()));
				}
			}
		}, KeyMatcher.keyEquals(ScheduleJobs.EXTEND));
	}

	private static String[] concat(String[] first, String... more) {
		String[] all = new String[first.length + more.length];
		System.arraycopy(first, 0, all, 0, first.length);
		System.arraycopy(more, 0, all, first.length, more.length);
		return all;
	}

}
