package com.example.imoc.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.imoc.IntegrationTest;
import com.example.imoc.MutableClock;
import com.example.imoc.people.Person;
import com.example.imoc.people.TimeAway;
import com.example.imoc.people.Unavailability;
import com.example.imoc.rotation.Rotation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Repair after time away, day after day with the application's clock moved forward: it
 * changes exactly the shifts whose holder can no longer take them (found by asking about
 * the holders alone when there is no gap to fill), fills gaps from the whole roster, and
 * reads time away that began before today.
 */
@IntegrationTest
class RepairOverDaysTests {

	/** A Monday, 01:15 UTC: when the daily job runs. */
	private static final Instant FIRST_DAY = Instant.parse("2026-03-02T01:15:00Z");

	@TestConfiguration(proxyBeanMethods = false)
	static class MovableClock {

		@Bean
		@Primary
		MutableClock repairClock() {
			return new MutableClock(FIRST_DAY);
		}

	}

	@Autowired
	MutableClock clock;

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	TestRotations testRotations;

	@Autowired
	TimeAway timeAway;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	HeldScheduleJobs heldJobs;

	@Autowired
	Scheduler scheduler;

	/**
	 * The background repair the time away queues would otherwise run first, and the
	 * counts below would be its.
	 */
	@BeforeEach
	void holdTheBackgroundJobs() throws Exception {
		this.heldJobs.hold();
	}

	@AfterEach
	void releaseTheBackgroundJobs() throws Exception {
		this.heldJobs.release();
	}

	record Row(long id, Long assignee, String state, Instant start, Instant end, boolean shadow, long version) {
	}

	/**
	 * While the repair job is paused, changes queue one repair, not one each: the paused
	 * trigger runs when the job is resumed and sees them all. Before, every change made
	 * while a paused trigger existed queued another (forty here; 600 in a held test
	 * context of the full suite, which then took longer than two minutes to drain).
	 */
	@Test
	void changesWhileTheRepairJobIsPausedQueueOneRepairNotOneEach() throws Exception {
		Rotation rotation = this.testRotations.imocLike(4);
		this.testRotations.staff(rotation, 1);
		assertThat(this.scheduler.getTriggersOfJob(ScheduleJobs.REPAIR)).hasSize(1);
		this.scheduler.pauseJob(ScheduleJobs.REPAIR);
		assertThat(this.scheduler.getTriggerState(ScheduleJobs.REPAIR_SOON)).isEqualTo(Trigger.TriggerState.PAUSED);

		this.testRotations.staff(rotation, 40);

		assertThat(this.scheduler.getTriggersOfJob(ScheduleJobs.REPAIR)).hasSize(1);
	}

	@Test
	void repairChangesOnlyTheShiftsOfWhoeverCannotHoldThemAnyMoreOnEachOfFiveDays() {
		this.clock.set(FIRST_DAY);
		Rotation rotation = this.testRotations.imocLike(4);
		List<Person> staff = this.testRotations.staff(rotation, 14);
		for (int day = 0; day < 5; day++) {
			this.maintenance.maintain(rotation.id());
			Instant now = this.clock.instant();
			Instant frozenUntil = now.plus(Duration.ofDays(rotation.freezeDays()));
			LocalDate today = LocalDate.ofInstant(now, rotation.zone());

			// Someone with no shift from four to ten days ahead takes three days off in
			// between: nothing to repair, not a row touched.
			Map<Long, Row> before = rows(rotation);
			Person idle = staff.stream()
				.filter(p -> before.values()
					.stream()
					.noneMatch(r -> p.getId().equals(r.assignee()) && r.end().isAfter(now.plus(Duration.ofDays(4)))
							&& r.start().isBefore(now.plus(Duration.ofDays(10)))))
				.findFirst()
				.orElseThrow();
			this.timeAway.seed(idle.getId(), Unavailability.Kind.PTO, today.plusDays(5), today.plusDays(7), "test");
			assertThat(this.maintenance.repair(rotation.id()).reassigned()).as("day %d", day).isZero();
			assertThat(rows(rotation)).as("day %d: no row changed", day).isEqualTo(before);

			// The holder of the first shift after the freeze window fell sick yesterday
			// for a week: their shifts in that week after the freeze window go to
			// others, nothing else changes.
			Row first = before.values()
				.stream()
				.filter(r -> !r.shadow() && r.assignee() != null && !r.start().isBefore(frozenUntil))
				.min((a, b) -> a.start().compareTo(b.start()))
				.orElseThrow();
			long sick = first.assignee();
			Unavailability away = this.timeAway.seed(sick, Unavailability.Kind.SICK, today.minusDays(1),
					today.plusDays(5), "test");
			List<Long> theirs = before.values()
				.stream()
				.filter(r -> r.assignee() != null && r.assignee() == sick && "SCHEDULED".equals(r.state())
						&& !r.start().isBefore(frozenUntil) && r.start().isBefore(away.getEndsAt()))
				.map(Row::id)
				.toList();
			assertThat(theirs).contains(first.id());

			int reassigned = this.maintenance.repair(rotation.id()).reassigned();

			Map<Long, Row> after = rows(rotation);
			assertThat(reassigned).as("day %d", day).isEqualTo(theirs.size());
			for (Row row : after.values()) {
				if (theirs.contains(row.id())) {
					assertThat(row.assignee()).as("day %d: %s", day, row).isNotNull().isNotEqualTo(sick);
				}
				else {
					assertThat(row).as("day %d: untouched", day).isEqualTo(before.get(row.id()));
				}
			}
			this.clock.add(Duration.ofDays(1));
		}
	}

	@Test
	void aGapAfterTheFreezeWindowIsFilledFromTheWholeRosterEveryDay() {
		this.clock.set(FIRST_DAY);
		Rotation rotation = this.testRotations.imocLike(4);
		this.testRotations.staff(rotation, 14);
		for (int day = 0; day < 3; day++) {
			this.maintenance.maintain(rotation.id());
			Instant frozenUntil = this.clock.instant().plus(Duration.ofDays(rotation.freezeDays()));
			Row chosen = rows(rotation).values()
				.stream()
				.filter(r -> !r.shadow() && r.assignee() != null
						&& r.start().isAfter(frozenUntil.plus(Duration.ofDays(3))))
				.findFirst()
				.orElseThrow();
			this.jdbc.update("update shift set assignee_id = null, reason = 'test gap' where id = ?", chosen.id());

			assertThat(this.maintenance.repair(rotation.id()).reassigned()).as("day %d", day).isEqualTo(1);

			assertThat(rows(rotation).get(chosen.id()).assignee()).as("day %d: the gap is filled", day).isNotNull();
			this.clock.add(Duration.ofDays(1));
		}
	}

	private Map<Long, Row> rows(Rotation rotation) {
		Map<Long, Row> rows = new TreeMap<>();
		this.jdbc.query("""
				select id, assignee_id, state, starts_at, ends_at, shadow, version from shift
				where rotation_id = ? order by id""", rs -> {
			rows.put(rs.getLong(1), new Row(rs.getLong(1), (Long) rs.getObject(2), rs.getString(3),
					rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getBoolean(6), rs.getLong(7)));
		}, rotation.id());
		return rows;
	}

}
