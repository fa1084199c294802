package com.example.imoc.simulation;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.JobListener;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import com.example.imoc.ImocApplication;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.ScheduleMaintenance;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;

/**
 * The application nodes of one simulation run: one or more whole application contexts on
 * one embedded PostgreSQL, their Quartz schedulers in one cluster (as
 * {@code TwoNodeQuartzTests} starts them), all reading the one {@link SimulationClock}.
 *
 * <p>
 * The schedule's jobs run through Quartz, on the node the harness chooses for the day
 * (the others are put in standby, so the clustered store hands the firing to the chosen
 * one), and the harness waits for each to finish. The repairs that time away, roster and
 * participation changes queue "a second later" are in the paused trigger group
 * {@code schedule}: the harness fires the same {@code repair-schedules} job itself right
 * after each change, so a run is a deterministic sequence of states instead of a race
 * against the wall clock.
 */
final class SimulationNodes implements AutoCloseable {

	static final JobKey EXTEND = JobKey.jobKey("extend-schedules", "schedule");

	static final JobKey REPAIR = JobKey.jobKey("repair-schedules", "schedule");

	private static final String RUN_ID = "simulation-run";

	private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

	record JobRun(String node, JobExecutionException failure) {
	}

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final List<MockMvc> mvcs = new ArrayList<>();

	private final Map<String, CountDownLatch> waiting = new ConcurrentHashMap<>();

	private final Map<String, JobRun> finished = new ConcurrentHashMap<>();

	private int active;

	SimulationNodes(int count, SimulationClock clock) {
		String schedulerName = "imoc-simulation-" + UUID.randomUUID();
		String[] common = { "--spring.profiles.active=test", "--server.port=0", "--logging.level.root=WARN",
				"--logging.level.com.example.imoc=WARN", "--spring.quartz.scheduler-name=" + schedulerName,
				"--spring.quartz.auto-startup=false", "--imoc.schedule.extend-on-startup=false",
				// The harness runs the daily job at the simulated 01:15; the real cron
				// must never fire.
				"--imoc.schedule.extend-cron=0 0 0 1 1 ? 2099" };
		try {
			for (int i = 0; i < count; i++) {
				List<String> args = new ArrayList<>(List.of(common));
				if (i > 0) {
					int port = this.contexts.get(0).getBean(EmbeddedPostgres.class).getPort();
					args.add("--spring.datasource.url=jdbc:postgresql://localhost:" + port + "/postgres");
					args.add("--spring.datasource.username=postgres");
				}
				ConfigurableApplicationContext context = new SpringApplicationBuilder(ImocApplication.class)
					.initializers(ctx -> useClock(ctx, clock))
					.run(args.toArray(String[]::new));
				this.contexts.add(context);
				this.mvcs.add(MockMvcBuilders.webAppContextSetup((WebApplicationContext) context)
					.apply(springSecurity())
					.build());
				listen(context.getBean(Scheduler.class), "node-" + (i + 1));
			}
			Scheduler first = scheduler(0);
			first.pauseTriggers(GroupMatcher.triggerGroupEquals("schedule"));
			for (int i = 0; i < count; i++) {
				scheduler(i).start();
				if (i > 0) {
					scheduler(i).standby();
				}
			}
		}
		catch (SchedulerException ex) {
			close();
			throw new IllegalStateException(ex);
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/**
	 * Replaces ImocApplication's system clock with the simulation's, after the
	 * configuration classes are read.
	 */
	private static void useClock(ConfigurableApplicationContext context, Clock clock) {
		context.addBeanFactoryPostProcessor(factory -> {
			((BeanDefinitionRegistry) factory).removeBeanDefinition("clock");
			factory.registerSingleton("clock", clock);
		});
	}

	private void listen(Scheduler scheduler, String node) throws SchedulerException {
		scheduler.getListenerManager().addJobListener(new JobListener() {

			@Override
			public String getName() {
				return "simulation-" + node;
			}

			@Override
			public void jobToBeExecuted(JobExecutionContext context) {
			}

			@Override
			public void jobExecutionVetoed(JobExecutionContext context) {
			}

			@Override
			public void jobWasExecuted(JobExecutionContext context, JobExecutionException failure) {
				String run = context.getMergedJobDataMap().getString(RUN_ID);
				CountDownLatch latch = run == null ? null : SimulationNodes.this.waiting.get(run);
				if (latch != null) {
					SimulationNodes.this.finished.put(run, new JobRun(node, failure));
					latch.countDown();
				}
			}

		});
	}

	int size() {
		return this.contexts.size();
	}

	/** The node that runs jobs and takes requests from now on; the others stand by. */
	void activate(int node) {
		try {
			for (int i = 0; i < size(); i++) {
				if (i != node) {
					scheduler(i).standby();
				}
			}
			scheduler(node).start();
			this.active = node;
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Fires a schedule job through Quartz on the active node and waits until it has run;
	 * the repairs queued by the changes it follows are dropped, as this run does their
	 * work.
	 */
	JobRun runJob(JobKey job) {
		String run = UUID.randomUUID().toString();
		CountDownLatch latch = new CountDownLatch(1);
		this.waiting.put(run, latch);
		try {
			Scheduler scheduler = scheduler(this.active);
			for (Trigger queued : scheduler.getTriggersOfJob(REPAIR)) {
				if ("schedule".equals(queued.getKey().getGroup())) {
					scheduler.unscheduleJob(queued.getKey());
				}
			}
			TriggerKey key = TriggerKey.triggerKey(run, "simulation");
			scheduler.scheduleJob(TriggerBuilder.newTrigger()
				.forJob(job)
				.withIdentity(key)
				.usingJobData(new JobDataMap(Map.of(RUN_ID, run)))
				.startNow()
				.build());
			if (!latch.await(JOB_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				throw new IllegalStateException(job + " did not run within " + JOB_TIMEOUT);
			}
			// The listener hears of the run before Quartz has stored the trigger as done;
			// the next firing waits for
			// that, so the scheduler never looks for a trigger that is being deleted.
			while (scheduler.checkExists(key)) {
				Thread.sleep(2);
			}
			return this.finished.remove(run);
		}
		catch (SchedulerException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		finally {
			this.waiting.remove(run);
		}
	}

	/**
	 * What the {@code repair-schedules} job does, on the active node, without Quartz:
	 * {@code ScheduleMaintenance.repair} for every rotation, each in its own transaction,
	 * one failing not stopping the others. Returns the first failure, or null.
	 */
	String repairNow() {
		String failure = null;
		for (Rotation rotation : bean(Rotations.class).all()) {
			try {
				bean(ScheduleMaintenance.class).repair(rotation.id());
			}
			catch (RuntimeException ex) {
				if (failure == null) {
					failure = rotation.name() + ": " + ex;
				}
			}
		}
		return failure;
	}

	<T> T bean(Class<T> type) {
		return this.contexts.get(this.active).getBean(type);
	}

	MockMvc mvc() {
		return this.mvcs.get(this.active);
	}

	JdbcTemplate jdbc() {
		return this.contexts.get(0).getBean(JdbcTemplate.class);
	}

	private Scheduler scheduler(int node) {
		return this.contexts.get(node).getBean(Scheduler.class);
	}

	@Override
	public void close() {
		// The node owning the embedded PostgreSQL goes last.
		for (int i = this.contexts.size() - 1; i >= 0; i--) {
			this.contexts.get(i).close();
		}
		this.contexts.clear();
	}

}
