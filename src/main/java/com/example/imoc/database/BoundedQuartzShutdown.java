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
import org.springframework.context.ApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Stops Quartz first on shutdown, and within a bounded time. The jobs used to be awaited
 * only when the scheduler bean was destroyed, with no limit: a job stuck on a lock or a
 * network call kept the JVM alive forever, and one retrying its completion against an
 * already stopped database never finished. Here, as the context starts closing (before
 * any lifecycle stops and any bean, the pool or the embedded PostgreSQL, is destroyed),
 * the scheduler stops firing, running jobs get {@code imoc.shutdown.job-grace} to finish,
 * and the scheduler is shut down without waiting longer: a job still running is
 * abandoned, its transaction rolls back when the pool and the database close under it,
 * and as every job is idempotent and {@code requestsRecovery}, another node (or this one
 * after a restart) runs it again. The JVM exits once the shutdown hook returns, whatever
 * such a thread is still doing. Only a real close does this, not a lifecycle stop:
 * Spring's test framework pauses cached contexts (stop, later start) and Quartz cannot
 * restart.
 */
@Component
class BoundedQuartzShutdown {

	private static final Logger log = LoggerFactory.getLogger(BoundedQuartzShutdown.class);

	private final ApplicationContext context;

	private final ObjectProvider<Scheduler> scheduler;

	private final Duration grace;

	BoundedQuartzShutdown(ApplicationContext context, ObjectProvider<Scheduler> scheduler,
			@Value("${imoc.shutdown.job-grace:10s}") Duration grace) {
		this.context = context;
		this.scheduler = scheduler;
		this.grace = grace;
	}

	@EventListener
	void on(ContextClosedEvent event) {
		if (event.getApplicationContext() != this.context) {
			return;
		}
		Scheduler quartz = this.scheduler.getIfAvailable();
		if (quartz == null) {
			return;
		}
		try {
			if (quartz.isShutdown()) {
				return;
			}
			quartz.standby();
			long deadline = System.nanoTime() + this.grace.toNanos();
			List<JobExecutionContext> running = quartz.getCurrentlyExecutingJobs();
			boolean waited = !running.isEmpty();
			while (!running.isEmpty() && System.nanoTime() < deadline) {
				Thread.sleep(100);
				running = quartz.getCurrentlyExecutingJobs();
			}
			if (!running.isEmpty()) {
				log.warn(
						"Shutting down: {} still running after {} s; abandoned (its transaction rolls back, and it runs "
								+ "again on the next start or another node).",
						describe(running), this.grace.toSeconds());
			}
			else if (waited) {
				log.info("Shutting down: the running Quartz jobs finished first.");
			}
			// Without waiting for worker threads: this also stops the job store's cluster
			// check-ins and misfire
			// handling, which would otherwise go on against the pool and database about
			// to close.
			quartz.shutdown(false);
		}
		catch (SchedulerException ex) {
			log.warn("Shutting down: Quartz did not stop cleanly ({}).", ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String describe(List<JobExecutionContext> jobs) {
		return jobs.stream().map(job -> job.getJobDetail().getKey().toString()).distinct().toList().toString();
	}

}
