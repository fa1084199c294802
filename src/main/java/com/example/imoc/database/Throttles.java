package com.example.imoc.database;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counters with windows, kept in PostgreSQL ({@code throttle_counter}) so that every node
 * counts into the same one: with n nodes an attacker gets the allowance once, not n
 * times, and a restart forgets nothing. A key's window starts at its first hit and lasts
 * {@code window}; the hit that reaches {@code limit} within it locks the key for
 * {@code lockout} and starts a new count (callers refuse what a locked key asks before
 * counting it).
 * <p>
 * Each hit is one upsert by primary key; reading a lock is one primary-key select. Rows
 * whose window and lock are over are deleted now and then (at most once a minute per
 * node), so the table holds only the recently active keys. Times come from the
 * application's {@link Clock}, not the database's, so tests can move them.
 */
@Component
public class Throttles {

	/**
	 * What one hit left behind.
	 *
	 * @param hits the count in the current window (0 right after a lock started)
	 * @param lockedUntil the end of the key's lock when it is locked now (set by this hit
	 * or an earlier one), else null
	 * @param started whether this hit reached the limit and started the lock
	 */
	public record Count(int hits, Instant lockedUntil, boolean started) {
	}

	private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

	/** Rows idle this long past their window and lock are forgotten. */
	private static final Duration KEEP = Duration.ofDays(1);

	private final JdbcClient jdbc;

	private final Clock clock;

	private final TransactionTemplate transactions;

	private final AtomicLong lastPrune = new AtomicLong();

	/** Public for tests that count with a clock of their own. */
	public Throttles(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.clock = clock;
		// Its own short transaction: a throttle's count must survive the caller's
		// rollback (a failed sign-in).
		this.transactions = new TransactionTemplate(transactionManager);
		this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Counts one hit for the key. When the count reaches {@code limit} within
	 * {@code window}, the key is locked until {@code lockout} from now and the count
	 * starts again; the returned {@link Count#lockedUntil()} is set only then.
	 */
	public Count hit(String key, int limit, Duration window, Duration lockout) {
		Instant now = this.clock.instant();
		Timestamp at = Timestamp.from(now);
		Timestamp lockEnd = Timestamp.from(now.plus(lockout));
		// One statement, so two nodes counting the same key at once both count (the row
		// lock orders them).
		Count count = this.transactions.execute(status -> this.jdbc.sql("""
				insert into throttle_counter as t (key, window_start, hits, locked_until)
				values (:key, :now, case when 1 >= :limit then 0 else 1 end,
				        case when 1 >= :limit then cast(:lockEnd as timestamptz) end)
				on conflict (key) do update set
				    window_start = case when t.window_start <= :windowOpen or t.hits + 1 >= :limit then :now
				                        else t.window_start end,
				    hits = case when t.window_start <= :windowOpen then case when 1 >= :limit then 0 else 1 end
				                when t.hits + 1 >= :limit then 0
				                else t.hits + 1 end,
				    locked_until = case when t.window_start > :windowOpen and t.hits + 1 >= :limit then :lockEnd
				                        when t.window_start <= :windowOpen and 1 >= :limit then :lockEnd
				                        else t.locked_until end
				returning hits, locked_until
				""")
			.param("key", key)
			.param("now", at)
			.param("limit", limit)
			.param("lockEnd", lockEnd)
			.param("windowOpen", Timestamp.from(now.minus(window)))
			.query((rs, n) -> new Count(rs.getInt(1), instant(rs.getTimestamp(2)), false))
			.single());
		pruneNowAndThen(now);
		Instant lockedUntil = count.lockedUntil() != null && count.lockedUntil().isAfter(now) ? count.lockedUntil()
				: null;
		// Only the hit that reached the limit leaves the count at 0 (any other hit leaves
		// at least 1).
		return new Count(count.hits(), lockedUntil, count.hits() == 0);
	}

	/** How long the longest lock among these keys still lasts, if any is locked now. */
	public Optional<Duration> lockedFor(Collection<String> keys) {
		if (keys.isEmpty()) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		return this.jdbc.sql(
				"select locked_until from throttle_counter where key in (:keys) and locked_until > :now order by locked_until desc limit 1")
			.param("keys", List.copyOf(keys))
			.param("now", Timestamp.from(now))
			.query(Timestamp.class)
			.optional()
			.map(t -> Duration.between(now, t.toInstant()));
	}

	/**
	 * Forgets the key's count and lock (a successful sign-in clears its account's
	 * failures).
	 */
	public void clear(String key) {
		this.transactions.executeWithoutResult(
				status -> this.jdbc.sql("delete from throttle_counter where key = :key").param("key", key).update());
	}

	private void pruneNowAndThen(Instant now) {
		long last = this.lastPrune.get();
		if (now.toEpochMilli() - last < PRUNE_EVERY.toMillis()
				|| !this.lastPrune.compareAndSet(last, now.toEpochMilli())) {
			return;
		}
		Timestamp before = Timestamp.from(now.minus(KEEP));
		this.transactions.executeWithoutResult(status -> this.jdbc.sql(
				"delete from throttle_counter where window_start < :before and (locked_until is null or locked_until < :before)")
			.param("before", before)
			.update());
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
