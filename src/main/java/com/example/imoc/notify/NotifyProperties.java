package com.example.imoc.notify;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How notifications are delivered ({@code imoc.notify.*}).
 *
 * @param mailFrom the From address of every mail
 * @param maxAttempts failed SMTP attempts after which a mail is given up (the inbox then
 * says so)
 * @param retryBase the wait after the first failure; it doubles with each further failure
 * @param retryMax the longest wait between two attempts
 * @param batchSize mails sent at most per run of the delivery job
 * @param deliverEvery how often the delivery job runs
 * @param gapDigestCron when the daily coverage-gap digest goes to the coordinators (UTC)
 * @param runJobs whether the notification jobs run by themselves (tests drive them by
 * hand)
 * @param gapAlertsToParticipants whether a rotation's participants get its coverage-gap
 * alerts too
 * @param handoverLead how long before a shift ends its IM and the next one get the
 * handover notice (the handbook: "before the shift ends the IM briefs the next one")
 */
@ConfigurationProperties("imoc.notify")
record NotifyProperties(@DefaultValue("IMOC Scheduler <imoc@example.com>") String mailFrom,
		@DefaultValue("8") int maxAttempts, @DefaultValue("30s") Duration retryBase,
		@DefaultValue("1h") Duration retryMax, @DefaultValue("50") int batchSize,
		@DefaultValue("30s") Duration deliverEvery, @DefaultValue("0 0 7 * * ?") String gapDigestCron,
		@DefaultValue("true") boolean runJobs, @DefaultValue("false") boolean gapAlertsToParticipants,
		@DefaultValue("30m") Duration handoverLead) {

	/**
	 * The wait before the next attempt after {@code failures} failed ones: base, 2 ×
	 * base, 4 × base, … up to max.
	 */
	Duration backoff(int failures) {
		Duration wait = this.retryBase.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 20));
		return wait.compareTo(this.retryMax) > 0 ? this.retryMax : wait;
	}

}
