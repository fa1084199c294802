package com.example.imoc.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.IntegrationTest;
import com.example.imoc.database.DataChanges;
import com.example.imoc.people.Person;
import com.example.imoc.rotation.Rotation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared part of the home page (issue 17, item 1): one board for every viewer while
 * nothing changed within a minute, always what the database says at that instant, across
 * several simulated days and their handoffs, and read afresh after a commit.
 */
@IntegrationTest
class HomeBoardTests {

	@Autowired
	HomeBoard homeBoard;

	@Autowired
	Shifts shifts;

	@Autowired
	TestRotations testRotations;

	@Autowired
	ScheduleMaintenance maintenance;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transaction;

	@Autowired
	DataChanges changes;

	private static List<Long> ids(List<ShiftView> shifts) {
		return shifts.stream().map(ShiftView::id).toList();
	}

	private HomeBoard.RotationBoard row(HomeBoard.Board board, Rotation rotation) {
		return board.rotations().stream().filter(r -> r.rotation().id() == rotation.id()).findFirst().orElseThrow();
	}

	/** What the board must say at {@code at}, straight from the database. */
	private void assertTruthAt(HomeBoard.Board board, Rotation rotation, Instant at) {
		List<ShiftView> running = this.shifts.runningAt(at)
			.stream()
			.filter(s -> s.rotationId() == rotation.id())
			.toList();
		HomeBoard.RotationBoard row = row(board, rotation);
		assertThat(ids(row.onCall())).as("on call at %s", at)
			.isEqualTo(ids(running.stream().filter(s -> !s.shadow()).toList()));
		assertThat(ids(row.shadows())).as("shadows at %s", at)
			.isEqualTo(ids(running.stream().filter(ShiftView::shadow).toList()));
		ShiftView next = this.shifts.nextStarts(at).get(rotation.id());
		assertThat(row.next() == null ? null : row.next().id()).as("next handoff after %s", at)
			.isEqualTo(next == null ? null : next.id());
		assertThat(board.gapsAhead()).as("gaps ahead at %s", at)
			.isEqualTo(this.shifts
				.gaps(at.truncatedTo(ChronoUnit.MINUTES), at.truncatedTo(ChronoUnit.MINUTES).plus(HomeBoard.GAPS_AHEAD))
				.size());
	}

	/**
	 * The board at {@code at} against the database. The context's jobs (gap repair after
	 * other tests' roster changes) may commit between the two readings: then both are
	 * read again.
	 */
	private void checkAt(Rotation rotation, Instant at) {
		for (int attempt = 0;; attempt++) {
			long stamp = this.changes.stamp();
			HomeBoard.Board board = this.homeBoard.at(at);
			try {
				assertTruthAt(board, rotation, at);
				return;
			}
			catch (AssertionError ex) {
				if (this.changes.isCurrent(stamp) || attempt >= 5) {
					throw ex;
				}
			}
		}
	}

	@Test
	void theBoardIsSharedWithinAMinuteAndRightAtEveryInstantOverSeveralDays() {
		Rotation rotation = this.testRotations.imocLike(2);
		this.testRotations.staff(rotation, 6);
		this.maintenance.maintain(rotation.id());
		Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1));
		// Every 2 h 30 min for three days: just before, at and just after handoffs.
		for (int step = 0; step < 29; step++) {
			Instant at = start.plus(Duration.ofMinutes(150L * step));
			for (Instant instant : List.of(at.minusSeconds(1), at, at.plusSeconds(1))) {
				checkAt(rotation, instant);
			}
			// Two viewers in the same minute, nothing changed in between: one board. (A
			// late notification of the set-up's own writes may move the generation
			// once: then the next pair shares.)
			HomeBoard.Board first = null;
			HomeBoard.Board second = null;
			for (int attempt = 0; attempt < 3 && (first == null || second != first); attempt++) {
				first = this.homeBoard.at(at.plusSeconds(20));
				second = this.homeBoard.at(at.plusSeconds(40));
			}
			assertThat(second).as("shared at %s", at).isSameAs(first);
			checkAt(rotation, at.plusSeconds(40));
		}
	}

	@Test
	void aCommittedChangeIsOnTheNextBoard() {
		Rotation rotation = this.testRotations.imocLike(2);
		List<Person> staff = this.testRotations.staff(rotation, 6);
		this.maintenance.maintain(rotation.id());
		Instant now = Instant.now();
		ShiftView running = this.shifts.runningAt(now)
			.stream()
			.filter(s -> s.rotationId() == rotation.id() && !s.shadow())
			.findFirst()
			.orElseThrow();
		HomeBoard.Board before = this.homeBoard.at(now);
		assertThat(ids(row(before, rotation).onCall())).contains(running.id());
		Person other = staff.stream()
			.filter(p -> !Objects.equals(p.getId(), running.assigneeId()))
			.findFirst()
			.orElseThrow();

		// A reassignment and a new gap, committed through the application's transaction
		// manager as every write is.
		ShiftView later = this.shifts
			.ofRotation(rotation.id(), now.plus(Duration.ofDays(2)), now.plus(Duration.ofDays(3)))
			.stream()
			.filter(s -> !s.shadow() && s.assigneeId() != null)
			.findFirst()
			.orElseThrow();
		this.transaction.executeWithoutResult((status) -> {
			this.jdbc.sql("update shift set assignee_id = ? where id = ?").params(other.getId(), running.id()).update();
			this.jdbc.sql("update shift set assignee_id = null where id = ?").param(later.id()).update();
		});

		HomeBoard.Board after = this.homeBoard.at(now.plusMillis(1));
		assertThat(after).isNotSameAs(before);
		assertThat(row(after, rotation).onCall()).filteredOn(s -> s.id() == running.id())
			.singleElement()
			.satisfies(s -> assertThat(s.assigneeId()).isEqualTo(other.getId()));
		// The new gap is counted (unless a job filled it since: then the board says so).
		checkAt(rotation, now.plusMillis(1));
	}

}
