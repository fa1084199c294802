package com.example.imoc.notify;

import java.time.Clock;
import java.util.TimeZone;

import org.quartz.CronScheduleBuilder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The notification jobs, on the clustered JDBC store (each firing runs on one node):
 * <ul>
 * <li>{@code deliver-mail}: sends the mail outbox, every
 * {@code imoc.notify.deliver-every} (30 s);</li>
 * <li>{@code send-reminders} and {@code send-handoffs}: every minute, from the stored
 * shifts;</li>
 * <li>{@code coverage-digest}: daily by cron, the coverage gaps ahead for the
 * coordinators.</li>
 * </ul>
 * All are durable, recoverable, never concurrent with themselves, and idempotent (what
 * was sent is recorded in the transaction that sends it), so a re-run after a crash or a
 * misfire sends nothing twice. Repeating triggers skip missed firings (the next one
 * catches up); the digest's cron fires once as soon as possible.
 */
@Configuration(proxyBeanMethods = false)
class NotifyJobs {

	static final JobKey DELIVER = JobKey.jobKey("deliver-mail", "notify");

	static final JobKey REMINDERS = JobKey.jobKey("send-reminders", "notify");

	static final JobKey HANDOFFS = JobKey.jobKey("send-handoffs", "notify");

	static final JobKey DIGEST = JobKey.jobKey("coverage-digest", "notify");

	@Bean
	JobDetail deliverMailJob() {
		return durable(DeliverMailJob.class, DELIVER, "Send queued notification mails over SMTP");
	}

	@Bean
	JobDetail sendRemindersJob() {
		return durable(SendRemindersJob.class, REMINDERS, "Remind people of their shifts at their lead times");
	}

	@Bean
	JobDetail sendHandoffsJob() {
		return durable(SendHandoffsJob.class, HANDOFFS, "Tell outgoing and incoming IMs before a shift ends");
	}

	@Bean
	JobDetail coverageDigestJob() {
		return durable(CoverageDigestJob.class, DIGEST, "Send the coordinators the coverage gaps ahead");
	}

	private static JobDetail durable(Class<? extends QuartzJobBean> job, JobKey key, String description) {
		return JobBuilder.newJob(job)
			.withIdentity(key)
			.withDescription(description)
			.storeDurably()
			.requestRecovery()
			.build();
	}

	@Bean
	@ConditionalOnProperty(name = "imoc.notify.run-jobs", havingValue = "true", matchIfMissing = true)
	Trigger deliverMailRegularly(NotifyProperties properties) {
		return repeating(DELIVER, "deliver-mail-regularly", properties.deliverEvery().toMillis());
	}

	@Bean
	@ConditionalOnProperty(name = "imoc.notify.run-jobs", havingValue = "true", matchIfMissing = true)
	Trigger sendRemindersEveryMinute() {
		return repeating(REMINDERS, "send-reminders-every-minute", 60_000);
	}

	@Bean
	@ConditionalOnProperty(name = "imoc.notify.run-jobs", havingValue = "true", matchIfMissing = true)
	Trigger sendHandoffsEveryMinute() {
		return repeating(HANDOFFS, "send-handoffs-every-minute", 60_000);
	}

	@Bean
	@ConditionalOnProperty(name = "imoc.notify.run-jobs", havingValue = "true", matchIfMissing = true)
	Trigger dailyCoverageDigest(NotifyProperties properties) {
		return TriggerBuilder.newTrigger()
			.forJob(DIGEST)
			.withIdentity("daily-coverage-digest", "notify")
			.withSchedule(CronScheduleBuilder.cronSchedule(properties.gapDigestCron())
				.inTimeZone(TimeZone.getTimeZone("UTC"))
				.withMisfireHandlingInstructionFireAndProceed())
			.build();
	}

	private static Trigger repeating(JobKey job, String name, long everyMillis) {
		return TriggerBuilder.newTrigger()
			.forJob(job)
			.withIdentity(name, "notify")
			.withSchedule(SimpleScheduleBuilder.simpleSchedule()
				.withIntervalInMilliseconds(everyMillis)
				.repeatForever()
				.withMisfireHandlingInstructionNextWithRemainingCount())
			.build();
	}

	@DisallowConcurrentExecution
	static class DeliverMailJob extends QuartzJobBean {

		private static final Logger log = LoggerFactory.getLogger(DeliverMailJob.class);

		private final MailOutbox outbox;

		private final ChannelOutbox channels;

		private final Clock clock;

		DeliverMailJob(MailOutbox outbox, ChannelOutbox channels, Clock clock) {
			this.outbox = outbox;
			this.channels = channels;
			this.clock = clock;
		}

		@Override
		protected void executeInternal(JobExecutionContext context) {
			MailOutbox.Run run = this.outbox.deliverDue(this.clock.instant());
			if (run.sent() + run.failed() + run.gaveUp() > 0) {
				log.info("{}", run);
			}
			// The same outbox, over the other channels (Slack) too.
			this.channels.deliverDue(this.clock.instant());
		}

	}

	@DisallowConcurrentExecution
	static class SendRemindersJob extends QuartzJobBean {

		private final Reminders reminders;

		private final Clock clock;

		SendRemindersJob(Reminders reminders, Clock clock) {
			this.reminders = reminders;
			this.clock = clock;
		}

		@Override
		protected void executeInternal(JobExecutionContext context) {
			this.reminders.sendDue(this.clock.instant());
		}

	}

	@DisallowConcurrentExecution
	static class SendHandoffsJob extends QuartzJobBean {

		private final Handoffs handoffs;

		private final Clock clock;

		SendHandoffsJob(Handoffs handoffs, Clock clock) {
			this.handoffs = handoffs;
			this.clock = clock;
		}

		@Override
		protected void executeInternal(JobExecutionContext context) {
			this.handoffs.sendDue(this.clock.instant());
		}

	}

	@DisallowConcurrentExecution
	static class CoverageDigestJob extends QuartzJobBean {

		private final CoverageGapAlerts alerts;

		private final Clock clock;

		CoverageDigestJob(CoverageGapAlerts alerts, Clock clock) {
			this.alerts = alerts;
			this.clock = clock;
		}

		@Override
		protected void executeInternal(JobExecutionContext context) {
			this.alerts.sendDigest(this.clock.instant());
		}

	}

}
