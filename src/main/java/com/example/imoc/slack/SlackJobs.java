package com.example.imoc.slack;

import java.time.Clock;
import java.time.Instant;

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
 * The Slack job, on the clustered JDBC store (each firing on one node), every 30 seconds:
 * queue the handoffs and gaps due, bring the on-call user group up to date, deliver the
 * Slack outbox. Idempotent (posts are keyed, the group is compared first), so a re-run
 * after a crash repeats nothing.
 */
@Configuration(proxyBeanMethods = false)
@SlackEnabled
class SlackJobs {

	static final JobKey SLACK = JobKey.jobKey("slack", "slack");

	@Bean
	JobDetail slackJob() {
		return JobBuilder.newJob(SlackJob.class)
			.withIdentity(SLACK)
			.withDescription("Post handoffs and gaps to Slack, keep the on-call user group, deliver the Slack outbox")
			.storeDurably()
			.requestRecovery()
			.build();
	}

	@Bean
	@ConditionalOnProperty(name = "imoc.slack.run-jobs", havingValue = "true", matchIfMissing = true)
	Trigger slackEveryHalfMinute() {
		return TriggerBuilder.newTrigger()
			.forJob(SLACK)
			.withIdentity("slack-every-half-minute", "slack")
			.withSchedule(SimpleScheduleBuilder.simpleSchedule()
				.withIntervalInSeconds(30)
				.repeatForever()
				.withMisfireHandlingInstructionNextWithRemainingCount())
			.build();
	}

	@DisallowConcurrentExecution
	static class SlackJob extends QuartzJobBean {

		private static final Logger log = LoggerFactory.getLogger(SlackJob.class);

		private final SlackChannelPosts posts;

		private final SlackMessages messages;

		private final Clock clock;

		SlackJob(SlackChannelPosts posts, SlackMessages messages, Clock clock) {
			this.posts = posts;
			this.messages = messages;
			this.clock = clock;
		}

		@Override
		protected void executeInternal(JobExecutionContext context) {
			Instant now = this.clock.instant();
			this.posts.queueDue(now);
			try {
				this.posts.syncUserGroup(now);
			}
			catch (SlackApi.SlackUnavailable ex) {
				log.warn("On-call user group not updated (retried on the next run): {}", ex.getMessage());
			}
			this.messages.deliverDue(now);
		}

	}

}
