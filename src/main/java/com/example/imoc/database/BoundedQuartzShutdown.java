package com.example.imoc.database;

import java.time.Duration;
import java.util.List;

import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Stops Quartz first on shutdown, and within a bounded time. Spring stops the scheduler's trigger thread (standby)
 * in the last lifecycle phase, but the jobs themselves were only awaited when the scheduler bean was destroyed, with
 * no limit: a job stuck on a lock or a network call kept the JVM alive forever, and one retrying its completion
 * against an already stopped database never finished. Here, right after standby and before any bean (the pool, the
 * embedded PostgreSQL) is destroyed, running jobs get {@code imoc.shutdown.job-grace} to finish; a job still running
 * then is abandoned: its transaction rolls back when the pool and the database close under it, and as every job is
 * idempotent and {@code requestsRecovery}, another node (or this one after a restart) runs it again. The JVM exits
 * once the shutdown hook returns, whatever such a thread is still doing.
 */
@Component
class BoundedQuartzShutdown implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(BoundedQuartzShutdown.class);

	private final ObjectProvider<Scheduler> scheduler;

	private final Duration grace;

	private volatile boolean running;

	BoundedQuartzShutdown(ObjectProvider<Scheduler> scheduler,
			@Value("${imoc.shutdown.job-grace:10s}") Duration grace) {
		this.scheduler = scheduler;
		this.grace = grace;
	}

	/** Just after the scheduler's own phase (Integer.MAX_VALUE), which stops firing triggers: stopped second. */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 1;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public void stop() {
		this.running = false;
		Scheduler quartz = this.scheduler.getIfAvailable();
		if (quartz == null) {
			return;
		}
		try {
			if (quartz.isShutdown()) {
				return;
			}
			List<JobExecutionContext> running = quartz.getCurrentlyExecutingJobs();
			Thread shutdown = new Thread(() -> shutDown(quartz), "quartz-shutdown");
			shutdown.setDaemon(true);
			shutdown.start();
			shutdown.join(this.grace.toMillis());
			if (shutdown.isAlive()) {
				log.warn("Shutting down: {} still running after {} s; abandoned (its transaction rolls back, and it runs "
						+ "again on the next start or another node).", describe(quartz.getCurrentlyExecutingJobs()),
						this.grace.toSeconds());
			}
			else if (!running.isEmpty()) {
				log.info("Shutting down: {} finished first.", describe(running));
			}
		}
		catch (SchedulerException ex) {
			log.warn("Shutting down: could not ask Quartz which jobs run ({}); stopping it anyway.", ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void shutDown(Scheduler quartz) {
		try {
			quartz.shutdown(true);
		}
		catch (SchedulerException ex) {
			log.warn("Shutting down: Quartz did not stop cleanly ({}).", ex.getMessage());
		}
	}

	private static String describe(List<JobExecutionContext> jobs) {
		return jobs.isEmpty() ? "no job"
				: jobs.stream().map(job -> job.getJobDetail().getKey().toString()).distinct().toList().toString();
	}

}
