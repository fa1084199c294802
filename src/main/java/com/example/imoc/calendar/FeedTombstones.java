package com.example.imoc.calendar;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.schedule.ShiftReassigned;

/**
 * Remembers shifts that left a person, so their feed sends a STATUS:CANCELLED copy for a
 * while: a subscribed calendar only drops an event it is told about. Recorded
 * synchronously, in the transaction that moved the shift, so the move and its tombstone
 * commit together.
 */
@Component
class FeedTombstones {

	/**
	 * A shift a person no longer holds, and its SEQUENCE once it had left them: every
	 * move raises a shift's sequence, so that is already above anything the person's
	 * client saw for this UID. Should the shift come back to them, its next move raises
	 * it again, so the live event returns above the cancellation.
	 */
	record Tombstone(long shiftId, int sequence, Instant cancelledAt) {

		int cancellationSequence() {
			return this.sequence;
		}

	}

	private final JdbcClient jdbc;

	private final Duration keptFor;

	FeedTombstones(JdbcClient jdbc, CalendarProperties properties) {
		this.jdbc = jdbc;
		this.keptFor = Duration.ofDays(properties.cancelledDays());
	}

	@EventListener
	@Transactional
	void on(ShiftReassigned event) {
		if (event.toPersonId() != null) {
			// The shift came (back) to this person: their feed shows it live again, not
			// cancelled.
			this.jdbc.sql("delete from feed_tombstone where person_id = ? and shift_id = ?")
				.params(event.toPersonId(), event.shiftId())
				.update();
		}
		if (event.fromPersonId() != null && !event.fromPersonId().equals(event.toPersonId())) {
			// Not for a row made by this very change (the part a partial cover splits off
			// goes straight to the
			// taker): the giver's calendar never had that UID, so there is nothing to
			// cancel.
			this.jdbc
				.sql("""
						insert into feed_tombstone (person_id, shift_id, sequence, cancelled_at)
						select ?, s.id, s.sequence, ? from shift_view s where s.id = ? and s.created_at < ?
						on conflict (person_id, shift_id) do update
						set sequence = greatest(feed_tombstone.sequence + 1, excluded.sequence), cancelled_at = excluded.cancelled_at""")
				.params(event.fromPersonId(), Timestamp.from(event.at()), event.shiftId(), Timestamp.from(event.at()))
				.update();
		}
		// Feeds stop sending a cancellation after a while; forget it then, so the table
		// stays small.
		this.jdbc.sql("delete from feed_tombstone where cancelled_at < ?")
			.param(Timestamp.from(event.at().minus(this.keptFor)))
			.update();
	}

	/** The person's tombstones younger than {@code since}, oldest shift first. */
	@Transactional(readOnly = true)
	List<Tombstone> of(long personId, Instant since) {
		return this.jdbc.sql(
				"select shift_id, sequence, cancelled_at from feed_tombstone where person_id = ? and cancelled_at > ? order by shift_id")
			.params(personId, Timestamp.from(since))
			.query((rs, n) -> new Tombstone(rs.getLong(1), rs.getInt(2), rs.getTimestamp(3).toInstant()))
			.list();
	}

}
