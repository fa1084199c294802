package com.example.imoc.simulation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.example.imoc.people.JobTitle;
import com.example.imoc.people.OnboardingState;
import com.example.imoc.people.Role;
import com.example.imoc.people.SignedInPerson;

/**
 * A simulated person and the history of what the harness changed about them, so a shift
 * can be judged by the rules as they stood when it started (a shift that was already
 * running when its owner fell sick or left is not a violation; one that starts afterwards
 * is).
 */
final class SimPerson {

	/** Layer id meaning "not in the rotation". */
	static final long NO_LAYER = -1;

	final long id;

	final String name;

	final String email;

	final ZoneId zone;

	final JobTitle title;

	final int grade;

	final LocalDate startDate;

	/**
	 * In the rotation from the first day, live (not in training), and never left: the
	 * fairness figures' people.
	 */
	boolean steady;

	final TreeMap<Instant, OnboardingState> onboarding = new TreeMap<>();

	final TreeMap<Instant, Boolean> active = new TreeMap<>();

	final TreeMap<Instant, Long> layer = new TreeMap<>();

	final TreeMap<Instant, List<String>> preferred = new TreeMap<>();

	/** The day shadowing moves on to the next onboarding state, while in training. */
	LocalDate nextOnboardingStep;

	SimPerson(long id, String name, String email, ZoneId zone, JobTitle title, int grade, LocalDate startDate) {
		this.id = id;
		this.name = name;
		this.email = email;
		this.zone = zone;
		this.title = title;
		this.grade = grade;
		this.startDate = startDate;
	}

	static <T> T at(TreeMap<Instant, T> history, Instant instant) {
		Map.Entry<Instant, T> entry = history.floorEntry(instant);
		return entry == null ? null : entry.getValue();
	}

	OnboardingState onboardingAt(Instant instant) {
		return at(this.onboarding, instant);
	}

	boolean activeAt(Instant instant) {
		return Boolean.TRUE.equals(at(this.active, instant));
	}

	long layerAt(Instant instant) {
		Long id = at(this.layer, instant);
		return id == null ? NO_LAYER : id;
	}

	List<String> preferredAt(Instant instant) {
		List<String> slots = at(this.preferred, instant);
		return slots == null ? List.of() : slots;
	}

	/** Still in the rotation, active, and live now. */
	boolean liveIm(Instant now) {
		return activeAt(now) && layerAt(now) != NO_LAYER && onboardingAt(now) == OnboardingState.ACTIVE;
	}

	SignedInPerson signedIn() {
		return new SignedInPerson(this.id, this.email, this.name, null, Role.MANAGER, true);
	}

	@Override
	public String toString() {
		return this.name + " (#" + this.id + ")";
	}

}
