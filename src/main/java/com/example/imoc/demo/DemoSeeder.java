package com.example.imoc.demo;

import java.time.Clock;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.people.PersonRepository;

/**
 * Seeds the demo organisation once. A row in {@code app_setting} remembers that it happened, so restarts never
 * duplicate anything, and a database that already has a roster of its own is never touched.
 */
@Component
@Order(10)
class DemoSeeder implements ApplicationRunner {

	static final String SEEDED_KEY = "demo.seeded";

	private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

	private final DemoMode demoMode;

	private final PersonRepository people;

	private final PasswordEncoder passwordEncoder;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	DemoSeeder(DemoMode demoMode, PersonRepository people, PasswordEncoder passwordEncoder, JdbcTemplate jdbc,
			Clock clock) {
		this.demoMode = demoMode;
		this.people = people;
		this.passwordEncoder = passwordEncoder;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (!this.demoMode.isOn()) {
			return;
		}
		// Two instances starting together against one database must not both seed.
		this.jdbc.queryForObject("select pg_advisory_xact_lock(4242001)", Object.class);
		if (alreadySeeded()) {
			return;
		}
		if (this.people.findByEmail(DemoPeople.COORDINATOR_EMAIL).isPresent()) {
			markSeeded();
			return;
		}
		var created = DemoPeople.create(this.people, this.passwordEncoder.encode("demo"), LocalDate.now(this.clock));
		markSeeded();
		log.info("Demo data seeded: {} people; sign in as {} / demo", created.size(), DemoPeople.COORDINATOR_EMAIL);
	}

	boolean alreadySeeded() {
		Integer count = this.jdbc.queryForObject("select count(*) from app_setting where key = ?", Integer.class,
				SEEDED_KEY);
		return count != null && count > 0;
	}

	private void markSeeded() {
		this.jdbc.update("insert into app_setting (key, value) values (?, ?) on conflict (key) do nothing", SEEDED_KEY,
				"people");
	}

}
