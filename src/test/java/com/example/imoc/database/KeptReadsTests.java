package com.example.imoc.database;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.example.imoc.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The rule every cache keeps ({@link KeptReads}): a read is kept per key while the data
 * generation stands and, if it says so, until its own end; the generation is taken before
 * the read; nothing is kept while changes could go unnoticed. Walked across simulated
 * days with a clock moved by hand; the generation is moved by hand as commits would move
 * it ({@link DataChanges}'s listening and notifications have their own tests,
 * DataChangesTests and CacheDependenciesTests).
 */
class KeptReadsTests {

	/** DataChanges' generation, moved by the test instead of by commits. */
	private static final class Generations extends DataChanges {

		final AtomicLong generation = new AtomicLong();

		volatile boolean listening = true;

		Generations() {
			super(null);
		}

		@Override
		public long stamp() {
			return this.listening ? this.generation.get() : -1;
		}

		@Override
		public boolean isCurrent(long stamp) {
			return stamp >= 0 && this.listening && this.generation.get() == stamp;
		}

		void commit() {
			this.generation.incrementAndGet();
		}

	}

	private final Generations changes = new Generations();

	private final MutableClock clock = new MutableClock(Instant.parse("2027-03-01T08:00:00Z"));

	private final List<String> reads = new ArrayList<>();

	private String read(long key) {
		this.reads.add("read " + key);
		return key + " at " + this.changes.generation.get();
	}

	@Test
	void aReadIsKeptPerKeyWhileTheGenerationStandsAcrossDays() {
		KeptReads<Long, String> kept = new KeptReads<>(this.changes, this.clock, 100);
		for (int day = 0; day < 10; day++) {
			this.reads.clear();
			assertThat(kept.get(1L, this::read)).isEqualTo("1 at " + day);
			assertThat(kept.get(2L, this::read)).isEqualTo("2 at " + day);
			this.clock.add(Duration.ofHours(12));
			assertThat(kept.get(1L, this::read)).as("no change, half a day later").isEqualTo("1 at " + day);
			assertThat(kept.get(2L, this::read)).isEqualTo("2 at " + day);
			assertThat(this.reads).as("day %d", day).containsExactly("read 1", "read 2");
			this.clock.add(Duration.ofHours(12));
			this.changes.commit(); // a commit a day: everything kept is stale
		}
	}

	@Test
	void aValueThatEndsIsReadAgainOnceItsEndHasPassed() {
		KeptReads<Long, Instant> kept = new KeptReads<>(this.changes, this.clock, 100);
		// What is read holds until the next 18:00 (a shift's end, say).
		for (int day = 0; day < 5; day++) {
			this.reads.clear();
			Instant sixPm = this.clock.instant().plus(Duration.ofHours(10));
			assertThat(kept.get(7L, key -> {
				this.reads.add("read");
				return sixPm;
			}, end -> end)).isEqualTo(sixPm);
			this.clock.set(sixPm.minusSeconds(1));
			kept.get(7L, key -> {
				this.reads.add("read");
				return sixPm;
			}, end -> end);
			assertThat(this.reads).as("kept until its end, day %d", day).hasSize(1);
			this.clock.set(sixPm);
			kept.get(7L, key -> {
				this.reads.add("read");
				return sixPm;
			}, end -> end);
			assertThat(this.reads).as("read again at its end, day %d", day).hasSize(2);
			this.clock.set(sixPm.plus(Duration.ofHours(14)));
		}
	}

	@Test
	void aValueReadAsOfAMomentHoldsFromThatMomentUntilItsEndAndNotBefore() {
		KeptReads<Long, Instant> kept = new KeptReads<>(this.changes, this.clock, 100);
		for (int day = 0; day < 5; day++) {
			this.reads.clear();
			Instant at = Instant.parse("2027-03-01T06:00:00Z").plus(Duration.ofDays(day));
			Instant end = at.plus(Duration.ofHours(8));
			kept.get(1L, at, key -> {
				this.reads.add("read at " + at);
				return end;
			}, value -> value);
			for (Instant later : List.of(at, at.plus(Duration.ofHours(7)), end.minusNanos(1))) {
				assertThat(kept.get(1L, later, key -> {
					this.reads.add("read at " + later);
					return end;
				}, value -> value)).isEqualTo(end);
			}
			assertThat(this.reads).as("kept from its read until its end, day %d", day).hasSize(1);
			Instant before = at.minusSeconds(1);
			kept.get(1L, before, key -> {
				this.reads.add("read at " + before);
				return end;
			}, value -> value);
			assertThat(this.reads).as("a moment before the read is read again, day %d", day).hasSize(2);
			kept.get(1L, end, key -> {
				this.reads.add("read at " + end);
				return end.plus(Duration.ofDays(1));
			}, value -> value);
			assertThat(this.reads).as("read again at its end, day %d", day).hasSize(3);
			this.changes.commit(); // overnight, something changes
		}
	}

	@Test
	void aChangeCommittedWhileReadingLeavesWhatWasReadStale() {
		KeptReads<Long, String> kept = new KeptReads<>(this.changes, this.clock, 100);
		assertThat(kept.get(1L, key -> {
			String value = read(key);
			this.changes.commit(); // another transaction commits during the read
			return value;
		})).isEqualTo("1 at 0");
		assertThat(kept.get(1L, this::read)).as("read again: the generation was taken before the read")
			.isEqualTo("1 at 1");
		assertThat(kept.get(1L, this::read)).isEqualTo("1 at 1");
		assertThat(this.reads).hasSize(2);
	}

	@Test
	void nothingIsKeptWhileChangesCouldGoUnnoticed() {
		KeptReads<Long, String> kept = new KeptReads<>(this.changes, this.clock, 100);
		this.changes.listening = false; // the database restarts
		kept.get(1L, this::read);
		kept.get(1L, this::read);
		assertThat(this.reads).hasSize(2);
		assertThat(kept.size()).isZero();
		this.changes.listening = true;
		this.changes.commit(); // reconnecting moves the generation on
		kept.get(1L, this::read);
		kept.get(1L, this::read);
		assertThat(this.reads).hasSize(3);
	}

	@Test
	void pastItsLimitTheMemoryStartsAfreshAndAKeptKeyIsReplacedInPlace() {
		KeptReads<Long, String> kept = new KeptReads<>(this.changes, this.clock, 2);
		kept.get(1L, this::read);
		kept.get(2L, this::read);
		this.changes.commit();
		kept.get(2L, this::read); // stale: read again, in place
		assertThat(kept.size()).isEqualTo(2);
		kept.get(3L, this::read); // a third key: started afresh
		assertThat(kept.size()).isEqualTo(1);
		assertThatIllegalArgumentException().isThrownBy(() -> new KeptReads<>(this.changes, this.clock, 0));
	}

}
