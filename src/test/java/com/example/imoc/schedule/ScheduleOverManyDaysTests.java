package com.example.imoc.schedule;

import com.example.imoc.rotation.Rotations.NewRotation.LayerSpec;

import com.example.imoc.rotation.Rotations.NewRotation;

import java.util.UUID;

import java.util.EnumSet;

import java.time.DayOfWeek;

import java.sql.Timestamp;

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

	/**
	 * Someone who joins a rotation whose fairness window is a year is counted from the
	 * day they joined ({@code JoinCredit}): the months before count at the rate the
	 * members carried the rotation, so they take about their share of the blocks that
	 * follow. Before, a newcomer started the window at zero and took block after block
	 * until they held what each member had held since the rotation began (without the
	 * credit: five of the 16 blocks that start in their first 64 days, against one or two
	 * for each of the others).
	 */
	@Test
	void aNewcomerToAYearLongWindowTakesTheirShareOfBlocksNotEveryBlockUntilCaughtUp() {
		long id = this.rotations.create(new NewRotation("Newcomer " + UUID.randomUUID().toString().substring(0, 8),
				ZoneOffset.UTC, 4, LocalDate.of(2026, 1, 5), Duration.ofHours(8), 1, 1, 365,
				List.of(TestRotations.slot("09:00", "17:00")),
				List.of(new LayerSpec("weekdays and weekends", EnumSet.allOf(DayOfWeek.class), 0))));
		Rotation rotation = this.rotations.find(id).orElseThrow();
		List<Person> members = this.testRotations.staff(rotation, 8);
		for (int day = 0; day < 120; day++) {
			this.maintenance.maintain(rotation.id());
			this.clock.advance(Duration.ofDays(1));
		}
		Person newcomer = this.testPeople.manager("Late Joiner");
		this.rotations.join(rotation.id(), newcomer.getId(),
				rotation.layer("weekdays and weekends").orElseThrow().id());
		Instant joined = this.clock.instant();
		for (int day = 0; day < 64; day++) {
			this.maintenance.maintain(rotation.id());
			this.clock.advance(Duration.ofDays(1));
		}

		Map<Long, Integer> blocks = new TreeMap<>();
		this.jdbc.query("""
				select assignee_id, count(distinct local_date) from shift
				where rotation_id = ? and state = 'SCHEDULED' and starts_at >= ? and starts_at < ?
				group by assignee_id""", rs -> {
			blocks.put(rs.getLong(1), rs.getInt(2) / 4);
		}, rotation.id(), Timestamp.from(joined), Timestamp.from(joined.plus(Duration.ofDays(64))));
		double othersMean = members.stream().mapToInt(m -> blocks.getOrDefault(m.getId(), 0)).average().orElseThrow();
		assertThat(blocks.getOrDefault(newcomer.getId(), 0)).as("blocks in the 64 days after joining: %s", blocks)
			.isPositive()
			.isLessThanOrEqualTo((int) Math.ceil(othersMean) + 1);
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
