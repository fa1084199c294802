package com.example.imoc.schedule;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.rotation.Participant;
import com.example.imoc.rotation.Rotations;

/**
 * Changes of owner made by people (swaps, covers, their undo, the coordinator filling a
 * gap, volunteers), as opposed to the assigner's. Every write checks the version the
 * caller saw, so a shift repaired or swapped in the meantime is never overwritten; the
 * caller's transaction decides, all or nothing.
 * <p>
 * A shift belongs to the layer of its owner (docs/ARCHITECTURE.md, "Layers as
 * eligibility"), so every change of owner also moves the shift to the layer the new owner
 * takes part in for that rotation; a shift left without owner keeps its layer. Parts of a
 * split shift keep the shift's stored local date: the part of a night shift after
 * midnight still belongs to the day the slot started on, which is the date every rule
 * (swap rules, repair) reads.
 */
@Service
public class ShiftChanges {

	private final JdbcClient jdbc;

	private final Shifts shifts;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final Rotations rotations;

	private final FairnessSettings fairnessSettings;

	ShiftChanges(JdbcClient jdbc, Shifts shifts, ApplicationEventPublisher events, Clock clock, Rotations rotations,
			FairnessSettings fairnessSettings) {
		this.fairnessSettings = fairnessSettings;
		this.jdbc = jdbc;
		this.shifts = shifts;
		this.events = events;
		this.clock = clock;
		this.rotations = rotations;
	}

	/** Thrown when a shift is no longer what the caller saw. */
	public static class ShiftChangedException extends RuntimeException {

		public ShiftChangedException(String message) {
			super(message);
		}

	}

	/**
	 * Locks the shifts' rows until the transaction ends (in id order, so two transactions
	 * never deadlock) and returns them as they are now.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<ShiftView> lock(List<Long> shiftIds) {
		List<Long> ordered = shiftIds.stream().distinct().sorted(Comparator.naturalOrder()).toList();
		for (Long id : ordered) {
			this.jdbc.sql("select id from shift where id = ? for update").param(id).query(Long.class).optional();
		}
		return ordered.stream()
			.map(id -> this.shifts.find(id)
				.orElseThrow(() -> new ShiftChangedException("Shift " + id + " no longer exists.")))
			.toList();
	}

	/**
	 * Gives a live shift to another person if it is still at {@code expectedVersion}.
	 * Returns the new version.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public long reassign(long shiftId, long expectedVersion, Long newOwner, String reason) {
		return reassign(shiftId, expectedVersion, newOwner, reason, false);
	}

	/**
	 * As {@link #reassign(long, long, Long, String)}; {@code volunteered} marks a shift
	 * someone took as a volunteer on a special coverage day: its hours then count
	 * {@link FairnessSettings#specialDayWeight()} times in fairness. Any other change of
	 * owner sets the weight back to 1.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public long reassign(long shiftId, long expectedVersion, Long newOwner, String reason, boolean volunteered) {
		ShiftView before = this.shifts.find(shiftId)
			.orElseThrow(() -> new ShiftChangedException("Shift " + shiftId + " no longer exists."));
		Instant now = this.clock.instant();
		int changed = this.jdbc
			.sql("""
					update shift set assignee_id = ?, layer_id = ?, fairness_weight = ?, reason = ?, sequence = sequence + 1,
					       version = version + 1, updated_at = ?
					where id = ? and version = ? and state = 'SCHEDULED'""")
			.params(newOwner, layerFor(before, newOwner),
					volunteered && newOwner != null ? this.fairnessSettings.specialDayWeight() : 1.0, reason,
					Timestamp.from(now), shiftId, expectedVersion)
			.update();
		if (changed != 1) {
			throw new ShiftChangedException("The shift on " + before.date() + " " + before.slot()
					+ " changed since the request was made (someone swapped it or the schedule was repaired).");
		}
		this.events.publishEvent(
				new ShiftReassigned(shiftId, before.rotationId(), before.assigneeId(), newOwner, now, reason));
		return expectedVersion + 1;
	}

	/**
	 * Hands the part [from, to) of a shift to {@code newOwner}: the shift keeps its id
	 * and the time before the part; the part, and the remainder after it, become new
	 * shift rows (the remainder stays with the current owner). Returns the id of the
	 * part's row.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public long handOverPart(long shiftId, long expectedVersion, Instant from, Instant to, long newOwner,
			String reason) {
		ShiftView shift = this.shifts.find(shiftId)
			.orElseThrow(() -> new ShiftChangedException("Shift " + shiftId + " no longer exists."));
		if (shift.version() != expectedVersion || shift.isCancelled()) {
			throw new ShiftChangedException(
					"The shift on " + shift.date() + " " + shift.slot() + " changed since the request was made.");
		}
		if (!from.isAfter(shift.start()) && !to.isBefore(shift.end())) {
			reassign(shiftId, expectedVersion, newOwner, reason);
			return shiftId;
		}
		Instant now = this.clock.instant();
		Instant originalEnd = shift.end();
		if (from.isAfter(shift.start())) {
			this.jdbc.sql(
					"update shift set ends_at = ?, sequence = sequence + 1, version = version + 1, updated_at = ? where id = ?")
				.params(Timestamp.from(from), Timestamp.from(now), shiftId)
				.update();
		}
		long part;
		if (from.isAfter(shift.start())) {
			part = insertPart(shift, from, to, newOwner, reason, now);
		}
		else {
			this.jdbc.sql("""
					update shift set ends_at = ?, assignee_id = ?, layer_id = ?, fairness_weight = 1, reason = ?,
					       sequence = sequence + 1, version = version + 1, updated_at = ? where id = ?""")
				.params(Timestamp.from(to), newOwner, layerFor(shift, newOwner), reason, Timestamp.from(now), shiftId)
				.update();
			part = shiftId;
		}
		if (to.isBefore(originalEnd)) {
			insertPart(shift, to, originalEnd, shift.assigneeId(), shift.reason(), now);
		}
		this.events
			.publishEvent(new ShiftReassigned(part, shift.rotationId(), shift.assigneeId(), newOwner, now, reason));
		return part;
	}

	/**
	 * A new row for a part of {@code shift}: same rotation, slot and local date (never
	 * re-dated from its own start), in the layer of its owner.
	 */
	private long insertPart(ShiftView shift, Instant from, Instant to, Long owner, String reason, Instant now) {
		return this.jdbc.sql("""
				insert into shift (rotation_id, layer_id, slot_id, local_date, starts_at, ends_at, assignee_id, shadow,
				                   reason, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, false, ?, ?, ?) returning id""")
			.params(shift.rotationId(), layerFor(shift, owner), shift.slotId(), shift.date(), Timestamp.from(from),
					Timestamp.from(to), owner, reason, Timestamp.from(now), Timestamp.from(now))
			.query(Long.class)
			.single();
	}

	/**
	 * The layer a shift belongs to once {@code owner} holds it: the layer they take part
	 * in for the shift's rotation. A gap, or an owner outside the rotation (history, a
	 * coordinator's override), keeps the shift's layer.
	 */
	private long layerFor(ShiftView shift, Long owner) {
		if (owner == null) {
			return shift.layerId();
		}
		return this.rotations.participationsOf(owner)
			.stream()
			.filter(p -> p.rotationId() == shift.rotationId())
			.map(Participant::layerId)
			.findFirst()
			.orElse(shift.layerId());
	}

}
