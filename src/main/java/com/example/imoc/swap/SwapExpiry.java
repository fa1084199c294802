package com.example.imoc.swap;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * Expires requests nobody answered in time, every five minutes, on whichever node
 * acquires the trigger.
 */
@Configuration(proxyBeanMethods = false)
class SwapExpiry {

	@Bean
	JobDetail expireSwapRequestsJob() {
		return JobBuilder.newJob(ExpireSwapRequestsJob.class)
			.withIdentity("expire-swap-requests", "swap")
			.withDescription("Expire swap and cover requests whose shift started or whose deadline passed")
			.storeDurably()
			.requestRecovery()
			.build();
	}

	@Bean
	Trigger expireSwapRequestsTrigger(JobDetail expireSwapRequestsJob) {
		return TriggerBuilder.newTrigger()
			.forJob(expireSwapRequestsJob)
			.withIdentity("expire-swap-requests", "swap")
			.withSchedule(SimpleScheduleBuilder.repeatMinutelyForever(5)
				.withMisfireHandlingInstructionNextWithRemainingCount())
			.build();
	}

	@DisallowConcurrentExecution
	static class ExpireSwapRequestsJob extends QuartzJobBean {

		private static final Logger log = LoggerFactory.getLogger(ExpireSwapRequestsJob.class);

		private final Swaps swaps;

		ExpireSwapRequestsJob(Swaps swaps) {
			this.swaps = swaps;
		}

		@Override
		protected void executeInternal(JobExecutionContext context) {
			int expired = this.swaps.expireDue();
			if (expired > 0) {
				log.info("Expired {} swap requests", expired);
			}
		}

	}

}
