package com.example.imoc.schedule;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.IntegrationTest;
import com.example.imoc.audit.AuditLog;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.PublicHolidays;
import com.example.imoc.people.Roster;
import com.example.imoc.people.TestPeople;
import com.example.imoc.people.TimeAway;
import com.example.imoc.people.Unavailability;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@IntegrationTest
class ScheduleMaintenanceTests {

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	TestRotations testRotations;

	@Autowired
	TestPeople testPeople;

	@Autowired
	Shifts shifts;

	@Autowired
	TimeAway timeAway;

	@Autowired
	AuditLog auditLog;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	Rotations rotations;

	@Autowired
	PersonRepository people;

	@Autowired
	Roster roster;

	@Autowired
	JdbcClient jdbcClient;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	PublicHolidays holidays;

	private List<ShiftView> primaries(Rotation rotation) {
		Instant now = Instant.now();
		return this.shifts.ofRotation(rotation.id(), now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(400)))
			.stream()
			.filter(s -> !s.shadow())
			.toList();
	}

	@Test
	void aNewRotationIsFilledToItsHorizonWithOneShiftPerSlotAndDay() {
		Rotation rotation = this.testRotations.imocLike(2);
		this.testRotations.staff(rotation, 8);
		ScheduleMaintenance.Outcome outcome = this.maintenance.maintain(rotation.id());
		List<ShiftView> planned = primaries(rotation);
		assertThat(outcome.created()).isEqualTo(planned.size());
		assertThat(outcome.gaps()).isZero();
		Map<String, Long> perSlotAndDate = planned.stream()
			.collect(Collectors.groupingBy(s -> s.date() + " " + s.slot(), Collectors.counting()));
		assertThat(perSlotAndDate.values()).allMatch(n -> n == 1);
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		LocalDate horizonEnd = ScheduleMaintenance.rules(rotation).horizonEnd(today, 2);
		assertThat(horizonEnd).as("the end of the block containing today + 2 weeks")
			.isAfter(today.plusWeeks(2))
			.isBeforeOrEqualTo(today.plusWeeks(2).plusDays(rotation.blockDays()));
		assertThat(ScheduleMaintenance.rules(rotation).blockStart(horizonEnd)).isEqualTo(horizonEnd);
		assertThat(planned).extracting(ShiftView::date)
			.contains(horizonEnd.minusDays(1))
			.doesNotContain(horizonEnd)
			.allMatch(d -> !d.isBefore(today.minusDays(1)));
		assertThat(planned).filteredOn(s -> s.date().isBefore(today))
			.allSatisfy(
					s -> assertThat(s.slot()).as("only the night slot that began yesterday").isEqualTo("23:00-05:00"));
		assertThat(planned).allSatisfy(s -> {
			assertThat(s.assigneeId()).isNotNull();
			assertThat(s.reason()).isNotBlank();
			assertThat(s.end()).isAfter(Instant.now().minusSeconds(60));
		});
	}

	@Test
	void runningItAgainChangesNothing() {
		Rotation rotation = this.testRotations.imocLike(2);
		this.testRotations.staff(rotation, 8);
		this.maintenance.maintain(rotation.id());
		Map<Long, Long> versions = new HashMap<>();
		primaries(rotation).forEach(s -> versions.put(s.id(), s.version()));
		ScheduleMaintenance.Outcome again = this.maintenance.maintain(rotation.id());
		assertThat(again.created()).isZero();
		assertThat(again.reassigned()).isZero();
		Map<Long, Long> after = new HashMap<>();
		primaries(rotation).forEach(s -> after.put(s.id(), s.version()));
		assertThat(after).isEqualTo(versions);
	}

	@Test
	void timeAwayReassignsOnlyTheShiftsItTouchesThroughTheQuartzRepairJob() throws Exception {
		Rotation rotation = this.testRotations.imocLike(3);
		List<Person> staff = this.testRotations.staff(rotation, 8);
		this.maintenance.maintain(rotation.id());
		List<ShiftView> before = primaries(rotation);
		LocalDate awayDay = LocalDate.now(ZoneOffset.UTC).plusDays(6);
		ShiftView victim = before.stream().filter(s -> s.date().equals(awayDay)).findFirst().orElseThrow();
		Person away = this.people.findById(victim.assigneeId()).orElseThrow();
		Person coordinator = this.testPeople.coordinator("Cora Pto");
		this.timeAway.add(TestPeople.signedIn(coordinator), away.getId(), Unavailability.Kind.PTO, awayDay, awayDay,
				"conference");
		Instant awayStart = awayDay.atStartOfDay(away.zone()).toInstant();
		Instant awayEnd = awayDay.plusDays(1).atStartOfDay(away.zone()).toInstant();
		List<ShiftView> touched = before.stream()
			.filter(s -> away.getId().equals(s.assigneeId()) && s.start().isBefore(awayEnd)
					&& s.end().isAfter(awayStart))
			.toList();
		assertThat(touched).isNotEmpty();
		long deadline = System.currentTimeMillis() + 20_000;
		while (System.currentTimeMillis() < deadline
				&& this.shifts.find(victim.id()).orElseThrow().assigneeId().equals(away.getId())) {
			Thread.sleep(200);
		}
		Map<Long, ShiftView> after = new HashMap<>();
		primaries(rotation).forEach(s -> after.put(s.id(), s));
		for (ShiftView shift : before) {
			ShiftView now = after.get(shift.id());
			if (touched.contains(shift)) {
				assertThat(now.assigneeId()).isNotEqualTo(away.getId());
				assertThat(now.sequence()).isEqualTo(shift.sequence() + 1);
			}
			else {
				assertThat(now.assigneeId()).as("untouched shift %s", shift.id()).isEqualTo(shift.assigneeId());
				assertThat(now.version()).isEqualTo(shift.version());
			}
		}
		assertThat(this.auditLog.about("shift", victim.id()))
			.anySatisfy(e -> assertThat(e.getDetails()).startsWith(away.getName() + " → "));
		assertThat(staff).isNotEmpty();
	}

	@Test
	void aRotationNobodyHasJoinedIsNotPlannedUntilSomeoneJoins() {
		Rotation rotation = this.testRotations.imocLike(1);
		ScheduleMaintenance.Outcome outcome = this.maintenance.maintain(rotation.id());
		assertThat(outcome.created()).isZero();
		assertThat(primaries(rotation)).as("no weeks of 'the roster is empty' gaps").isEmpty();
		this.testRotations.staff(rotation, 6);
		ScheduleMaintenance.Outcome joined = this.maintenance.maintain(rotation.id());
		assertThat(joined.created()).isPositive();
		assertThat(joined.gaps()).isZero();
	}

	@Test
	void aRotationWithNobodyWhoCanServeIsAllCoverageGapsWithAReason() {
		Rotation rotation = this.testRotations.imocLike(1);
		this.testRotations.nobodyWhoCanServe(rotation);
		ScheduleMaintenance.Outcome outcome = this.maintenance.maintain(rotation.id());
		assertThat(outcome.gaps()).isEqualTo(outcome.created()).isPositive();
		assertThat(primaries(rotation)).allSatisfy(s -> {
			assertThat(s.isGap()).isTrue();
			assertThat(s.reason()).contains("no eligible person");
		});
		ScheduleMaintenance.Outcome again = this.maintenance.maintain(rotation.id());
		assertThat(again.reassigned()).as("a gap that still cannot be filled is left alone").isZero();
		assertThat(primaries(rotation)).allSatisfy(s -> assertThat(s.sequence()).isZero());
	}

	@Test
	void theDatabaseRefusesOnePersonHoldingTwoOverlappingShifts() {
		Rotation rotation = this.testRotations.imocLike(1);
		List<Person> staff = this.testRotations.staff(rotation, 6);
		this.maintenance.maintain(rotation.id());
		ShiftView shift = primaries(rotation).get(0);
		long other = staff.stream()
			.map(Person::getId)
			.filter(id -> !id.equals(shift.assigneeId()))
			.findFirst()
			.orElseThrow();
		Rotation second = this.testRotations.imocLike(1);
		assertThatThrownBy(() -> {
			for (int i = 0; i < 2; i++) {
				this.jdbc.update("""
						insert into shift (rotation_id, layer_id, slot_id, local_date, starts_at, ends_at, assignee_id)
						values (?, ?, ?, ?, ?, ?, ?)""", second.id(), second.layers().get(0).id(),
						second.slots().get(i).id(), shift.date(), Timestamp.from(shift.start()),
						Timestamp.from(shift.end()), other);
			}
		}).isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("shift_no_overlap_per_person");
	}

	@Test
	void aRotationPlannedAfterMidnightHasSomeoneOnTheNightShiftThatBeganYesterday() {
		Rotation rotation = this.testRotations.imocLike(1);
		this.testRotations.staff(rotation, 6);
		Instant twoAm = LocalDate.now(ZoneOffset.UTC).plusDays(20).atTime(2, 0).toInstant(ZoneOffset.UTC);
		ScheduleMaintenance pinned = new ScheduleMaintenance(this.rotations, this.roster, this.timeAway,
				this.jdbcClient, this.jdbc, this.auditLog, this.events, Clock.fixed(twoAm, ZoneOffset.UTC),
				this.holidays);
		new TransactionTemplate(this.transactionManager).executeWithoutResult(status -> pinned.maintain(rotation.id()));
		assertThat(this.shifts.runningAt(twoAm)).filteredOn(s -> s.rotationId() == rotation.id() && !s.shadow())
			.singleElement()
			.satisfies(s -> {
				assertThat(s.slot()).isEqualTo("23:00-05:00");
				assertThat(s.assigneeId()).isNotNull();
			});
	}

	@Test
	void slotTimesAreWallClockTimesInTheRotationsZoneAcrossTheAutumnChange() {
		Rotation rotation = this.testRotations.imocLike("America/New_York", 1,
				List.of(TestRotations.slot("00:00", "08:00"), TestRotations.slot("08:00", "16:00"),
						TestRotations.slot("16:00", "00:00")));
		this.testRotations.staff(rotation, 6);
		ScheduleMaintenance pinned = new ScheduleMaintenance(this.rotations, this.roster, this.timeAway,
				this.jdbcClient, this.jdbc, this.auditLog, this.events,
				Clock.fixed(Instant.parse("2026-10-30T12:00:00Z"), ZoneOffset.UTC), this.holidays);
		new TransactionTemplate(this.transactionManager).executeWithoutResult(status -> pinned.maintain(rotation.id()));
		List<ShiftView> all = this.shifts.ofRotation(rotation.id(), Instant.parse("2026-10-31T00:00:00Z"),
				Instant.parse("2026-11-03T00:00:00Z"));
		ShiftView night = all.stream()
			.filter(s -> !s.shadow() && s.date().equals(LocalDate.of(2026, 11, 1)) && s.slot().equals("00:00-08:00"))
			.findFirst()
			.orElseThrow();
		assertThat(night.start()).isEqualTo(Instant.parse("2026-11-01T04:00:00Z"));
		assertThat(night.end()).isEqualTo(Instant.parse("2026-11-01T13:00:00Z"));
		assertThat(night.length()).isEqualTo(Duration.ofHours(9));
		ShiftView evening = all.stream()
			.filter(s -> !s.shadow() && s.date().equals(LocalDate.of(2026, 10, 31)) && s.slot().equals("16:00-00:00"))
			.findFirst()
			.orElseThrow();
		assertThat(evening.end()).isEqualTo(night.start());
	}

}
