package com.example.imoc.notify;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Sends notices: each is stored in the recipient's inbox and queued for mail in the caller's transaction, so a
 * rolled-back change notifies nobody and a committed one is never forgotten.
 */
@Service
public class Notifications {

	private final JdbcClient jdbc;

	Notifications(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void send(Notice notice) {
		this.jdbc.sql("insert into notification (recipient_id, kind, subject, body, link) values (?, ?, ?, ?, ?)")
			.params(notice.recipientId(), notice.kind(), notice.subject(), notice.body(), notice.link())
			.update();
	}

}
