package com.example.imoc.calendar;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes rotations and shifts straight into the V3 tables, so a feed test states exactly
 * the schedule it reads.
 */
@Component
class TestSchedule {

	/** A rotation with one slot and one all-days layer. */
	record TestRotation(long id, String name, ZoneId zone, long slotId, LocalTime start, LocalTime end, long layerId) {

		Instant startOn(LocalDate date) {
			return date.atTime(this.start).atZone(this.zone).toInstant();
		}

		Instant endOn(LocalDate date) {
			LocalDate endDate = this.end.isAfter(this.start) ? date : date.plusDays(1);
			return endDate.atTime(this.end).atZone(this.zone).toInstant();
		}

	}

	private final JdbcClient jdbc;

	TestSchedule(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	TestRotation rotation(String name, String zone, LocalTime start, LocalTime end) {
		String unique = name + " " + UUID.randomUUID().toString().substring(0, 6);
		long id = this.jdbc.sql("""
				insert into rotation (name, time_zone, block_days, anchor_date, min_rest_minutes, horizon_weeks,
				                      freeze_days, fairness_window_days)
				values (?, ?, 4, date '2026-01-05', 480, 6, 1, 90) returning id""")
			.params(unique, zone)
			.query(Long.class)
			.single();
		long slotId = this.jdbc.sql(
				"insert into rotation_slot (rotation_id, label, start_time, end_time, position) values (?, ?, ?, ?, 0) returning id")
			.params(id, start + "-" + end, start, end)
			.query(Long.class)
			.single();
		long layerId = this.jdbc.sql(
				"insert into rotation_layer (rotation_id, name, days, precedence) values (?, 'weekdays and weekends', '{1,2,3,4,5,6,7}', 0) returning id")
			.param(id)
			.query(Long.class)
			.single();
		return new TestRotation(id, unique, ZoneId.of(zone), slotId, start, end, layerId);
	}

	long shift(TestRotation rotation, LocalDate date, Long assigneeId, boolean shadow, Instant updatedAt) {
		return this.jdbc.sql("""
				insert into shift (rotation_id, layer_id, slot_id, local_date, starts_at, ends_at, assignee_id, shadow,
				                   reason, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, 'test schedule', ?, ?) returning id""")
			.params(rotation.id(), rotation.layerId(), rotation.slotId(), date, Timestamp.from(rotation.startOn(date)),
					Timestamp.from(rotation.endOn(date)), assigneeId, shadow, Timestamp.from(updatedAt),
					Timestamp.from(updatedAt))
			.query(Long.class)
			.single();
	}

}
