package com.example.imoc.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.IntegrationTest;
import com.example.imoc.people.OnboardingState;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.Roster;
import com.example.imoc.people.TimeAway;
import com.example.imoc.people.TestPeople;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.Shifts;
import com.example.imoc.schedule.TestRotations;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class GapAlertRecipientsTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Notifications notifications;

	@Autowired
	PersonRepository people;

	@Autowired
	Shifts shifts;

	@Autowired
	Rotations rotations;

	@Autowired
	Clock clock;

	@Autowired
	TestPeople testPeople;

	@Autowired
	TestRotations testRotations;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	TimeAway timeAway;

	@Autowired
	Roster roster;

	private int gapNotices(Person person) {
		return this.jdbc.sql("select count(*) from notification where recipient_id = ? and kind = 'coverage.gap'")
			.param(person.getId())
			.query(Integer.class)
			.single();
	}

	@Test
	void participantsHearOfGapsOnlyWhenTheSettingSaysSo() {
		Person coordinator = this.testPeople.coordinator("Cora Recipients");
		Rotation rotation = this.testRotations.imocLike(1);
		Person learner = this.testPeople.manager("Still Learning");
		learner.setOnboardingState(OnboardingState.SHADOW);
		this.people.save(learner);
		this.rotations.join(rotation.id(), learner.getId(), rotation.layer("weekdays and weekends").orElseThrow().id());
		this.jdbc.sql("""
				insert into shift (rotation_id, layer_id, slot_id, local_date, starts_at, ends_at)
				values (?, ?, ?, current_date + 3, now() + interval '3 days', now() + interval '3 days 6 hours')""")
			.params(rotation.id(), rotation.layers().get(0).id(), rotation.slots().get(0).id())
			.update();
		Instant now = this.clock.instant();
		CoverageGapAlerts quiet = alerts(false);
		this.transaction.executeWithoutResult(tx -> quiet.alertNewGaps(rotation.id(), now));
		// The coordinator may also hear from the start-up extension of this rotation,
		// running in the background.
		assertThat(gapNotices(coordinator)).isPositive();
		assertThat(gapNotices(learner)).isZero();

		this.jdbc.sql("delete from coverage_gap_alert where shift_id in (select id from shift where rotation_id = ?)")
			.param(rotation.id())
			.update();
		CoverageGapAlerts loud = alerts(true);
		this.transaction.executeWithoutResult(tx -> loud.alertNewGaps(rotation.id(), now.plus(Duration.ofSeconds(1))));
		assertThat(gapNotices(learner)).isPositive();
	}

	private CoverageGapAlerts alerts(boolean toParticipants) {
		NotifyProperties properties = new NotifyProperties("IMOC <imoc@example.com>", 8, Duration.ofSeconds(30),
				Duration.ofHours(1), 50, Duration.ofSeconds(30), "0 0 7 * * ?", false, toParticipants,
				Duration.ofMinutes(30));
		return new CoverageGapAlerts(this.jdbc, this.notifications, this.people, this.shifts, this.rotations,
				this.clock, properties, this.timeAway, this.roster);
	}

}
