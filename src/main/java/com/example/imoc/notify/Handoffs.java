package com.example.imoc.notify;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;

/**
 * Handoffs between IMs: {@code imoc.notify.handover-lead} (30 min) before a primary shift
 * ends, its IM (outgoing) and whoever holds the next shift of that rotation (incoming)
 * each get a notice linking to the handover note of the ending shift, so the outgoing IM
 * can brief the next one before leaving, as the handbook asks. Who is told is read from
 * the shifts as they are at that moment: a swap made before then tells the new owners.
 * The outgoing IM or the coordinator writes the note; the incoming IM sees the latest one
 * on their home page.
 */
@Service
class Handoffs {

	/**
	 * Handoffs due longer ago than this when the job gets to them (it was down) are not
	 * sent any more.
	 */
	static final Duration LATEST = Duration.ofHours(2);

	static final int LONGEST_NOTE = 4000;

	private final JdbcClient jdbc;

	private final Notifications notifications;

	private final Shifts shifts;

	private final PersonRepository people;

	private final Duration lead;

	Handoffs(JdbcClient jdbc, Notifications notifications, Shifts shifts, PersonRepository people,
			NotifyProperties properties) {
		this.jdbc = jdbc;
		this.notifications = notifications;
		this.shifts = shifts;
		this.people = people;
		this.lead = properties.handoverLead();
	}

	record HandoverNote(long id, long shiftId, String authorName, String body, Instant writtenAt) {
	}

	private record NoteForShift(HandoverNote note, long nextShiftId) {
	}

	/** A note for someone taking over, with the shift it hands over. */
	record IncomingNote(HandoverNote note, ShiftView from, ShiftView to) {
	}

	/**
	 * Sends the handoff notices that are due at {@code now}: of the primary shifts ending
	 * within the lead time, and of those whose moment (end − lead) passed less than two
	 * hours ago (the job was down); once per shift and person, so the job may run as
	 * often as it likes.
	 * @return how many notices were sent
	 */
	@Transactional
	public int sendDue(Instant now) {
		Instant endsBy = now.plus(this.lead);
		List<Long> ending = this.jdbc.sql("""
				select id from shift_view
				where state = 'SCHEDULED' and not shadow and ends_at <= ? and ends_at > ?
				order by ends_at, id""")
			.params(Timestamp.from(endsBy), Timestamp.from(endsBy.minus(LATEST)))
			.query(Long.class)
			.list();
		int sent = 0;
		for (long shiftId : ending) {
			ShiftView outgoing = this.shifts.find(shiftId).orElseThrow();
			ShiftView incoming = successor(outgoing).orElse(null);
			Long from = outgoing.assigneeId();
			Long to = incoming == null ? null : incoming.assigneeId();
			if (from != null && from.equals(to)) {
				continue;
			}
			String key = "handoff:" + shiftId;
			if (from != null
					&& this.notifications.sendOnce(toOutgoing(outgoing, incoming, zoneOf(from), now), key) != null) {
				sent++;
			}
			if (to != null && this.notifications.sendOnce(toIncoming(outgoing, incoming, zoneOf(to)), key) != null) {
				sent++;
			}
		}
		return sent;
	}

	/**
	 * The primary shift of the same rotation that starts when this one ends (a gap
	 * counts: nobody takes over).
	 */
	Optional<ShiftView> successor(ShiftView shift) {
		return this.jdbc.sql("""
				select id from shift_view
				where rotation_id = ? and state = 'SCHEDULED' and not shadow and starts_at = ?
				order by id limit 1""")
			.params(shift.rotationId(), Timestamp.from(shift.end()))
			.query(Long.class)
			.optional()
			.flatMap(this.shifts::find);
	}

