package com.example.imoc.notify;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each person's notices as the in-app inbox shows them, newest first.
 */
@Repository
class Inbox {

	static final int PAGE = 100;

	/** How the notice's mail fared, for the inbox to say. */
	enum MailState {

		IN_APP_ONLY, QUEUED, RETRYING, SENT, LOGGED, GAVE_UP

	}

	record Entry(long id, String kind, String subject, String body, String link, Instant createdAt, Instant readAt,
			MailState mail, int mailAttempts, Instant mailNextTry, String mailLastError) {

		public boolean isUnread() {
			return this.readAt == null;
		}

	}

	private final JdbcClient jdbc;

	Inbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	List<Entry> of(long personId) {
		return this.jdbc.sql("""
				select id, kind, subject, body, link, created_at, read_at, mail_wanted, mail_sent_at, mail_channel,
				       mail_attempts, mail_next_try, mail_last_error, mail_gave_up_at
				from notification where recipient_id = ?
				order by created_at desc, id desc
				limit ?""").params(personId, PAGE).query((rs, n) -> {
			MailState mail;
			if (rs.getTimestamp("mail_sent_at") != null) {
				mail = "LOG".equals(rs.getString("mail_channel")) ? MailState.LOGGED : MailState.SENT;
			}
			else if (rs.getTimestamp("mail_gave_up_at") != null) {
				mail = MailState.GAVE_UP;
			}
			else if (!rs.getBoolean("mail_wanted")) {
				mail = MailState.IN_APP_ONLY;
			}
			else {
				mail = rs.getInt("mail_attempts") > 0 ? MailState.RETRYING : MailState.QUEUED;
			}
			Timestamp read = rs.getTimestamp("read_at");
			return new Entry(rs.getLong("id"), rs.getString("kind"), rs.getString("subject"), rs.getString("body"),
					rs.getString("link"), rs.getTimestamp("created_at").toInstant(),
					read == null ? null : read.toInstant(), mail, rs.getInt("mail_attempts"),
					rs.getTimestamp("mail_next_try").toInstant(), rs.getString("mail_last_error"));
		}).list();
	}

	@Transactional(readOnly = true)
	int unread(long personId) {
		return this.jdbc.sql("select count(*) from notification where recipient_id = ? and read_at is null")
			.param(personId)
			.query(Integer.class)
			.single();
	}

	/** Whose notice this is, if it exists. */
	@Transactional(readOnly = true)
	Optional<Long> recipientOf(long notificationId) {
		return this.jdbc.sql("select recipient_id from notification where id = ?")
			.param(notificationId)
			.query(Long.class)
			.optional();
	}

	@Transactional
	boolean markRead(long personId, long notificationId, Instant now) {
		return this.jdbc.sql("""
				update notification set read_at = coalesce(read_at, ?)
				where id = ? and recipient_id = ?""")
			.params(Timestamp.from(now), notificationId, personId)
			.update() == 1;
	}

	@Transactional
	int markAllRead(long personId, Instant now) {
		return this.jdbc.sql("update notification set read_at = ? where recipient_id = ? and read_at is null")
			.params(Timestamp.from(now), personId)
			.update();
	}

}
