package com.example.imoc.database;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What was read, kept per key while nothing it could show has changed: the "stamp before
 * the read, keep while current" rule of every cache here, in one place.
 * <p>
 * The generation is taken <em>before</em> the read, so a change committed while reading
 * leaves the value already stale; a value read while {@link DataChanges} is not listening
 * (a database restart) is returned but not kept. A value may also say until when it holds
 * (a note until its shift ends), checked against the application's clock. Keyed, so one
 * key's value is never another's. At most {@code limit} keys: past that the memory is
 * started afresh (people or rotations used at once are far fewer).
 * <p>
 * The owner declares the tables its reads depend on with a {@link CacheDependencies} bean
 * beside it, as for every cache ({@code CacheDependenciesTests}).
 *
 * @param <K> the key, e.g. a person's or a rotation's id
 * @param <V> what was read for it
 */
public final class KeptReads<K, V> {

	private record Entry<V>(long stamp, Instant readAt, Instant until, V value) {
	}

	private final DataChanges changes;

	private final Clock clock;

	private final int limit;

	private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();

	public KeptReads(DataChanges changes, Clock clock, int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("keep at least one key, not " + limit);
		}
		this.changes = changes;
		this.clock = clock;
		this.limit = limit;
	}

	/** The value for {@code key}, read by {@code read} unless kept and still current. */
	public V get(K key, Function<? super K, ? extends V> read) {
		return get(key, this.clock.instant(), read, value -> Instant.MAX);
	}

	/**
	 * The value for {@code key}, read by {@code read} unless kept, still current and, by
	 * the application's clock, before the instant {@code until} gives for it.
	 */
	public V get(K key, Function<? super K, ? extends V> read, Function<? super V, Instant> until) {
		return get(key, this.clock.instant(), read, until);
	}

	/**
	 * The value for {@code key} as of {@code now}: read by {@code read} (as of
	 * {@code now}) unless a value is kept, still current, and was read at or before
	 * {@code now} and holds until after it (by {@code until}). A value read at {@code t}
	 * says nothing about an earlier moment, so a {@code now} before it reads again.
	 */
	public V get(K key, Instant now, Function<? super K, ? extends V> read, Function<? super V, Instant> until) {
		Entry<V> hit = this.entries.get(key);
		if (hit != null && this.changes.isCurrent(hit.stamp()) && !now.isBefore(hit.readAt())
				&& now.isBefore(hit.until())) {
			return hit.value();
		}
		// Before reading: a change committed after it voids what is read.
		long stamp = this.changes.stamp();
		V value = read.apply(key);
		if (stamp >= 0) {
			if (this.entries.size() >= this.limit && !this.entries.containsKey(key)) {
				this.entries.clear();
			}
			this.entries.put(key, new Entry<>(stamp, now, until.apply(value), value));
		}
		return value;
	}

	/** How many keys are kept now. */
	public int size() {
		return this.entries.size();
	}

}
