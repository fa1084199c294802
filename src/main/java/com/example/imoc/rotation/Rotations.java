package com.example.imoc.rotation;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rotations, read and written with plain SQL: they are small, and the schedule reads
 * them on every page.
 */
@Repository
public class Rotations {

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	Rotations(JdbcClient jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public List<Rotation> all() {
		// Three statements whatever the number of rotations (was 1 + 3 per rotation).
		Map<Long, List<RotationSlot>> slots = new HashMap<>();
		this.jdbc.sql(
				"select rotation_id, id, label, start_time, end_time, position from rotation_slot where retired_at is null order by rotation_id, position")
			.query((rs, n) -> slots.computeIfAbsent(rs.getLong("rotation_id"), k -> new ArrayList<>())
				.add(new RotationSlot(rs.getLong("id"), rs.getString("label"),
						rs.getObject("start_time", LocalTime.class), rs.getObject("end_time", LocalTime.class),
						rs.getInt("position"))))
			.list();
		Map<Long, List<RotationLayer>> layers = new HashMap<>();
		this.jdbc.sql(
				"select rotation_id, id, name, days, precedence from rotation_layer order by rotation_id, precedence, name")
			.query((rs, n) -> layers.computeIfAbsent(rs.getLong("rotation_id"), k -> new ArrayList<>())
				.add(new RotationLayer(rs.getLong("id"), rs.getString("name"), days(rs.getArray("days")),
						rs.getInt("precedence"))))
			.list();
		return this.jdbc.sql("select * from rotation order by name")
			.query((rs, n) -> rotation(rs, List.copyOf(slots.getOrDefault(rs.getLong("id"), List.of())),
					List.copyOf(layers.getOrDefault(rs.getLong("id"), List.of()))))
			.list();
	}

	@Transactional(readOnly = true)
	public Optional<Rotation> find(long id) {
		List<RotationSlot> slots = this.jdbc.sql(
				"select id, label, start_time, end_time, position from rotation_slot where rotation_id = ? and retired_at is null order by position")
			.param(id)
			.query((rs, n) -> new RotationSlot(rs.getLong("id"), rs.getString("label"),
					rs.getObject("start_time", LocalTime.class), rs.getObject("end_time", LocalTime.class),
					rs.getInt("position")))
			.list();
		List<RotationLayer> layers = this.jdbc.sql(
				"select id, name, days, precedence from rotation_layer where rotation_id = ? order by precedence, name")
			.param(id)
			.query((rs, n) -> new RotationLayer(rs.getLong("id"), rs.getString("name"), days(rs.getArray("days")),
					rs.getInt("precedence")))
			.list();
		return this.jdbc.sql("select * from rotation where id = ?")
			.param(id)
			.query((rs, n) -> rotation(rs, slots, layers))
			.optional();
	}

	@Transactional(readOnly = true)
	public Optional<Rotation> findByName(String name) {
		return this.jdbc.sql("select id from rotation where name = ?")
			.param(name)
			.query(Long.class)
			.optional()
			.flatMap(this::find);
	}

	@Transactional(readOnly = true)
	public List<Participant> participants(long rotationId) {
		return this.jdbc
			.sql("select rotation_id, person_id, layer_id, joined_at from rotation_participant where rotation_id = ?")
			.param(rotationId)
			.query(Rotations::participant)
			.list();
	}

	/**
	 * Who is in a rotation, by name (id and name only: one statement, no entity loading).
	 */
	@Transactional(readOnly = true)
	public List<ParticipantName> participantNames(long rotationId) {
		return this.jdbc.sql("""
				select p.id, p.name from rotation_participant rp join person_view p on p.id = rp.person_id
				where rp.rotation_id = ? order by p.name collate "C", p.id""")
			.param(rotationId)
			.query((rs, n) -> new ParticipantName(rs.getLong("id"), rs.getString("name")))
			.list();
	}

	/** A participant's id and name, for pickers. */
	public record ParticipantName(long id, String name) {

		public long getId() {
			return this.id;
		}

		public String getName() {
			return this.name;
		}

	}

	@Transactional(readOnly = true)
	public List<Participant> participationsOf(long personId) {
		return this.jdbc
			.sql("select rotation_id, person_id, layer_id, joined_at from rotation_participant where person_id = ?")
			.param(personId)
			.query(Rotations::participant)
			.list();
	}

	private static Participant participant(ResultSet rs, int row) throws SQLException {
		Timestamp joined = rs.getTimestamp(4);
		return new Participant(rs.getLong(1), rs.getLong(2), rs.getLong(3), joined == null ? null : joined.toInstant());
	}

	/** Creates a rotation with its slots and layers; returns its id. */
	@Transactional
	public long create(NewRotation rotation) {
		KeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into rotation (name, time_zone, block_days, anchor_date, min_rest_minutes, horizon_weeks,
				                      freeze_days, fairness_window_days)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(rotation.name(), rotation.zone().getId(), rotation.blockDays(), rotation.anchor(),
					(int) rotation.minimumRest().toMinutes(), rotation.horizonWeeks(), rotation.freezeDays(),
					rotation.fairnessWindowDays())
			.update(key, "id");
		long id = key.getKey().longValue();
		int position = 0;
		for (NewRotation.SlotSpec slot : rotation.slots()) {
			this.jdbc.sql(
					"insert into rotation_slot (rotation_id, label, start_time, end_time, position) values (?, ?, ?, ?, ?)")
				.params(id, slot.label(), slot.start(), slot.end(), position++)
				.update();
		}
		for (NewRotation.LayerSpec layer : rotation.layers()) {
			this.jdbc
				.sql("insert into rotation_layer (rotation_id, name, days, precedence) values (?, ?, ?::integer[], ?)")
				.params(id, layer.name(), daysLiteral(layer.days()), layer.precedence())
				.update();
		}
		return id;
	}

	/**
	 * Replaces the rotation's slots: slots whose label is still wanted stay (and keep
	 * their shifts), new ones are added, the rest are retired (their rows stay for the
	 * shifts held in them). Returns the retired slots' ids, whose future shifts the
	 * caller cancels.
	 */
	@Transactional
	public List<Long> replaceSlots(long rotationId, List<NewRotation.SlotSpec> wanted) {
		List<RotationSlot> current = find(rotationId).orElseThrow().slots();
		List<String> wantedLabels = wanted.stream().map(NewRotation.SlotSpec::label).toList();
		List<Long> retired = current.stream()
			.filter(s -> !wantedLabels.contains(s.label()))
			.map(RotationSlot::id)
			.toList();
		for (Long id : retired) {
			this.jdbc.sql(
					"update rotation_slot set retired_at = now(), label = label || ' (retired ' || id || ')' where id = ?")
				.param(id)
				.update();
		}
		int position = 0;
		for (NewRotation.SlotSpec slot : wanted) {
			this.jdbc.sql(
					"insert into rotation_slot (rotation_id, label, start_time, end_time, position) values (?, ?, ?, ?, ?) "
							+ "on conflict (rotation_id, label) do update set position = excluded.position")
				.params(rotationId, slot.label(), slot.start(), slot.end(), position++)
				.update();
		}
		return retired;
	}

	@Transactional
	public void addLayer(long rotationId, NewRotation.LayerSpec layer) {
		this.jdbc.sql("insert into rotation_layer (rotation_id, name, days, precedence) values (?, ?, ?::integer[], ?)")
			.params(rotationId, layer.name(), daysLiteral(layer.days()), layer.precedence())
			.update();
	}

	@Transactional
	public boolean updateSettings(long id, long expectedVersion, RotationSettings settings) {
		return this.jdbc.sql("""
				update rotation set name = ?, time_zone = ?, block_days = ?, min_rest_minutes = ?, horizon_weeks = ?,
				       freeze_days = ?, fairness_window_days = ?, swap_undo_hours = ?, swap_needs_approval = ?,
				       version = version + 1
				where id = ? and version = ?""")
			.params(settings.name(), settings.zone().getId(), settings.blockDays(),
					(int) settings.minimumRest().toMinutes(), settings.horizonWeeks(), settings.freezeDays(),
					settings.fairnessWindowDays(), settings.swapUndoHours(), settings.swapNeedsApproval(), id,
					expectedVersion)
			.update() == 1;
	}

	@Transactional
	public void join(long rotationId, long personId, long layerId) {
		this.jdbc.sql("""
				insert into rotation_participant (rotation_id, person_id, layer_id, joined_at) values (?, ?, ?, ?)
				on conflict (rotation_id, person_id) do update set layer_id = excluded.layer_id""")
			.params(rotationId, personId, layerId, Timestamp.from(this.clock.instant()))
			.update();
		this.events.publishEvent(new ParticipationChanged(rotationId, personId));
	}

	@Transactional
	public void leave(long rotationId, long personId) {
		this.jdbc.sql("delete from rotation_participant where rotation_id = ? and person_id = ?")
			.params(rotationId, personId)
			.update();
		this.events.publishEvent(new ParticipationChanged(rotationId, personId));
	}

	/**
	 * Where a rotation's published schedule ends (a Monday 00:00 UTC, which the database
	 * checks): shifts starting before it are published, later ones are drafts.
	 */
	@Transactional(readOnly = true)
	public Optional<Instant> publishedUntil(long rotationId) {
		return this.jdbc.sql("select published_until from rotation where id = ?")
			.param(rotationId)
			.query((rs, n) -> rs.getTimestamp(1).toInstant())
			.optional();
	}

	/**
	 * The publication boundary, with the rotation row locked until the transaction ends:
	 * two coordinators publishing at once take turns, and the second sees the first one's
	 * boundary.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Instant lockPublication(long rotationId) {
		return this.jdbc.sql("select published_until from rotation where id = ? for update")
			.param(rotationId)
			.query((rs, n) -> rs.getTimestamp(1).toInstant())
			.single();
	}

	@Transactional(propagation = Propagation.MANDATORY)
	public void publishUntil(long rotationId, Instant until) {
		this.jdbc.sql("update rotation set published_until = ? where id = ?")
			.params(Timestamp.from(until), rotationId)
			.update();
	}

	private static Rotation rotation(ResultSet rs, List<RotationSlot> slots, List<RotationLayer> layers)
			throws SQLException {
		return new Rotation(rs.getLong("id"), rs.getString("name"), ZoneId.of(rs.getString("time_zone")),
				rs.getInt("block_days"), rs.getObject("anchor_date", LocalDate.class),
				Duration.ofMinutes(rs.getInt("min_rest_minutes")), rs.getInt("horizon_weeks"), rs.getInt("freeze_days"),
				rs.getInt("fairness_window_days"), rs.getLong("version"), slots, layers, rs.getInt("swap_undo_hours"),
				rs.getBoolean("swap_needs_approval"));
	}

	private static Set<DayOfWeek> days(Array array) throws SQLException {
		Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
		for (Object value : (Object[]) array.getArray()) {
			days.add(DayOfWeek.of(((Number) value).intValue()));
		}
		return Set.copyOf(days);
	}

	static String daysLiteral(Set<DayOfWeek> days) {
		return days.stream()
			.map(DayOfWeek::getValue)
			.sorted()
			.map(String::valueOf)
			.collect(Collectors.joining(",", "{", "}"));
	}

	/** What a new rotation needs. */
	public record NewRotation(String name, ZoneId zone, int blockDays, LocalDate anchor, Duration minimumRest,
			int horizonWeeks, int freezeDays, int fairnessWindowDays, List<SlotSpec> slots, List<LayerSpec> layers) {

		public record SlotSpec(String label, LocalTime start, LocalTime end) {
		}

		public record LayerSpec(String name, Set<DayOfWeek> days, int precedence) {
		}

	}

	/** The editable settings of a rotation. */
	public record RotationSettings(String name, ZoneId zone, int blockDays, Duration minimumRest, int horizonWeeks,
			int freezeDays, int fairnessWindowDays, int swapUndoHours, boolean swapNeedsApproval) {
	}

}
