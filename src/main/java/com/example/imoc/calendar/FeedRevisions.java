package com.example.imoc.calendar;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.people.SecretHashes;

/**
 * Keeps SEQUENCE and LAST-MODIFIED honest. A shift row's own sequence and
 * {@code updated_at} move when its time, owner or status change, but an event also shows
 * things of other rows: who takes over next ("Hand over to …"), which part of a split
 * slot it is, the rotation's name. A calendar client only re-reads an event whose
 * SEQUENCE or LAST-MODIFIED moved, so each feed remembers, per event, a digest of what it
 * last showed: when the digest differs, the event's SEQUENCE goes one above the last one
 * sent (and never below the shift's own) and LAST-MODIFIED to the latest change the feed
 * shows. Deterministic from the database's state, so two nodes rendering the same version
 * agree byte for byte.
 */
@Component
class FeedRevisions {

	private record Revision(String digest, int sequence, Instant changedAt) {
	}

	private final JdbcClient jdbc;

	FeedRevisions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The events with their SEQUENCE and LAST-MODIFIED raised where what they show
	 * changed since the feed last said it; remembers what they show now.
	 * @param latestChange the latest change anywhere in the feed (its Last-Modified), the
	 * time a derived change is stamped with
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	List<FeedEvent> revise(String feed, List<FeedEvent> events, Instant latestChange, Instant forgetBefore) {
		Map<Long, Revision> known = new HashMap<>();
		this.jdbc.sql("select shift_id, digest, sequence, changed_at from feed_event_revision where feed = ?")
			.param(feed)
			.query(rs -> {
				known.put(rs.getLong(1), new Revision(rs.getString(2), rs.getInt(3), rs.getTimestamp(4).toInstant()));
			});
		List<FeedEvent> revised = new ArrayList<>(events.size());
		List<Object[]> writes = new ArrayList<>();
		for (FeedEvent event : events) {
			String digest = digest(event);
			Revision before = known.get(event.shiftId());
			FeedEvent now = event;
			if (before == null) {
				writes.add(row(feed, event, digest));
			}
			else if (!before.digest().equals(digest)) {
				int sequence = Math.max(before.sequence() + 1, event.sequence());
				Instant changedAt = latest(event.changedAt(), latestChange, before.changedAt().plusSeconds(1));
				now = event.revised(sequence, changedAt);
				writes.add(row(feed, now, digest));
			}
			else if (before.sequence() > event.sequence() || before.changedAt().isAfter(event.changedAt())) {
				now = event.revised(Math.max(before.sequence(), event.sequence()),
						latest(event.changedAt(), before.changedAt()));
			}
			revised.add(now);
		}
		for (Object[] write : writes) {
			this.jdbc
				.sql("""
						insert into feed_event_revision (feed, shift_id, digest, sequence, changed_at) values (?, ?, ?, ?, ?)
						on conflict (feed, shift_id) do update set digest = excluded.digest,
						  sequence = greatest(feed_event_revision.sequence, excluded.sequence),
						  changed_at = greatest(feed_event_revision.changed_at, excluded.changed_at)""")
				.params(write)
				.update();
		}
		// Shifts that ended before the window are never shown again.
		this.jdbc.sql("""
				delete from feed_event_revision r using shift s
				where r.feed = ? and s.id = r.shift_id and s.ends_at < ?""")
			.params(feed, Timestamp.from(forgetBefore))
			.update();
		return revised;
	}

	private static Object[] row(String feed, FeedEvent event, String digest) {
		return new Object[] { feed, event.shiftId(), digest, event.sequence(), Timestamp.from(event.changedAt()) };
	}

	private static Instant latest(Instant... instants) {
		Instant latest = instants[0];
		for (Instant instant : instants) {
			if (instant.isAfter(latest)) {
				latest = instant;
			}
		}
		return latest.truncatedTo(ChronoUnit.SECONDS);
	}

	/** What the event shows, apart from SEQUENCE and the change stamps themselves. */
	static String digest(FeedEvent event) {
		String shown = String.join("\u0000", event.uid(), event.start().toString(), event.end().toString(),
				String.valueOf(event.cancelled()), String.valueOf(event.tentative()), event.summary(),
				event.description(), String.valueOf(event.url()));
		return SecretHashes.sha256Hex(shown);
	}

}
