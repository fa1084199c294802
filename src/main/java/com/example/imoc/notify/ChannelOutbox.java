package com.example.imoc.notify;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.notify.NoticeChannel.Delivery;

/**
 * Delivers the outbox over every {@link NoticeChannel} besides mail, like
 * {@link MailOutbox}: one notice per transaction, the {@code notification_delivery} row
 * locked ({@code SKIP LOCKED}, so another node passes it by) while the channel delivers
 * it, the outcome recorded in the same transaction. Notifications written within
 * {@link #CATCH_UP} before a run are queued for each channel, so a channel switched on
 * later does not replay the whole history.
 */
@Service
public class ChannelOutbox {

	private static final Logger log = LoggerFactory.getLogger(ChannelOutbox.class);

	/** How far back a run looks for notifications not yet queued for a channel. */
	static final Duration CATCH_UP = Duration.ofDays(1);

	private static final int LONGEST_ERROR = 500;

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ObjectProvider<NoticeChannel> channels;

	private final NotifyProperties properties;

	ChannelOutbox(JdbcClient jdbc, PlatformTransactionManager transactionManager,
			ObjectProvider<NoticeChannel> channels, NotifyProperties properties) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.channels = channels;
		this.properties = properties;
	}

	private record Claimed(Delivery notice, int attempts) {
	}

	/**
	 * Delivers what is due at {@code now} over each channel, up to the batch size per
	 * channel.
	 * @return how many notices were delivered
	 */
	public int deliverDue(Instant now) {
		int delivered = 0;
		for (NoticeChannel channel : this.channels.orderedStream().toList()) {
			queue(channel, now);
			for (int i = 0; i < this.properties.batchSize(); i++) {
				Boolean done = this.transactions
					.execute(status -> claim(channel, now).map(c -> deliver(channel, c, now)).orElse(null));
				if (done == null) {
					break;
				}
				if (done) {
					delivered++;
				}
			}
		}
		return delivered;
	}

	private void queue(NoticeChannel channel, Instant now) {
		this.jdbc.sql("""
				insert into notification_delivery (notification_id, channel, next_try)
				select n.id, ?, n.created_at from notification n
				where n.created_at > ? and n.created_at <= ?
				on conflict do nothing""")
			.params(channel.name(), Timestamp.from(now.minus(CATCH_UP)), Timestamp.from(now))
			.update();
	}

	private Optional<Claimed> claim(NoticeChannel channel, Instant now) {
		List<Claimed> claimed = this.jdbc.sql("""
				select n.id, n.recipient_id, n.kind, n.subject, n.body, n.link, n.created_at, d.attempts
				from notification_delivery d
				join notification n on n.id = d.notification_id
				where d.channel = ? and d.delivered_at is null and d.gave_up_at is null and d.next_try <= ?
				order by d.next_try, d.notification_id
				limit 1
				for update of d skip locked""")
			.params(channel.name(), Timestamp.from(now))
			.query((rs,
					n) -> new Claimed(new Delivery(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
							rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant()), rs.getInt(8)))
			.list();
		return claimed.stream().findFirst();
	}

	private boolean deliver(NoticeChannel channel, Claimed claimed, Instant now) {
		try {
			channel.deliver(claimed.notice());
			this.jdbc.sql("""
					update notification_delivery set delivered_at = ?, attempts = attempts + 1, last_error = null
					where notification_id = ? and channel = ?""")
				.params(Timestamp.from(now), claimed.notice().id(), channel.name())
				.update();
			return true;
		}
		catch (Exception ex) {
			int attempts = claimed.attempts() + 1;
			boolean giveUp = attempts >= this.properties.maxAttempts();
			String error = String.valueOf(ex.getMessage());
			error = error.length() > LONGEST_ERROR ? error.substring(0, LONGEST_ERROR) + "…" : error;
			this.jdbc.sql("""
					update notification_delivery set attempts = ?, last_error = ?, next_try = ?, gave_up_at = ?
					where notification_id = ? and channel = ?""")
				.params(attempts, error, Timestamp.from(now.plus(this.properties.backoff(attempts))),
						giveUp ? Timestamp.from(now) : null, claimed.notice().id(), channel.name())
				.update();
			log.warn("{} delivery of notification {} failed (attempt {} of {}){}: {}", channel.name(),
					claimed.notice().id(), attempts, this.properties.maxAttempts(), giveUp ? ", given up" : "", error);
			return false;
		}
	}

}
