package com.example.imoc.demo;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Remembers, in {@code app_setting}, which parts of the demo have been seeded, so each
 * runs once per database even when two instances start together.
 */
@Component
class SeedMarks {

	private final JdbcTemplate jdbc;

	private final DemoMode demoMode;

	SeedMarks(JdbcTemplate jdbc, DemoMode demoMode) {
		this.jdbc = jdbc;
		this.demoMode = demoMode;
	}

	/**
	 * Whether the demo still has to seed this part: never when demo mode is off;
	 * otherwise locks the key for the rest of the transaction, then tells whether it has
	 * been seeded yet.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	boolean pending(String key) {
		if (!this.demoMode.isOn()) {
			return false;
		}
		this.jdbc.queryForObject("select pg_advisory_xact_lock(hashtext(?))", Object.class, key);
		Integer done = this.jdbc.queryForObject("select count(*) from app_setting where key = ?", Integer.class, key);
		return done == null || done == 0;
	}

	@Transactional(propagation = Propagation.MANDATORY)
	void markDone(String key, String what) {
		this.jdbc.update("insert into app_setting (key, value) values (?, ?) on conflict (key) do nothing", key, what);
	}

}
