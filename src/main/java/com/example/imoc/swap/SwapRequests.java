package com.example.imoc.swap;

import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.schedule.ShiftView;
import com.example.imoc.swap.SwapRequest.SetShift;

/**
 * The stored requests. Transitions go through {@link #lock(long)} (a row lock) so two
 * people acting on one request at the same moment are served one after the other.
 */
@Repository
class SwapRequests {

	private static final String SELECT = """
			select r.*, a.name as requester_name, a.email as requester_email,
			       b.name as counterpart_name, b.email as counterpart_email,
			       array(select q.shift_id from swap_request_shift q where q.request_id = r.id and q.side = 'GIVE'
			             order by q.position) as given_ids,
			       array(select q.shift_version from swap_request_shift q where q.request_id = r.id and q.side = 'GIVE'
			             order by q.position) as given_versions,
			       array(select q.result_version from swap_request_shift q where q.request_id = r.id and q.side = 'GIVE'
			             order by q.position) as given_results,
			       array(select q.shift_id from swap_request_shift q where q.request_id = r.id and q.side = 'TAKE'
			             order by q.position) as taken_ids,
			       array(select q.shift_version from swap_request_shift q where q.request_id = r.id and q.side = 'TAKE'
			             order by q.position) as taken_versions,
			       array(select q.result_version from swap_request_shift q where q.request_id = r.id and q.side = 'TAKE'
			             order by q.position) as taken_results
			from swap_request r
			join person_view a on a.id = r.requester_id
			left join person_view b on b.id = r.counterpart_id
			""";

	private final JdbcClient jdbc;

