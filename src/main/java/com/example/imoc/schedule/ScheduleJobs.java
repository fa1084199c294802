package com.example.imoc.schedule;

import java.time.Duration;
import java.util.Date;
import java.util.TimeZone;
import java.util.UUID;
import java.util.function.LongFunction;

import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.quartz.QuartzJobBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import com.example.imoc.people.PersonChanged;
import com.example.imoc.people.UnavailabilityChanged;
import com.example.imoc.rotation.ParticipationChanged;
import com.example.imoc.rotation.Rotations;

/**
 * The schedule's Quartz jobs, on the clustered JDBC store: whichever node acquires a
 * trigger runs it, once.
 * <ul>
 * <li>{@code extend-schedules}: repair then extend every rotation to its horizon; daily
 * by cron (misfire: run once as soon as possible, since it is idempotent), once shortly
 * after start-up (scheduled when the application is ready, so after the demo roster is
 * seeded), and on the coordinator's "extend now".</li>
 * <li>{@code repair-schedules}: repair only; fired after time away, participation or
 * roster changes commit.</li>
 * </ul>
 * Both are durable, recoverable (a node killed mid-run has its job re-run by another) and
 * never run concurrently with themselves; a per-rotation advisory lock in
 * {@link ScheduleMaintenance} keeps the two apart.
 */
@Configuration(proxyBeanMethods = false)
class ScheduleJobs {

	static final JobKey EXTEND = JobKey.jobKey("extend-schedules", "schedule");

	static final JobKey REPAIR = JobKey.jobKey("repair-schedules", "schedule");

	static final TriggerKey REPAIR_SOON = TriggerKey.triggerKey("repair-soon", "schedule");

	@Bean
	JobDetail extendSchedulesJob() {
		return JobBuilder.newJob(ExtendSchedulesJob.class)
			.withIdentity(EXTEND)
			.withDescription("Repair and extend every rotation to its planning horizon")
			.storeDurably()
			.requestRecovery()
			.build();
	}

	@Bean
	JobDetail repairSchedulesJob() {
		return JobBuilder.newJob(RepairSchedulesJob.class)
			.withIdentity(REPAIR)
			.withDescription("Reassign shifts whose owner can no longer take them")
			.storeDurably()
			.requestRecovery()
			.build();
	}

	@Bean
	Trigger dailyExtension(@Value("${imoc.schedule.extend-cron:0 15 1 * * ?}") String cron) {
		return TriggerBuilder.newTrigger()
			.forJob(EXTEND)
			.withIdentity("daily-extension", "schedule")
			.withSchedule(CronScheduleBuilder.cronSchedule(cron)
				.inTimeZone(TimeZone.getTimeZone("UTC"))
				.withMisfireHandlingInstructionFireAndProceed())
			.build();
	}

	/**
	 * Schedules the start-up extension once the application is ready, that is after every
	 * {@link ApplicationRunner} (the demo seeder among them) has finished: the first run
	 * then plans the roster the seeder created instead of an empty one. A {@link Trigger}
	 * bean would be scheduled when Quartz starts, before the runners, and race them.
	 */
	@Component
	@ConditionalOnProperty(name = "imoc.schedule.extend-on-startup", havingValue = "true", matchIfMissing = true)
	static class ExtensionOnStartup {

		static final TriggerKey KEY = TriggerKey.triggerKey("extension-on-startup", "schedule");

		private static final Logger log = LoggerFactory.getLogger(ExtensionOnStartup.class);

		private final Scheduler scheduler;

		private final Duration delay;

		ExtensionOnStartup(Scheduler scheduler, @Value("${imoc.schedule.extend-on-startup-delay:3s}") Duration delay) {
			this.scheduler = scheduler;
			this.delay = delay;
		}

		@EventListener(ApplicationReadyEvent.class)
		void scheduleOnceReady() throws SchedulerException {
			Trigger trigger = TriggerBuilder.newTrigger()
				.forJob(EXTEND)
				.withIdentity(KEY)
				.startAt(new Date(System.currentTimeMillis() + this.delay.toMillis()))
				.withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
				.build();
			// Another node starting at the same moment may have stored it first: then
			// this one's replaces it, as the
			// trigger bean used to on every start.
			try {
				this.scheduler.scheduleJob(trigger);
			}
			catch (ObjectAlreadyExistsException ex) {
				this.scheduler.rescheduleJob(KEY, trigger);
			}
			log.info("Start-up extension of every rotation in {} s", this.delay.toSeconds());
		}

	}

