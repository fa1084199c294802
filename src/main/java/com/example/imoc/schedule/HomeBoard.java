package com.example.imoc.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import com.example.imoc.database.CacheDependencies;
import com.example.imoc.database.DataChanges;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;

/**
 * What every viewer of {@code /} sees alike (issue 17, item 1): who is on call in each
 * rotation, who shadows, the next handoff, and how many shifts in the next 14 days have
 * nobody. Computed once and shared by all sessions while no shown data changed (the
 * {@link DataChanges} generation), within the same minute (the page shows "in 2 h" and
 * the 14 days move on), and until the next handoff; only the viewer's own next shift and
 * time zone are read per request ({@link ScheduleController#home}).
 */
@Component
class HomeBoard {

	/** How far ahead the home page counts gaps. */
	static final Duration GAPS_AHEAD = Duration.ofDays(14);

	private final Shifts shifts;

	private final Rotations rotations;

	private final DataChanges changes;

	private volatile Board board;

	HomeBoard(Shifts shifts, Rotations rotations, DataChanges changes) {
		this.shifts = shifts;
		this.rotations = rotations;
		this.changes = changes;
	}

	/**
	 * What the board is made of: the running and next shifts with their rotation, slot,
	 * layer and assignee, and the rotations with their slots and layers.
	 */
	@Bean
	static CacheDependencies homeBoardCache() {
		return CacheDependencies.of("home board", HomeBoard.class, "shift", "rotation", "rotation_slot",
				"rotation_layer", "person");
	}

	/** One rotation right now: primaries and shadows on call, and the next handoff. */
	record RotationBoard(Rotation rotation, List<ShiftView> onCall, List<ShiftView> shadows, ShiftView next) {
	}

	/**
	 * The shared part of the home page at one minute of one generation.
	 *
	 * @param stamp the data generation it was read at
	 * @param minute the minute it was read in
	 * @param until when who is on call changes next (a start or an end)
	 * @param rotations every rotation, in the order of {@link Rotations#all()}
	 * @param gapsAhead shifts without anybody in the 14 days from the minute's start
	 */
	record Board(long stamp, Instant minute, Instant until, List<RotationBoard> rotations, int gapsAhead) {
	}

	/** The board at {@code now}: the shared one while it is current, else read afresh. */
	Board at(Instant now) {
		Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
		Board known = this.board;
		if (known != null && this.changes.isCurrent(known.stamp()) && known.minute().equals(minute)
				&& now.isBefore(known.until())) {
			return known;
		}
		// Before reading: a change committed after it voids what is read.
		long stamp = this.changes.stamp();
		List<ShiftView> running = this.shifts.runningAt(now);
		Map<Long, ShiftView> nextStarts = this.shifts.nextStarts(now);
		Instant until = this.shifts.nextStartAfter(now).orElse(Instant.MAX);
		List<RotationBoard> rows = new ArrayList<>();
		for (Rotation rotation : this.rotations.all()) {
			List<ShiftView> mine = running.stream().filter(s -> s.rotationId() == rotation.id()).toList();
			rows.add(new RotationBoard(rotation, mine.stream().filter(s -> !s.shadow()).toList(),
					mine.stream().filter(ShiftView::shadow).toList(), nextStarts.get(rotation.id())));
		}
		for (ShiftView shift : running) {
			until = shift.end().isBefore(until) ? shift.end() : until;
		}
		// Counted from the minute's start, so that the count is the same all minute long.
		int gaps = this.shifts.gaps(minute, minute.plus(GAPS_AHEAD)).size();
		Board fresh = new Board(stamp, minute, until, List.copyOf(rows), gaps);
		if (stamp >= 0) {
			this.board = fresh;
		}
		return fresh;
	}

}