	SwapRequests(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Optional<SwapRequest> find(long id) {
		return this.jdbc.sql(SELECT + " where r.id = ?").param(id).query(SwapRequests::map).optional();
	}

	@Transactional(propagation = Propagation.MANDATORY)
	Optional<SwapRequest> lock(long id) {
		return this.jdbc.sql("select id from swap_request where id = ? for update")
			.param(id)
			.query(Long.class)
			.optional()
			.flatMap(this::find);
	}

	List<SwapRequest> involving(long personId) {
		return this.jdbc
			.sql(SELECT + " where r.requester_id = ? or r.counterpart_id = ? order by r.created_at desc limit 200")
			.params(personId, personId)
			.query(SwapRequests::map)
			.list();
	}

	List<SwapRequest> openCovers() {
		return this.jdbc.sql(SELECT + " where r.kind = 'OPEN_COVER' and r.state = 'PENDING' order by r.created_at")
			.query(SwapRequests::map)
			.list();
	}

	List<SwapRequest> inState(SwapState state) {
		return this.jdbc.sql(SELECT + " where r.state = ? order by r.created_at")
			.param(state.name())
			.query(SwapRequests::map)
			.list();
	}

	/** The request waiting for an answer that gives this shift away, if any. */
	Optional<SwapRequest> openForShift(long shiftId) {
		return this.jdbc.sql(SELECT + """
				where r.id in (select q.request_id from swap_request_shift q
				               where q.shift_id = ? and q.side = 'GIVE' and q.open)""")
			.param(shiftId)
			.query(SwapRequests::map)
			.optional();
	}

	/**
	 * Pending requests one of whose shifts (given or taken, any of the set) has started,
	 * or whose deadline has passed.
	 */
	List<Long> due(Instant now) {
		return this.jdbc
			.sql("""
					select r.id from swap_request r
					where r.state in ('PENDING', 'APPROVAL_PENDING')
					  and (r.deadline <= ? or exists (select 1 from swap_request_shift q join shift_view s on s.id = q.shift_id
					                                  where q.request_id = r.id and s.starts_at <= ?))
					order by r.id""")
			.params(Timestamp.from(now), Timestamp.from(now))
			.query(Long.class)
			.list();
	}

	/**
	 * Stores a request and its set: {@code given} the requester's shifts, {@code taken} a
	 * swap's shifts in exchange (empty otherwise), each at the version read when it was
	 * checked. The first of each side also fills the request's own shift columns.
	 */
	long insert(SwapKind kind, long requesterId, List<ShiftView> given, List<ShiftView> taken, Instant partStart,
			Instant partEnd, Long counterpartId, String message, Instant deadline, String createdBy, SwapScope scope,
			LocalDate rangeFrom, LocalDate rangeTo) {
		ShiftView first = given.get(0);
		ShiftView firstTaken = taken.isEmpty() ? null : taken.get(0);
		long id = this.jdbc.sql("""
				insert into swap_request (kind, requester_id, shift_id, shift_version, part_start, part_end,
				    counterpart_id, counterpart_shift_id, counterpart_shift_version, message, deadline, created_by,
				    scope, range_from, range_to)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
			.params(kind.name(), requesterId, first.id(), first.version(), ts(partStart), ts(partEnd), counterpartId,
					firstTaken == null ? null : firstTaken.id(), firstTaken == null ? null : firstTaken.version(),
					message, ts(deadline), createdBy, scope.name(), rangeFrom, rangeTo)
			.query(Long.class)
			.single();
		insertSet(id, "GIVE", given);
		insertSet(id, "TAKE", taken);
		return id;
	}

	private void insertSet(long requestId, String side, List<ShiftView> shifts) {
		for (int position = 0; position < shifts.size(); position++) {
			this.jdbc.sql("""
					insert into swap_request_shift (request_id, side, position, shift_id, shift_version)
					values (?, ?, ?, ?, ?)""")
				.params(requestId, side, position, shifts.get(position).id(), shifts.get(position).version())
				.update();
		}
	}

	/**
	 * An open cover the coordinator offers: for a gap ({@code requesterId} is the
	 * coordinator) or for a special coverage day's shift ({@code requesterId} is its
	 * holder).
	 */
	long insertOffer(long requesterId, long shiftId, long shiftVersion, boolean forGap, Long specialDayId,
			String message, String createdBy) {
		long id = this.jdbc.sql("""
				insert into swap_request (kind, requester_id, shift_id, shift_version, message, created_by, for_gap,
				    special_day_id)
				values ('OPEN_COVER', ?, ?, ?, ?, ?, ?, ?) returning id""")
			.params(requesterId, shiftId, shiftVersion, message, createdBy, forGap, specialDayId)
			.query(Long.class)
			.single();
		this.jdbc.sql("""
				insert into swap_request_shift (request_id, side, position, shift_id, shift_version)
				values (?, 'GIVE', 0, ?, ?)""").params(id, shiftId, shiftVersion).update();
		return id;
	}

	/**
	 * Open covers offered by the coordinator on shifts of a rotation between two
	 * instants: shift id to request.
	 */
	List<SwapRequest> offersIn(long rotationId, Instant from, Instant to) {
		return this.jdbc.sql(SELECT + """
				 join shift_view s on s.id = r.shift_id
				where r.kind = 'OPEN_COVER' and r.state = 'PENDING' and (r.for_gap or r.special_day_id is not null)
				  and s.rotation_id = ? and s.ends_at > ? and s.starts_at < ?""")
			.params(rotationId, ts(from), ts(to))
			.query(SwapRequests::map)
			.list();
	}

	void decide(long id, SwapState state, String decidedBy, Instant at, String note) {
		this.jdbc
			.sql("""
					update swap_request set state = ?, decided_by = ?, decided_at = ?, decision_note = ?, version = version + 1
					where id = ?""")
			.params(state.name(), decidedBy, ts(at), note == null ? "" : note, id)
			.update();
	}

	void setCounterpart(long id, long counterpartId) {
		this.jdbc.sql("update swap_request set counterpart_id = ? where id = ?").params(counterpartId, id).update();
	}

	void recordResult(long id, long resultShiftId, long resultShiftVersion, Long resultCounterpartVersion,
			Instant undoUntil) {
		this.jdbc.sql("""
				update swap_request set result_shift_id = ?, result_shift_version = ?, result_counterpart_version = ?,
				       undo_until = ? where id = ?""")
			.params(resultShiftId, resultShiftVersion, resultCounterpartVersion, ts(undoUntil), id)
			.update();
	}

	/**
	 * The version a shift of the set became when the request changed the schedule (what
	 * an undo checks).
	 */
	void recordSetResult(long id, String side, long shiftId, long resultVersion) {
		this.jdbc.sql("""
				update swap_request_shift set result_version = ? where request_id = ? and side = ? and shift_id = ?""")
			.params(resultVersion, id, side, shiftId)
			.update();
	}

	void markUndo(long id, boolean byRequester) {
		this.jdbc
			.sql("update swap_request set " + (byRequester ? "undo_by_requester" : "undo_by_counterpart")
					+ " = true, version = version + 1 where id = ?")
			.param(id)
			.update();
	}

	private static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	private static Long nullableLong(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	static SwapRequest map(ResultSet rs, int row) throws SQLException {
		return new SwapRequest(rs.getLong("id"), SwapKind.valueOf(rs.getString("kind")),
				SwapState.valueOf(rs.getString("state")), rs.getLong("requester_id"), rs.getString("requester_name"),
				rs.getString("requester_email"), rs.getLong("shift_id"), rs.getLong("shift_version"),
				instant(rs, "part_start"), instant(rs, "part_end"), nullableLong(rs, "counterpart_id"),
				rs.getString("counterpart_name"), rs.getString("counterpart_email"),
				nullableLong(rs, "counterpart_shift_id"), nullableLong(rs, "counterpart_shift_version"),
				rs.getString("message"), instant(rs, "deadline"), rs.getString("created_by"), instant(rs, "created_at"),
				instant(rs, "decided_at"), rs.getString("decided_by"), rs.getString("decision_note"),
				nullableLong(rs, "result_shift_id"), nullableLong(rs, "result_shift_version"),
				nullableLong(rs, "result_counterpart_version"), instant(rs, "undo_until"),
				rs.getBoolean("undo_by_requester"), rs.getBoolean("undo_by_counterpart"), rs.getLong("version"),
				rs.getBoolean("for_gap"), nullableLong(rs, "special_day_id"), SwapScope.valueOf(rs.getString("scope")),
				date(rs, "range_from"), date(rs, "range_to"), set(rs, "given"), set(rs, "taken"));
	}

	private static LocalDate date(ResultSet rs, String column) throws SQLException {
		Date value = rs.getDate(column);
		return value == null ? null : value.toLocalDate();
	}

	private static List<SetShift> set(ResultSet rs, String side) throws SQLException {
		Long[] ids = longs(rs, side + "_ids");
		Long[] versions = longs(rs, side + "_versions");
		Long[] results = longs(rs, side + "_results");
		List<SetShift> set = new ArrayList<>(ids.length);
		for (int i = 0; i < ids.length; i++) {
			set.add(new SetShift(ids[i], versions[i], results[i]));
		}
		return List.copyOf(set);
	}

	private static Long[] longs(ResultSet rs, String column) throws SQLException {
		Array array = rs.getArray(column);
		return array == null ? new Long[0] : (Long[]) array.getArray();
	}

}
