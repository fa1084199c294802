package com.example.imoc.notify;

import java.time.Instant;

/**
 * A further way to deliver notices besides mail (a chat app). Every notification written
 * after the channel came up is handed to {@link #deliver} once it is due, at least once:
 * a call that throws is retried with the mail outbox's backoff, up to
 * {@code imoc.notify.max-attempts}; one that returns is recorded as delivered.
 */
public interface NoticeChannel {

	/** The channel's name as recorded with each delivery, upper case (e.g. SLACK). */
	String name();

	/**
	 * Delivers one notice; throws to have it retried later. May be called again for a
	 * notice it delivered before (a node died before recording it), so a delivery should
	 * carry {@link Delivery#id()} for the recipient to recognise a repeat.
	 */
	void deliver(Delivery notice) throws Exception;

	/** A notice as a channel delivers it. */
	record Delivery(long id, long recipientId, String kind, String subject, String body, String link,
			Instant createdAt) {

	}

}
