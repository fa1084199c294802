package com.example.imoc.notify;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.people.Roster;

/**
 * Sends notices: each is stored in the recipient's inbox and queued for mail in the
 * caller's transaction, so a rolled-back change notifies nobody and a committed one is
 * never forgotten. Whether a mail is queued follows the recipient's preference at that
 * moment; {@link MailOutbox} delivers the queue.
 */
@Service
public class Notifications {

	private static final String INSERT = """
			insert into notification (recipient_id, kind, subject, body, link, mail_wanted, dedupe_key)
			values (?, ?, ?, ?, ?, coalesce((select mail_enabled from notification_preference where person_id = ?), true), ?)
			""";

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	private final Roster roster;

	Notifications(JdbcClient jdbc, JdbcTemplate batch, Roster roster) {
		this.jdbc = jdbc;
		this.batch = batch;
		this.roster = roster;
	}

	/** The notices with their marked times in each recipient's zone. */
	private List<Notice> inTheirZones(List<Notice> notices) {
		if (notices.stream().noneMatch(Notifications::marked)) {
			return notices;
		}
		Map<Long, ZoneId> zones = new HashMap<>();
		// Read-only facts, not entities: an open cover tells hundreds of people.
		this.roster.facts(notices.stream().filter(Notifications::marked).map(Notice::recipientId).distinct().toList())
			.forEach(p -> zones.put(p.id(), p.zone()));
		// An open cover tells hundreds of people the same words: each (text, zone) is
		// worded once, not once per recipient.
		Map<ZoneId, Map<String, String>> worded = new HashMap<>();
		return notices.stream().map(n -> {
			ZoneId zone = zones.getOrDefault(n.recipientId(), ZoneId.of("UTC"));
			if (!marked(n)) {
				return n;
			}
			Map<String, String> inZone = worded.computeIfAbsent(zone, z -> new HashMap<>());
			return new Notice(n.recipientId(), n.kind(),
					inZone.computeIfAbsent(n.subject(), text -> LocalTimes.resolve(text, zone)),
					inZone.computeIfAbsent(n.body(), text -> LocalTimes.resolve(text, zone)), n.link());
		}).toList();
	}

	private static boolean marked(Notice notice) {
		return notice.subject().contains("{") || notice.body().contains("{");
	}

	/**
	 * Sends many notices in one JDBC batch (an open cover tells every possible taker).
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void sendAll(List<Notice> notices) {
		this.batch.batchUpdate(INSERT, inTheirZones(notices), 500, (statement, notice) -> {
			statement.setLong(1, notice.recipientId());
			statement.setString(2, notice.kind());
			statement.setString(3, notice.subject());
			statement.setString(4, notice.body());
			statement.setString(5, notice.link());
			statement.setLong(6, notice.recipientId());
			statement.setNull(7, java.sql.Types.VARCHAR);
		});
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void send(Notice notice) {
		insert(notice, null);
	}

	/**
	 * Sends the notice unless this recipient already has one with the same key (a handoff
	 * per shift, a digest per day), so a job that runs twice after a crash tells nobody
	 * twice.
	 * @return the new notification's id, or {@code null} when it had been sent before
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	Long sendOnce(Notice notice, String dedupeKey) {
		return insert(notice, dedupeKey);
	}

	private Long insert(Notice marked, String dedupeKey) {
		Notice notice = inTheirZones(List.of(marked)).get(0);
		return this.jdbc
			.sql(INSERT
					+ " on conflict (recipient_id, dedupe_key) where dedupe_key is not null do nothing returning id")
			.params(notice.recipientId(), notice.kind(), notice.subject(), notice.body(), notice.link(),
					notice.recipientId(), dedupeKey)
			.query(Long.class)
			.optional()
			.orElse(null);
	}

}
