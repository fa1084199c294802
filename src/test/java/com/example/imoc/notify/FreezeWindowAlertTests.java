package com.example.imoc.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.example.imoc.IntegrationTest;
import com.example.imoc.people.Person;
import com.example.imoc.people.TestPeople;
import com.example.imoc.people.TimeAway;
import com.example.imoc.people.Unavailability;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.schedule.ScheduleMaintenance;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;
import com.example.imoc.schedule.TestRotations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inside the freeze window the assigner changes nothing, so a shift whose holder goes
 * away is in effect a gap: the coordinators hear of it in the same transaction, once, not
 * only in the next daily digest.
 */
@IntegrationTest
class FreezeWindowAlertTests {

	@Autowired
	TestRotations testRotations;

	@Autowired
	TestPeople testPeople;

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	Shifts shifts;

	@Autowired
	TimeAway timeAway;

	@Autowired
	JdbcClient jdbc;

	@Test
	void timeAwayOnAShiftInsideTheFreezeWindowIsAnnouncedAtOnceAndOnlyOnce() {
		Rotation rotation = this.testRotations.imocLike(2);
		this.testRotations.staff(rotation, 6);
		this.maintenance.maintain(rotation.id());
		Person coordinator = this.testPeople.coordinator("Frieda Frozen");
		Instant now = Instant.now();
		ShiftView frozen = primaries(rotation, now.plus(Duration.ofHours(1)), now.plus(Duration.ofHours(20))).get(0);
		Person holder = this.testPeople.find(frozen.assigneeId());
		ShiftView later = primaries(rotation, now.plus(Duration.ofDays(4)), now.plus(Duration.ofDays(8))).stream()
			.filter(s -> holder.getId().equals(s.assigneeId()))
			.findFirst()
			.orElseThrow();
		LocalDate day = LocalDate.ofInstant(frozen.start(), holder.zone());

		this.timeAway.add(TestPeople.signedIn(holder), holder.getId(), Unavailability.Kind.SICK, day, day, "flu");
		List<String> alerts = alerts(coordinator);
		assertThat(alerts).hasSize(1);
		assertThat(alerts.get(0)).contains("Uncovered shift in the freeze window", holder.getName() + " is away then",
				"shift " + frozen.id());

		this.timeAway.add(TestPeople.signedIn(holder), holder.getId(), Unavailability.Kind.PTO, day, day.plusDays(1),
				"");
		LocalDate laterDay = LocalDate.ofInstant(later.start(), holder.zone());
		this.timeAway.add(TestPeople.signedIn(holder), holder.getId(), Unavailability.Kind.PTO, laterDay, laterDay, "");
		assertThat(alerts(coordinator)).as("once per shift; shifts after the freeze window are the repair's")
			.hasSize(1);
	}

	private List<String> alerts(Person coordinator) {
		return this.jdbc.sql("""
				select subject || ' ' || body from notification where recipient_id = ? and kind = 'coverage.gap'
				and subject like 'Uncovered shift in the freeze window%'""")
			.param(coordinator.getId())
			.query(String.class)
			.list();
	}

	private List<ShiftView> primaries(Rotation rotation, Instant from, Instant to) {
		return this.shifts.ofRotation(rotation.id(), from, to)
			.stream()
			.filter(s -> !s.shadow() && !s.isGap() && s.start().isAfter(from))
			.toList();
	}

}
