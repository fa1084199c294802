package com.example.imoc.people;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * On a database with nobody on it, creates the first coordinator from IMOC_ADMIN_EMAIL /
 * IMOC_ADMIN_PASSWORD, so a production install can be signed into. The password must pass
 * {@link PasswordPolicy}, or the app does not start.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

	private final PersonRepository people;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	private final JdbcTemplate jdbc;

	private final String email;

	private final String password;

	AdminBootstrap(PersonRepository people, PasswordEncoder passwordEncoder, Clock clock, JdbcTemplate jdbc,
			@Value("${imoc.admin.email:}") String email, @Value("${imoc.admin.password:}") String password) {
		this.people = people;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
		this.jdbc = jdbc;
		this.email = email;
		this.password = password;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (this.email.isBlank() || this.password.isBlank()) {
			return;
		}
		// Two instances starting together on an empty database must not both create the
		// coordinator.
		this.jdbc.queryForObject("select pg_advisory_xact_lock(4242000)", Object.class);
		if (this.people.count() > 0) {
			return;
		}
		// The same policy as every password set through the app: a weak bootstrap
		// password stops the start-up with
		// the reason, rather than leaving a production coordinator guessable.
		PasswordPolicy.problem(this.password, this.email).ifPresent(problem -> {
			throw new IllegalStateException("IMOC_ADMIN_PASSWORD (imoc.admin.password) is refused: " + problem);
		});
		Person admin = new Person("Rotation Coordinator", this.email, JobTitle.ROTATION_COORDINATOR, 8, ZoneOffset.UTC,
				Region.EMEA, LocalDate.now(this.clock));
		admin.setRole(Role.COORDINATOR);
		admin.setPasswordHash(this.passwordEncoder.encode(this.password));
		this.people.save(admin);
		log.info("Created the first coordinator, {}", this.email);
	}

}