	private static Notice toOutgoing(ShiftView outgoing, ShiftView incoming, ZoneId zone, Instant now) {
		String next = incoming == null ? "the schedule has no next shift"
				: incoming.isGap() ? "nobody holds the next shift (a coverage gap: tell the coordinator)"
						: incoming.assigneeName() + " takes over: brief them before you go";
		boolean ending = outgoing.end().isAfter(now);
		return new Notice(outgoing.assigneeId(), "shift.handoff",
				"Handoff: your " + outgoing.rotationName() + " shift " + (ending ? "ends" : "ended") + " at "
						+ LocalTimes.time(outgoing.end(), zone),
				"Your " + outgoing.rotationName() + " shift (" + LocalTimes.span(outgoing.start(), outgoing.end(), zone)
						+ ") " + (ending ? "ends soon" : "has ended") + "; " + next
						+ ".\nWrite a short handover note: what is going on, what to "
						+ "watch, what is waiting for someone.",
				"/handover/" + outgoing.id());
	}

	private static Notice toIncoming(ShiftView outgoing, ShiftView incoming, ZoneId zone) {
		String from = outgoing.isGap() ? "nobody (the current shift is a coverage gap)" : outgoing.assigneeName();
		return new Notice(incoming.assigneeId(), "shift.handoff",
				"Handoff: you are the IM in " + incoming.rotationName() + " from "
						+ LocalTimes.time(incoming.start(), zone),
				"You take over " + incoming.rotationName() + " from " + from + " ("
						+ LocalTimes.span(incoming.start(), incoming.end(), zone)
						+ ").\nThey brief you before their shift ends; their handover note shows on your home page "
						+ "once it is written.",
				"/handover/" + outgoing.id());
	}

	private ZoneId zoneOf(long personId) {
		return this.people.findById(personId).map(Person::zone).orElse(ZoneId.of("UTC"));
	}

	@Transactional(readOnly = true)
	Optional<HandoverNote> latestNote(long shiftId) {
		return this.jdbc.sql("""
				select h.id, h.shift_id, p.name, h.body, h.written_at
				from handover_note h join person_view p on p.id = h.author_id
				where h.shift_id = ? order by h.written_at desc, h.id desc limit 1""")
			.param(shiftId)
			.query((rs, n) -> new HandoverNote(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getTimestamp(5).toInstant()))
			.optional();
	}

	/**
	 * Stores a note for the shift after this one and tells its IM. The caller has checked
	 * that the author may write it (the outgoing IM or a coordinator).
	 */
	@Transactional
	void write(ShiftView shift, Person author, String body, Instant now) {
		this.jdbc.sql("insert into handover_note (shift_id, author_id, body, written_at) values (?, ?, ?, ?)")
			.params(shift.id(), author.getId(), body.strip(), Timestamp.from(now))
			.update();
		successor(shift).filter(next -> next.assigneeId() != null && !next.assigneeId().equals(author.getId()))
			.ifPresent(next -> this.notifications.send(new Notice(
					next.assigneeId(), "shift.handover-note", "Handover note from " + author.getName(), author.getName()
							+ " wrote a handover note for your " + next.rotationName() + " shift:\n\n" + body.strip(),
					"/handover/" + shift.id())));
	}

	/**
	 * The latest note written for a shift that hands over to this person, while the shift
	 * they take over has not ended yet: what the home page shows.
	 */
	@Transactional(readOnly = true)
	Optional<IncomingNote> forIncoming(long personId, Instant now) {
		return this.jdbc.sql("""
				select h.id, h.shift_id, p.name, h.body, h.written_at, nxt.id
				from handover_note h
				join person_view p on p.id = h.author_id
				join shift_view prev on prev.id = h.shift_id
				join shift_view nxt on nxt.rotation_id = prev.rotation_id and nxt.starts_at = prev.ends_at
				                and nxt.state = 'SCHEDULED' and not nxt.shadow
				where nxt.assignee_id = ? and nxt.ends_at > ?
				order by h.written_at desc, h.id desc limit 1""")
			.params(personId, Timestamp.from(now))
			.query((rs,
					n) -> new NoteForShift(new HandoverNote(rs.getLong(1), rs.getLong(2), rs.getString(3),
							rs.getString(4), rs.getTimestamp(5).toInstant()), rs.getLong(6)))
			.optional()
			.map(row -> new IncomingNote(row.note(), this.shifts.find(row.note().shiftId()).orElseThrow(),
					this.shifts.find(row.nextShiftId()).orElseThrow()));
	}

}
