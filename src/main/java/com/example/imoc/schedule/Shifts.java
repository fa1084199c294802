package com.example.imoc.schedule;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The stored shifts, read with plain SQL (one query per page, no N+1). Writes happen in
 * the schedule services.
 */
@Repository
public class Shifts {

	static final String SELECT = """
			select s.id, s.rotation_id, r.name as rotation_name, r.time_zone as rotation_zone, s.layer_id,
			       l.name as layer, s.slot_id, sl.label as slot, s.local_date, s.starts_at, s.ends_at, s.assignee_id,
			       p.name as assignee_name, p.email as assignee_email, s.shadow, s.state, s.reason, s.sequence,
			       s.version, s.updated_at, s.starts_at < r.published_until as published
			from shift s
			join rotation_view r on r.id = s.rotation_id
			join rotation_layer_view l on l.id = s.layer_id
			join rotation_slot_view sl on sl.id = s.slot_id
			left join person_view p on p.id = s.assignee_id
			""";

	private final JdbcClient jdbc;

	Shifts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional(readOnly = true)
	public Optional<ShiftView> find(long id) {
		return this.jdbc.sql(SELECT + " where s.id = ?").param(id).query(Shifts::view).optional();
	}

	/** Live shifts (primary and shadow) running at an instant, in every rotation. */
	@Transactional(readOnly = true)
	public List<ShiftView> runningAt(Instant at) {
		return this.jdbc.sql(SELECT
				+ " where s.state = 'SCHEDULED' and s.starts_at <= ? and s.ends_at > ? order by r.name, sl.position, s.shadow")
			.params(ts(at), ts(at))
			.query(Shifts::view)
			.list();
	}

	/**
	 * When the next live shift (primary or shadow, any rotation) starts after an instant:
	 * who is on call changes then.
	 */
	@Transactional(readOnly = true)
	public Optional<Instant> nextStartAfter(Instant at) {
		return this.jdbc.sql("select min(starts_at) from shift where state = 'SCHEDULED' and starts_at > ?")
			.param(ts(at))
			.query((rs, n) -> rs.getTimestamp(1))
			.optional()
			.filter(java.util.Objects::nonNull)
			.map(Timestamp::toInstant);
	}

	/** Live shifts of a rotation overlapping [from, to), in time order. */
	@Transactional(readOnly = true)
	public List<ShiftView> ofRotation(long rotationId, Instant from, Instant to) {
		return this.jdbc.sql(SELECT
				+ " where s.rotation_id = ? and s.state = 'SCHEDULED' and s.ends_at > ? and s.starts_at < ? order by s.starts_at, sl.position, s.shadow")
			.params(rotationId, ts(from), ts(to))
			.query(Shifts::view)
			.list();
	}

	/** Live shifts of a person overlapping [from, to), in time order. */
	@Transactional(readOnly = true)
	public List<ShiftView> ofPerson(long personId, Instant from, Instant to) {
		return this.jdbc.sql(SELECT
				+ " where s.assignee_id = ? and s.state = 'SCHEDULED' and s.ends_at > ? and s.starts_at < ? order by s.starts_at")
			.params(personId, ts(from), ts(to))
			.query(Shifts::view)
			.list();
	}

	/**
	 * Every live shift overlapping [from, to), optionally of one person, in time order
	 * (the API's query).
	 */
	@Transactional(readOnly = true)
	public List<ShiftView> between(Instant from, Instant to, Long personId) {
		return this.jdbc
			.sql(SELECT + " where s.state = 'SCHEDULED' and s.ends_at > ? and s.starts_at < ?"
					+ " and (cast(? as bigint) is null or s.assignee_id = ?)"
					+ " order by s.starts_at, r.name, sl.position, s.shadow")
			.params(ts(from), ts(to), personId, personId)
			.query(Shifts::view)
			.list();
	}

	/** The next live primary shift of a person that has not ended yet. */
	@Transactional(readOnly = true)
	public Optional<ShiftView> nextOf(long personId, Instant now) {
		return this.jdbc.sql(SELECT
				+ " where s.assignee_id = ? and s.state = 'SCHEDULED' and s.ends_at > ? order by s.starts_at limit 1")
			.params(personId, ts(now))
			.query(Shifts::view)
			.optional();
	}

	/** Coverage gaps (live shifts without an assignee) starting in [from, to). */
	@Transactional(readOnly = true)
	public List<ShiftView> gaps(Instant from, Instant to) {
		return this.jdbc.sql(SELECT
				+ " where s.assignee_id is null and s.state = 'SCHEDULED' and s.ends_at > ? and s.starts_at < ? order by s.starts_at")
			.params(ts(from), ts(to))
			.query(Shifts::view)
			.list();
	}

