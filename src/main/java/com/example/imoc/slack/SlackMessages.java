package com.example.imoc.slack;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Slack outbox ({@code slack_message}): channel posts and message updates are queued
 * in the caller's transaction, once per key, and delivered one per transaction (row
 * locked, {@code SKIP LOCKED} for other nodes) with the notification outbox's backoff;
 * after a 429 not before Slack's {@code Retry-After}. At least once: a node dying between
 * Slack's answer and the commit posts again, with the same key in the message's metadata.
 */
@Component
@SlackEnabled
class SlackMessages {

	private static final Logger log = LoggerFactory.getLogger(SlackMessages.class);

	static final int MAX_ATTEMPTS = 8;

	static final int BATCH = 50;

	private final JdbcClient jdbc;

	private final SlackApi slack;

	private final TransactionTemplate transactions;

	SlackMessages(JdbcClient jdbc, SlackApi slack, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.slack = slack;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	private record Queued(long id, String key, String channel, String updateTs, String text, String blocks,
			int attempts) {
	}

	/**
	 * Queues a post to a channel (or a user's DM), unless one with this key was queued
	 * before.
	 * @return whether it was new
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	boolean post(String key, String channel, String text, String blocks) {
		return this.jdbc.sql("""
				insert into slack_message (dedupe_key, channel, text, blocks) values (?, ?, ?, ?)
				on conflict (dedupe_key) do nothing""").params(key, channel, text, blocks).update() == 1;
	}

	/** Queues the replacement of a posted message. */
	@Transactional(propagation = Propagation.MANDATORY)
	boolean update(String key, String channel, String ts, String text, String blocks) {
		return this.jdbc.sql("""
				insert into slack_message (dedupe_key, channel, update_ts, text, blocks) values (?, ?, ?, ?, ?)
				on conflict (dedupe_key) do nothing""").params(key, channel, ts, text, blocks).update() == 1;
	}

	/**
	 * Delivers the queued messages due at {@code now}.
	 * @return how many were delivered
	 */
	int deliverDue(Instant now) {
		int delivered = 0;
		for (int i = 0; i < BATCH; i++) {
			Boolean done = this.transactions.execute(status -> claim(now).map(q -> deliver(q, now)).orElse(null));
			if (done == null) {
				break;
			}
			if (done) {
				delivered++;
			}
		}
		return delivered;
	}

	private Optional<Queued> claim(Instant now) {
		return this.jdbc.sql("""
				select id, dedupe_key, channel, update_ts, text, blocks, attempts from slack_message
				where sent_at is null and gave_up_at is null and next_try <= ?
				order by next_try, id limit 1
				for update skip locked""")
			.param(Timestamp.from(now))
			.query((rs, n) -> new Queued(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getInt(7)))
			.optional();
	}

	private boolean deliver(Queued queued, Instant now) {
		try {
			String ts;
			if (queued.updateTs() != null) {
				this.slack.update(queued.channel(), queued.updateTs(), queued.text(), queued.blocks());
				ts = queued.updateTs();
			}
			else {
				ts = this.slack.post(queued.channel(), queued.text(), queued.blocks(), queued.key()).ts();
			}
			this.jdbc
				.sql("update slack_message set sent_at = ?, sent_ts = ?, attempts = attempts + 1, last_error = null"
						+ " where id = ?")
				.params(Timestamp.from(now), ts, queued.id())
				.update();
			return true;
		}
		catch (SlackApi.SlackUnavailable ex) {
			int attempts = queued.attempts() + 1;
			Duration backoff = Duration.ofSeconds(Math.min(3600, 30L << Math.min(attempts - 1, 10)));
			Duration wait = ex.retryAfter().filter(after -> after.compareTo(backoff) > 0).orElse(backoff);
			boolean giveUp = attempts >= MAX_ATTEMPTS;
			this.jdbc.sql("""
					update slack_message set attempts = ?, last_error = ?, next_try = ?, gave_up_at = ? where id = ?""")
				.params(attempts, String.valueOf(ex.getMessage()), Timestamp.from(now.plus(wait)),
						giveUp ? Timestamp.from(now) : null, queued.id())
				.update();
			log.warn("Slack message {} failed (attempt {} of {}){}: {}", queued.key(), attempts, MAX_ATTEMPTS,
					giveUp ? ", given up" : ", retrying after " + wait, ex.getMessage());
			return false;
		}
	}

}
