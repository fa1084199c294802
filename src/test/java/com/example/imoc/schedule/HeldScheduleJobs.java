package com.example.imoc.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;

import org.springframework.stereotype.Component;

/**
 * Holds the background schedule jobs (extend and repair) while a test drives the schedule
 * itself with its own clock: the jobs are paused in the job store (a trigger stored
 * meanwhile stays put), this node's scheduler goes to standby, and a run already in
 * progress finishes first. The real jobs would otherwise repair or extend the test's
 * rotation at wall-clock time in the middle of the test.
 */
@Component
public class HeldScheduleJobs {

	private static final List<JobKey> JOBS = List.of(ScheduleJobs.EXTEND, ScheduleJobs.REPAIR);

	private final Scheduler scheduler;

	HeldScheduleJobs(Scheduler scheduler) {
		this.scheduler = scheduler;
	}

	public void hold() throws SchedulerException, InterruptedException {
		for (JobKey job : JOBS) {
			this.scheduler.pauseJob(job);
		}
		this.scheduler.standby();
		awaitNone(false);
	}

	public void release() throws SchedulerException {
		for (JobKey job : JOBS) {
			this.scheduler.resumeJob(job);
		}
		this.scheduler.start();
	}

	/**
	 * Releases the jobs and waits until the repairs queued while they were held have run,
	 * so that none runs later, in another test or while the context shuts down.
	 */
	public void releaseAndAwaitQueuedRepairs() throws SchedulerException, InterruptedException {
		release();
		awaitNone(true);
	}

	private void awaitNone(boolean norQueuedRepairs) throws SchedulerException, InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
		while (this.scheduler.getCurrentlyExecutingJobs()
			.stream()
			.anyMatch(j -> JOBS.contains(j.getJobDetail().getKey()))
				|| (norQueuedRepairs && !this.scheduler.getTriggersOfJob(ScheduleJobs.REPAIR).isEmpty())) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("a schedule job still runs or waits after 120 s");
			}
			Thread.sleep(50);
		}
	}

}
