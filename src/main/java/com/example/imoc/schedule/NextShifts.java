package com.example.imoc.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import com.example.imoc.database.CacheDependencies;
import com.example.imoc.database.DataChanges;
import com.example.imoc.database.KeptReads;

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

	private final KeptReads<Long, Optional<ShiftView>> kept;

	private final Shifts shifts;

	NextShifts(Shifts shifts, DataChanges changes, Clock clock) {
		this.shifts = shifts;
		this.kept = new KeptReads<>(changes, clock, LIMIT);
	}

	Optional<ShiftView> of(long personId, Instant now) {
		return this.kept.get(personId, now, id -> this.shifts.nextOf(id, now),
				next -> next.map(ShiftView::end).orElse(Instant.MAX));
	}

}
