package com.example.imoc.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.example.imoc.database.CacheDependencies;
import com.example.imoc.database.DataChanges;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.web.api.BadApiRequest;
import com.example.imoc.web.api.InputRanges;

/**
 * "Who is on call now" and the shifts, as JSON (shapes in PRODUCT.md). Instants are
 * ISO-8601 in UTC.
 */
@RestController
@RequestMapping("/api/v1")
class ScheduleApi {

	/**
	 * What "who is on call now" is made of: the running shifts with their rotation, slot,
	 * layer and assignee.
	 */
	@Bean
	static CacheDependencies onCallCache() {
		return CacheDependencies.of("who is on call", ScheduleApi.class, "shift", "rotation", "rotation_slot",
				"rotation_layer", "person");
	}

	/**
	 * The longest range one call may ask for, so a typo cannot make the server render
	 * years of shifts.
	 */
	private static final Duration MAX_RANGE = Duration.ofDays(400);

	private final Shifts shifts;

	private final PersonRepository people;

	private final Clock clock;

	private final DataChanges changes;

	/**
	 * Who is on call, valid from {@code from} until {@code until} (the first running
	 * shift's end or the next start, whichever is earlier) while the data generation is
	 * {@code stamp}: what chat bots poll, every few seconds.
	 */
	private record OnCallNow(long stamp, Instant from, Instant until, List<ShiftJson> shifts) {
	}

	private volatile OnCallNow onCallNow;

	ScheduleApi(Shifts shifts, PersonRepository people, Clock clock, DataChanges changes) {
		this.changes = changes;
		this.shifts = shifts;
		this.people = people;
		this.clock = clock;
	}

	record RotationRef(long id, String name) {
	}

	record PersonRef(long id, String name, String email) {
	}

	/**
	 * A shift; {@code published} false marks a draft beyond the rotation's publication
	 * boundary.
	 */
	record ShiftJson(long id, RotationRef rotation, String layer, String slot, String start, String end,
			PersonRef assignee, boolean shadow, String reason, boolean published) {

		static ShiftJson of(ShiftView s) {
			return new ShiftJson(s.id(), new RotationRef(s.rotationId(), s.rotationName()), s.layer(), s.slot(),
					s.start().toString(), s.end().toString(),
					s.assigneeId() == null ? null : new PersonRef(s.assigneeId(), s.assigneeName(), s.assigneeEmail()),
					s.shadow(), s.reason(), s.published());
		}

	}

	record OnCallJson(String at, List<ShiftJson> oncall) {
	}

	@GetMapping("/oncall")
	OnCallJson onCall(@RequestParam(required = false) String at) {
		if (at != null) {
			Instant instant = instant("at", at);
			return new OnCallJson(instant.toString(),
					this.shifts.runningAt(instant).stream().map(ShiftJson::of).toList());
		}
		Instant now = this.clock.instant();
		OnCallNow known = this.onCallNow;
		if (known != null && this.changes.isCurrent(known.stamp()) && !now.isBefore(known.from())
				&& now.isBefore(known.until())) {
			return new OnCallJson(now.toString(), known.shifts());
		}
		long stamp = this.changes.stamp(); // before reading: a change committed after it
											// voids the answer
		List<ShiftView> running = this.shifts.runningAt(now);
		Instant until = this.shifts.nextStartAfter(now).orElse(Instant.MAX);
		for (ShiftView shift : running) {
			until = shift.end().isBefore(until) ? shift.end() : until;
		}
		List<ShiftJson> oncall = running.stream().map(ShiftJson::of).toList();
		if (stamp >= 0) {
			this.onCallNow = new OnCallNow(stamp, now, until, oncall);
		}
		return new OnCallJson(now.toString(), oncall);
	}

	@GetMapping("/shifts")
	List<ShiftJson> shifts(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
			@RequestParam(required = false) String person) {
		Instant now = this.clock.instant();
		Instant start = from == null ? now : instant("from", from);
		Instant end = to == null ? start.plus(Duration.ofDays(28)) : instant("to", to);
		if (!end.isAfter(start)) {
			throw new BadApiRequest("to", "\"to\" must be after \"from\".");
		}
		if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
			throw new BadApiRequest("to", "Ask for at most 400 days at a time.");
		}
		Long personId = person == null || person.isBlank() ? null : personId(person.trim());
		return this.shifts.between(start, end, personId).stream().map(ShiftJson::of).toList();
	}

	private Long personId(String person) {
		if (person.matches("\\d{1,18}")) {
			long id = Long.parseLong(person);
			if (this.people.existsById(id)) {
				return id;
			}
		}
		else if (person.contains("@")) {
			var found = this.people.findByEmail(person);
			if (found.isPresent()) {
				return found.get().getId();
			}
		}
		throw new BadApiRequest("person", "No person with id or email \"" + person + "\".");
	}

	private static Instant instant(String field, String text) {
		try {
			Instant instant = Instant.parse(text.trim());
			if (!InputRanges.accepts(instant)) {
				throw new BadApiRequest(field,
						"\"" + text + "\" is outside the years this API answers for (" + InputRanges.RANGE + ").");
			}
			return instant;
		}
		catch (DateTimeParseException ex) {
			throw new BadApiRequest(field, "\"" + text + "\" is not an ISO-8601 instant like 2026-12-01T05:00:00Z.");
		}
	}

}
