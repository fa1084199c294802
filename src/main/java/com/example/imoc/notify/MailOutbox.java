package com.example.imoc.notify;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.notify.MailRenderer.Mail;
import com.example.imoc.notify.MailRenderer.Outgoing;

/**
 * Delivers the mail outbox (the {@code notification} rows that want mail and have none
 * yet), one notice per transaction: lock the row ({@code FOR UPDATE SKIP LOCKED}, so
 * another node passes it by), send it, record that in the same transaction. A failed
 * attempt is recorded with its error and retried later with exponential backoff, up to
 * {@code imoc.notify.max-attempts}. Without {@code spring.mail.host} mails are written to
 * the log instead.
 * <p>
 * At least once, not exactly once: if the node dies after the SMTP server accepted a mail
 * but before the commit, the row is still unsent and the next run sends it again, with
 * the same {@code Message-ID}.
 */
@Service
class MailOutbox {

	private static final Logger log = LoggerFactory.getLogger(MailOutbox.class);

	private static final int LONGEST_ERROR = 500;

	record Run(int sent, int failed, int gaveUp) {

		@Override
		public String toString() {
			return this.sent + " mails sent, " + this.failed + " failed (to be retried), " + this.gaveUp + " given up";
		}

	}

	private record Claimed(Outgoing notice, int attempts) {
	}

	private enum Result {

		SENT, FAILED, GAVE_UP

	}

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final ObjectProvider<JavaMailSender> mailSender;

	private final MailRenderer renderer;

	private final NotifyProperties properties;

	MailOutbox(JdbcClient jdbc, PlatformTransactionManager transactionManager,
			ObjectProvider<JavaMailSender> mailSender, MailRenderer renderer, NotifyProperties properties) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.mailSender = mailSender;
		this.renderer = renderer;
		this.properties = properties;
	}

	/**
	 * Sends every mail due at {@code now}, up to the batch size; each in its own
	 * transaction.
	 */
	Run deliverDue(Instant now) {
		int sent = 0;
		int failed = 0;
		int gaveUp = 0;
		for (int i = 0; i < this.properties.batchSize(); i++) {
			Optional<Result> result = this.transactions.execute(status -> claim(now).map(c -> deliver(c, now)));
			if (result == null || result.isEmpty()) {
				break;
			}
			switch (result.get()) {
				case SENT -> sent++;
				case FAILED -> failed++;
				case GAVE_UP -> gaveUp++;
			}
		}
		return new Run(sent, failed, gaveUp);
	}

	private Optional<Claimed> claim(Instant now) {
		return this.jdbc
			.sql("""
					select n.id, p.name, p.email, p.time_zone, n.kind, n.subject, n.body, n.link, n.created_at, n.mail_attempts
					from notification n join person_view p on p.id = n.recipient_id
					where n.mail_wanted and n.mail_sent_at is null and n.mail_gave_up_at is null and n.mail_next_try <= ?
					order by n.mail_next_try, n.id
					limit 1
					for update of n skip locked""")
			.param(Timestamp.from(now))
			.query((rs,
					n) -> new Claimed(new Outgoing(rs.getLong(1), rs.getString(2), rs.getString(3),
							ZoneId.of(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7),
							rs.getString(8), rs.getTimestamp(9).toInstant()), rs.getInt(10)))
			.optional();
	}

	private Result deliver(Claimed claimed, Instant now) {
		Outgoing notice = claimed.notice();
		try {
			Mail mail = this.renderer.render(notice);
			JavaMailSender sender = this.mailSender.getIfAvailable();
			String channel;
			if (sender == null) {
				log.info("Mail not sent (no spring.mail.host configured), logged instead: notification {} to {}: {}",
						notice.id(), mail.to(), mail.subject());
				channel = "LOG";
			}
			else {
				sender.send(mime(sender, mail));
				channel = "SMTP";
			}
			this.jdbc.sql("""
					update notification set mail_sent_at = ?, mail_channel = ?, mail_attempts = mail_attempts + 1,
					       mail_last_error = null
					where id = ?""").params(Timestamp.from(now), channel, notice.id()).update();
			return Result.SENT;
		}
		catch (RuntimeException | MessagingException ex) {
			return failed(claimed, now, ex);
		}
	}

	private MimeMessage mime(JavaMailSender sender, Mail mail) throws MessagingException {
		MimeMessage message = sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
				"UTF-8");
		helper.setFrom(this.properties.mailFrom());
		helper.setTo(mail.to());
		helper.setSubject(mail.subject());
		helper.setText(mail.text(), mail.html());
		// JavaMailSenderImpl keeps a Message-ID that is set before sending instead of
		// generating a random one.
		message.setHeader("Message-ID", mail.messageId());
		return message;
	}

	private Result failed(Claimed claimed, Instant now, Exception ex) {
		int attempts = claimed.attempts() + 1;
		boolean giveUp = attempts >= this.properties.maxAttempts();
		String error = describe(ex);
		this.jdbc.sql("""
				update notification set mail_attempts = ?, mail_last_error = ?, mail_next_try = ?, mail_gave_up_at = ?
				where id = ?""")
			.params(attempts, error, Timestamp.from(now.plus(this.properties.backoff(attempts))),
					giveUp ? Timestamp.from(now) : null, claimed.notice().id())
			.update();
		if (giveUp) {
			log.error("Mail for notification {} given up after {} attempts: {}", claimed.notice().id(), attempts,
					error);
			return Result.GAVE_UP;
		}
		log.warn("Mail for notification {} failed (attempt {} of {}), retrying after {}: {}", claimed.notice().id(),
				attempts, this.properties.maxAttempts(), this.properties.backoff(attempts), error);
		return Result.FAILED;
	}

	private static String describe(Exception ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = ex.getClass().getSimpleName() + ": " + ex.getMessage()
				+ (root != ex ? " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")" : "");
		return message.length() > LONGEST_ERROR ? message.substring(0, LONGEST_ERROR) + "…" : message;
	}

}