	/**
	 * Runs the work for every rotation, each in its own transaction; one rotation failing
	 * does not stop the others, and the job reports the failure to Quartz afterwards.
	 */
	static void eachRotation(Rotations rotations, LongFunction<ScheduleMaintenance.Outcome> work, Logger log)
			throws JobExecutionException {
		RuntimeException failure = null;
		for (var rotation : rotations.all()) {
			try {
				ScheduleMaintenance.Outcome outcome = work.apply(rotation.id());
				if (outcome.created() > 0 || outcome.reassigned() > 0) {
					log.info("{}", outcome);
				}
			}
			catch (RuntimeException ex) {
				log.error("Schedule maintenance failed for rotation {}", rotation.name(), ex);
				failure = ex;
			}
		}
		if (failure != null) {
			throw new JobExecutionException(failure);
		}
	}

	@DisallowConcurrentExecution
	static class ExtendSchedulesJob extends QuartzJobBean {

		private static final Logger log = LoggerFactory.getLogger(ExtendSchedulesJob.class);

		private final Rotations rotations;

		private final ScheduleMaintenance maintenance;

		ExtendSchedulesJob(Rotations rotations, ScheduleMaintenance maintenance) {
			this.rotations = rotations;
			this.maintenance = maintenance;
		}

		@Override
		protected void executeInternal(JobExecutionContext context) throws JobExecutionException {
			eachRotation(this.rotations, r -> this.maintenance.maintain(r), log);
		}

	}

	@DisallowConcurrentExecution
	static class RepairSchedulesJob extends QuartzJobBean {

		private static final Logger log = LoggerFactory.getLogger(RepairSchedulesJob.class);

		private final Rotations rotations;

		private final ScheduleMaintenance maintenance;

		RepairSchedulesJob(Rotations rotations, ScheduleMaintenance maintenance) {
			this.rotations = rotations;
			this.maintenance = maintenance;
		}

		@Override
		protected void executeInternal(JobExecutionContext context) throws JobExecutionException {
			eachRotation(this.rotations, r -> this.maintenance.repair(r), log);
		}

	}

	/**
	 * Starts the jobs on demand: after a change that may invalidate shifts commits, and
	 * from the coordinator's button.
	 */
	@Component
	static class ScheduleTriggers {

		private final Scheduler scheduler;

		ScheduleTriggers(Scheduler scheduler) {
			this.scheduler = scheduler;
		}

		void extendNow() throws SchedulerException {
			this.scheduler.triggerJob(EXTEND);
		}

		@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
		void on(UnavailabilityChanged event) throws SchedulerException {
			repairSoon();
		}

		@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
		void on(PersonChanged event) throws SchedulerException {
			repairSoon();
		}

		@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
		void on(ParticipationChanged event) throws SchedulerException {
			repairSoon();
		}

		/**
		 * Debounced: a burst of changes (a CSV import, forty people joining) leads to one
		 * repair a second later. A pending trigger that has not fired yet will see this
		 * change too; one that is already running might not, so then another is queued
		 * behind it. Any trigger of the repair job that has not fired yet counts:
		 * waiting, paused with the job, or blocked behind a running repair. Without that,
		 * every change made while a repair ran (or while the job was paused) queued one
		 * more, and a test context that had queued 423 took longer than two minutes to
		 * drain.
		 */
		void repairSoon() throws SchedulerException {
			Trigger pending = repairTrigger(REPAIR_SOON);
			for (Trigger queued : this.scheduler.getTriggersOfJob(REPAIR)) {
				Trigger.TriggerState state = this.scheduler.getTriggerState(queued.getKey());
				if (state == Trigger.TriggerState.NORMAL || state == Trigger.TriggerState.PAUSED
						|| state == Trigger.TriggerState.BLOCKED) {
					return;
				}
			}
			try {
				this.scheduler.scheduleJob(pending);
			}
			catch (ObjectAlreadyExistsException ex) {
				this.scheduler
					.scheduleJob(repairTrigger(TriggerKey.triggerKey("repair-" + UUID.randomUUID(), "schedule")));
			}
		}

		private static Trigger repairTrigger(TriggerKey key) {
			return TriggerBuilder.newTrigger()
				.forJob(REPAIR)
				.withIdentity(key)
				.startAt(new Date(System.currentTimeMillis() + 1_000))
				.withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
				.build();
		}

	}

}
