package com.example.imoc.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.people.JobTitle;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.TimeAway;
import com.example.imoc.people.Unavailability;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.RotationLayer;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.ScheduleMaintenance;

/**
 * Seeds the demo organisation once. A row in {@code app_setting} remembers that it
 * happened, so restarts never duplicate anything, and a database that already has a
 * roster of its own is never touched.
 */
@Component
@Order(10)
class DemoSeeder implements ApplicationRunner {

	static final String SEEDED_KEY = "demo.seeded";

	private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

	private final PersonRepository people;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	private final Rotations rotations;

	private final TimeAway timeAway;

	private final ScheduleMaintenance maintenance;

	private final SeedMarks seedMarks;

	DemoSeeder(PersonRepository people, PasswordEncoder passwordEncoder, Clock clock, Rotations rotations,
			TimeAway timeAway, ScheduleMaintenance maintenance, SeedMarks seedMarks) {
		this.seedMarks = seedMarks;
		this.rotations = rotations;
		this.timeAway = timeAway;
		this.maintenance = maintenance;
		this.people = people;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (!this.seedMarks.pending(SEEDED_KEY)) {
			return;
		}
		if (this.people.findByEmail(DemoPeople.COORDINATOR_EMAIL).isPresent()) {
			this.seedMarks.markDone(SEEDED_KEY, "people");
			return;
		}
		if (this.people.count() > 0) {
			// Only an empty database gets demo people: a roster of its own (or a
			// bootstrap coordinator) is never mixed
			// with them.
			log.warn("Demo data not seeded: the database already has people on its roster.");
			this.seedMarks.markDone(SEEDED_KEY, "refused: roster not empty");
			return;
		}
		LocalDate today = LocalDate.now(this.clock);
		var created = DemoPeople.create(this.people, this.passwordEncoder.encode("demo"), today);
		int shifts = seedRotation(created, today);
		this.seedMarks.markDone(SEEDED_KEY, "people");
		log.info("Demo data seeded: {} people, {} IMOC shifts; sign in as {} / demo", created.size(), shifts,
				DemoPeople.COORDINATOR_EMAIL);
	}

	/**
	 * Everyone eligible or in training joins the IMOC rotation (weekdays-only contracts
	 * in that layer), a few people get PTO, and the schedule is planned from four weeks
	 * ago so there is history to look at.
	 */
	private int seedRotation(List<Person> created, LocalDate today) {
		Rotation imoc = this.rotations.findByName("IMOC").orElse(null);
		if (imoc == null) {
			return 0;
		}
		long allDays = imoc.layer("weekdays and weekends").orElseThrow().id();
		long weekdaysOnly = imoc.layer("weekdays-only").map(RotationLayer::id).orElse(allDays);
		for (Person person : created) {
			if (person.isCoordinator() || person.getJobTitle() == JobTitle.SITE_RELIABILITY_ENGINEER) {
				continue;
			}
			this.rotations.join(imoc.id(), person.getId(), person.isWeekdaysOnly() ? weekdaysOnly : allDays);
		}
		int index = 0;
		for (Person person : created) {
			if (index++ % 9 == 4) {
				this.timeAway.seed(person.getId(), Unavailability.Kind.PTO, today.plusDays(3 + index % 20),
						today.plusDays(3 + index % 20 + 4), "Family holiday");
			}
		}
		return this.maintenance.backfill(imoc.id(), today.minusDays(28)).created();
	}

}
