package com.example.imoc.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.imoc.IntegrationTest;
import com.example.imoc.people.Eligibility;
import com.example.imoc.people.EligibilityPolicy;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schedule as production runs it: {@link ScheduleMaintenance#maintain} once a
 * simulated day, the application's {@link Clock} moved forward a day at a time, on the
 * real database.
 */
@IntegrationTest
class ScheduleOverManyDaysTests {

	/** 01:15 UTC, when the daily extend job runs by default. */
	private static final Instant FIRST_RUN = Instant.parse("2026-03-02T01:15:00Z");

	@TestConfiguration(proxyBeanMethods = false)
	static class SimulatedDays {

		@Bean
		@Primary
		SimulatedClock simulatedClock() {
			return new SimulatedClock(FIRST_RUN);
		}

	}

	/**
	 * The application's "now", moved by the test (read from Quartz threads too, hence
	 * volatile).
	 */
	static final class SimulatedClock extends Clock {

		private volatile Instant now;

		SimulatedClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException("the application reads the clock in UTC");
		}

	}

	@Autowired
	SimulatedClock clock;

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	TestRotations testRotations;

	@Autowired
	TestPeople testPeople;

	@Autowired
	PersonRepository people;

	@Autowired
	Rotations rotations;

	@Autowired
	EligibilityPolicy policy;

	@Autowired
	JdbcTemplate jdbc;

	record Row(long id, long version, Long assignee, String state) {
	}

	@Test
	void dailyRunsForFiveWeeksGiveEveryBlockAndSlotOneHolderAndARepeatedRunChangesNothing() {
		Rotation rotation = this.testRotations.imocLike(4);
		this.testRotations.staff(rotation, 30);
		LocalDate firstDay = LocalDate.now(this.clock);
		for (int day = 0; day < 35; day++) {
			ScheduleMaintenance.Outcome first = this.maintenance.maintain(rotation.id());
			assertThat(first.gaps()).as("day %d", day).isZero();
			List<Row> afterFirst = rows(rotation);
			ScheduleMaintenance.Outcome again = this.maintenance.maintain(rotation.id());
			assertThat(again.created()).as("day %d: shifts created by the repeated run", day).isZero();
			assertThat(again.reassigned()).as("day %d: shifts reassigned by the repeated run", day).isZero();
			assertThat(rows(rotation)).as("day %d: the repeated run changed nothing", day).isEqualTo(afterFirst);
			this.clock.advance(Duration.ofDays(1));
		}
		LocalDate lastDay = LocalDate.now(this.clock).minusDays(1);

		Map<String, Set<Long>> holders = holdersByBlockAndSlot(rotation);
		assertThat(holders).hasSizeGreaterThanOrEqualTo(5 * (35 + 28) / 4);
		assertThat(holders).allSatisfy((block, who) -> assertThat(who).as(block).hasSize(1).doesNotContainNull());
		LocalDate planEnd = this.jdbc.queryForObject("select max(local_date) from shift where rotation_id = ?",
				LocalDate.class, rotation.id());
		assertThat(planEnd.plusDays(1)).as("the plan ends on a block boundary at or beyond the horizon")
			.isEqualTo(rotation.anchor()
				.plusDays(
						4 * Math.floorDiv(lastDay.plusWeeks(4).toEpochDay() - rotation.anchor().toEpochDay(), 4L) + 4));
		assertThat(firstDay).isBefore(lastDay);
	}

	@Test
	void someoneReachingTenureInTenDaysIsPlannedFromThatDay() {
		Rotation rotation = this.testRotations.imocLike(4);
		this.testRotations.staff(rotation, 6);
		LocalDate today = LocalDate.now(this.clock);
		Person draft = this.testPeople.manager("Soon Tenured");
		draft.setStartDate(today.plusDays(10).minusMonths(this.policy.minTenureMonths()));
		Person newcomer = this.people.save(draft);
		LocalDate eligibleOn = Eligibility.tenureReached(newcomer.getStartDate(), this.policy);
		assertThat(eligibleOn).isAfter(today.plusDays(5));
		this.rotations.join(rotation.id(), newcomer.getId(),
				rotation.layer("weekdays and weekends").orElseThrow().id());

		this.maintenance.maintain(rotation.id());

		List<LocalDate> theirs = this.jdbc.queryForList("""
				select local_date from shift where rotation_id = ? and assignee_id = ? and state = 'SCHEDULED'
				order by local_date""", LocalDate.class, rotation.id(), newcomer.getId());
		assertThat(theirs).as("planned once eligible, within the first blocks after that day")
			.isNotEmpty()
			.allSatisfy(date -> assertThat(date).isAfterOrEqualTo(eligibleOn));
		assertThat(theirs.get(0)).isBefore(eligibleOn.plusDays(9));
	}

	private List<Row> rows(Rotation rotation) {
		return this.jdbc.query("""
				select id, version, assignee_id, state from shift where rotation_id = ? order by id""",
				(rs, n) -> new Row(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3), rs.getString(4)),
				rotation.id());
	}

	private Map<String, Set<Long>> holdersByBlockAndSlot(Rotation rotation) {
		Map<String, Set<Long>> holders = new TreeMap<>();
		this.jdbc.query("""
				select s.local_date, sl.label, s.assignee_id from shift s join rotation_slot sl on sl.id = s.slot_id
				where s.rotation_id = ? and s.state = 'SCHEDULED' and not s.shadow""", rs -> {
			LocalDate date = rs.getObject(1, LocalDate.class);
			long offset = Math.floorMod(date.toEpochDay() - rotation.anchor().toEpochDay(),
					(long) rotation.blockDays());
			holders.computeIfAbsent(date.minusDays(offset) + " " + rs.getString(2), key -> new HashSet<>())
				.add((Long) rs.getObject(3));
		}, rotation.id());
		return holders;
	}

}
