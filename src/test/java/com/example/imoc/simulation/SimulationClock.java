package com.example.imoc.simulation;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The simulation's "now": one instance shared by every application node of a run (they
 * live in one JVM), moved on only by the harness, so a simulated year takes minutes and
 * two runs see the same instants.
 */
final class SimulationClock extends Clock {

	private volatile Instant now;

	SimulationClock(Instant start) {
		this.now = start;
	}

	/** Moves time forward to {@code instant}; time never runs backwards. */
	void advanceTo(Instant instant) {
		if (instant.isBefore(this.now)) {
			throw new IllegalArgumentException("time runs forwards: " + instant + " is before " + this.now);
		}
		this.now = instant;
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
		SimulationClock source = this;
		return new Clock() {

			@Override
			public Instant instant() {
				return source.instant();
			}

			@Override
			public ZoneId getZone() {
				return zone;
			}

			@Override
			public Clock withZone(ZoneId other) {
				return source.withZone(other);
			}

		};
	}

}
