package com.example.imoc.schedule;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import com.example.imoc.database.CacheDependencies;
import com.example.imoc.database.DataChanges;

/**
 * Each person's next live primary shift that has not ended ({@link Shifts#nextOf}), as
 * {@code /} shows it, kept per person while the data generation is unchanged and that
 * shift has not ended (issue 17: was a query on every view of {@code /}). Read at
 * {@code t}, the answer holds for any later {@code now} before its end: the shifts still
 * to end then are among those still to end at {@code t}, and the earliest of those is
 * still among them. A person with no next shift gets one only through a change.
 */
@Component
class NextShifts {

	/** What the next shifts are read from: the shift and what its row shows. */
	@Bean
	static CacheDependencies nextShiftsCache() {
		return CacheDependencies.of("next shifts", NextShifts.class, "shift", "rotation", "rotation_slot",
				"rotation_layer", "person");
	}

	/**
	 * People who look at {@code /} at once are far fewer; beyond this it starts afresh.
	 */
	static final int LIMIT = 10_000;

	private record Kept(long stamp, Instant readAt, Optional<ShiftView> next) {

		boolean holdsAt(Instant now) {
			return !now.isBefore(this.readAt) && this.next.map(shift -> shift.end().isAfter(now)).orElse(true);
		}

	}

	private final Map<Long, Kept> kept = new ConcurrentHashMap<>();

	private final Shifts shifts;

	private final DataChanges changes;

	NextShifts(Shifts shifts, DataChanges changes) {
		this.shifts = shifts;
		this.changes = changes;
	}

	Optional<ShiftView> of(long personId, Instant now) {
		Kept hit = this.kept.get(personId);
		if (hit != null && this.changes.isCurrent(hit.stamp()) && hit.holdsAt(now)) {
			return hit.next();
		}
		long stamp = this.changes.stamp(); // before reading: a later change voids it
		Optional<ShiftView> next = this.shifts.nextOf(personId, now);
		if (stamp >= 0) {
			if (this.kept.size() >= LIMIT) {
				this.kept.clear();
			}
			this.kept.put(personId, new Kept(stamp, now, next));
		}
		return next;
	}

}