	/**
	 * The next handoff: the earliest start of a live primary shift after {@code now}, in
	 * a rotation.
	 */
	@Transactional(readOnly = true)
	public Optional<ShiftView> nextStart(long rotationId, Instant now) {
		return this.jdbc.sql(SELECT
				+ " where s.rotation_id = ? and s.state = 'SCHEDULED' and not s.shadow and s.starts_at > ? order by s.starts_at, sl.position limit 1")
			.params(rotationId, ts(now))
			.query(Shifts::view)
			.optional();
	}

	/**
	 * The next handoff of every rotation at once (rotation id to its earliest live
	 * primary shift starting after {@code now}): one statement, one index probe per
	 * rotation, instead of {@link #nextStart} per rotation.
	 */
	@Transactional(readOnly = true)
	public Map<Long, ShiftView> nextStarts(Instant now) {
		Map<Long, ShiftView> next = new HashMap<>();
		this.jdbc.sql("select x.* from rotation_view q cross join lateral (" + SELECT
				+ " where s.rotation_id = q.id and s.state = 'SCHEDULED' and not s.shadow and s.starts_at > ? order by s.starts_at, sl.position limit 1) x")
			.param(ts(now))
			.query(Shifts::view)
			.list()
			.forEach(shift -> next.put(shift.rotationId(), shift));
		return next;
	}

	/** The last local date a rotation has a live shift for, if any. */
	@Transactional(readOnly = true)
	public Optional<LocalDate> lastDate(long rotationId) {
		return this.jdbc.sql("select max(local_date) from shift where rotation_id = ? and state = 'SCHEDULED'")
			.param(rotationId)
			.query((rs, n) -> rs.getObject(1, LocalDate.class))
			.optional();
	}

	/**
	 * Who held a rotation's primary shift at each instant, as the schedule stands now
	 * (swaps, covers and partial covers applied), in one statement. An instant during a
	 * coverage gap maps to the gap; one without any live primary shift is left out. A
	 * shift covers [start, end), so at a handoff instant the incoming shift answers.
	 */
	@Transactional(readOnly = true)
	public Map<Instant, ShiftView> primaryAt(String rotationName, Collection<Instant> instants) {
		List<Instant> asked = instants.stream().distinct().sorted().toList();
		Map<Instant, ShiftView> held = new HashMap<>();
		if (asked.isEmpty()) {
			return held;
		}
		String array = asked.stream().map(Instant::toString).collect(Collectors.joining(",", "{", "}"));
		this.jdbc
			.sql("select t.n as asked, x.* from unnest(cast(? as timestamptz[])) with ordinality as t(at, n)"
					+ " cross join lateral (" + SELECT + " where r.name = ? and s.state = 'SCHEDULED' and not s.shadow"
					+ " and s.starts_at <= t.at and s.ends_at > t.at order by sl.position limit 1) x")
			.params(array, rotationName)
			.query((rs, n) -> held.put(asked.get(rs.getInt("asked") - 1), view(rs, n)))
			.list();
		return held;
	}

	/**
	 * The fairness weights other than 1 of a rotation's live shifts between two instants
	 * (shift id to weight): those volunteers took on special coverage days.
	 */
	@Transactional(readOnly = true)
	public Map<Long, Double> fairnessWeights(long rotationId, Instant from, Instant to) {
		Map<Long, Double> weights = new HashMap<>();
		this.jdbc.sql("""
				select id, fairness_weight from shift where rotation_id = ? and fairness_weight <> 1
				  and state = 'SCHEDULED' and ends_at > ? and starts_at < ?""")
			.params(rotationId, ts(from), ts(to))
			.query((rs, n) -> weights.put(rs.getLong(1), rs.getDouble(2)))
			.list();
		return weights;
	}

	static Timestamp ts(Instant instant) {
		return Timestamp.from(instant);
	}

	static ShiftView view(ResultSet rs, int row) throws SQLException {
		long assignee = rs.getLong("assignee_id");
		Long assigneeId = rs.wasNull() ? null : assignee;
		return new ShiftView(rs.getLong("id"), rs.getLong("rotation_id"), rs.getString("rotation_name"),
				rs.getString("rotation_zone"), rs.getLong("layer_id"), rs.getString("layer"), rs.getLong("slot_id"),
				rs.getString("slot"), rs.getObject("local_date", LocalDate.class),
				rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(), assigneeId,
				rs.getString("assignee_name"), rs.getString("assignee_email"), rs.getBoolean("shadow"),
				rs.getString("state"), rs.getString("reason"), rs.getInt("sequence"), rs.getLong("version"),
				rs.getTimestamp("updated_at").toInstant(), rs.getBoolean("published"));
	}

}
