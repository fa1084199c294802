package com.example.imoc.schedule.view;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

import com.example.imoc.database.CacheDependencies;
import com.example.imoc.database.DataChanges;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.TimeAway;
import com.example.imoc.people.Unavailability;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.RotationNotFoundException;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.Shifts;

/**
 * The rotation pages every viewer shares: one {@link RotationWeek} per rotation, zone,
 * view and first day, computed once per data generation ({@link DataChanges}) and handed
 * to every session that asks while the generation stands. Viewers asking at once for one
 * that is not there wait for a single computation. With the model, the grid's HTML is
 * rendered once ({@link GridHtml}) and shared the same way, the personal parts filled in
 * per request. At most {@code imoc.schedule.grid-cache-entries} are kept, and at most
 * {@code imoc.schedule.grid-cache-chars} characters of HTML over all of them, the least
 * recently used dropped first.
 */
@Component
public class RotationWeeks {

	/**
	 * The tables a rotation page's shared part is made of: shifts with their slots and
	 * layers, the rotation (zone, publication boundary), its participants and who is
	 * away.
	 */
	@Bean
	static CacheDependencies rotationWeekCache() {
		return CacheDependencies.of("rotation weeks", RotationWeeks.class, "shift", "rotation", "rotation_slot",
				"rotation_layer", "rotation_participant", "person", "unavailability");
	}

	/** What one shared page is for. */
	record Key(long rotationId, ZoneId zone, GridView view, LocalDate first) {
	}

	private record Entry(long stamp, CompletableFuture<Shown> week) {
	}

	/**
	 * A shared period: its model and the grid's HTML rendered from it once
	 * ({@link GridHtml}), personal parts left as hooks.
	 */
	public record Shown(RotationWeek week, GridHtml html) {
	}

	private final Shifts shifts;

	private final Rotations rotations;

	private final TimeAway timeAway;

	private final PersonRepository people;

	private final DataChanges changes;

	private final Map<Key, Entry> cache;

	private final long maxChars;

	/** Characters of the grids' HTML kept, over the entries computed. */
	private long chars;

	RotationWeeks(Shifts shifts, Rotations rotations, TimeAway timeAway, PersonRepository people, DataChanges changes,
			@Value("${imoc.schedule.grid-cache-entries:200}") int entries,
			@Value("${imoc.schedule.grid-cache-chars:8000000}") long maxChars) {
		this.maxChars = Math.max(1, maxChars);
		this.shifts = shifts;
		this.rotations = rotations;
		this.timeAway = timeAway;
		this.people = people;
		this.changes = changes;
		this.cache = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
				if (size() > Math.max(1, entries)) {
					RotationWeeks.this.chars -= chars(eldest.getValue());
					return true;
				}
				return false;
			}
		};
	}

	/**
	 * The period of {@code rotation} starting on {@code first} (already the view's first
	 * day) as seen in {@code zone}.
	 */
	public RotationWeek of(Rotation rotation, ZoneId zone, GridView view, LocalDate first) {
		return shown(rotation, zone, view, first).week();
	}

	/**
	 * The same period with its grid rendered ({@link GridHtml}): both computed once per
	 * data generation and shared by every viewer.
	 */
	public Shown shown(Rotation rotation, ZoneId zone, GridView view, LocalDate first) {
		Key key = new Key(rotation.id(), zone, view, first);
		long stamp = this.changes.stamp();
		if (stamp < 0) {
			return compute(rotation, key, stamp);
		}
		CompletableFuture<Shown> mine;
		synchronized (this.cache) {
			Entry entry = this.cache.get(key);
			if (entry != null && this.changes.isCurrent(entry.stamp())) {
				return join(entry.week());
			}
			mine = new CompletableFuture<>();
			Entry old = this.cache.put(key, new Entry(stamp, mine));
			if (old != null) {
				this.chars -= chars(old);
			}
		}
		try {
			Shown shown = compute(rotation, key, stamp);
			mine.complete(shown);
			synchronized (this.cache) {
				Entry kept = this.cache.get(key);
				if (kept != null && kept.week() == mine) {
					this.chars += shown.html().length();
					trim(key);
				}
			}
		}
		catch (RuntimeException ex) {
			mine.completeExceptionally(ex);
			synchronized (this.cache) {
				this.cache.remove(key, new Entry(stamp, mine));
			}
		}
		return join(mine);
	}

	/**
	 * Drops the least recently used entries (never {@code kept}, just computed) while the
	 * grids' HTML is over {@code imoc.schedule.grid-cache-chars}.
	 */
	private void trim(Key kept) {
		var eldest = this.cache.entrySet().iterator();
		while (this.chars > this.maxChars && eldest.hasNext()) {
			Map.Entry<Key, Entry> entry = eldest.next();
			if (!entry.getKey().equals(kept)) {
				this.chars -= chars(entry.getValue());
				eldest.remove();
			}
		}
	}

	/** Characters an entry holds, once computed (0 while it is being computed). */
	private static long chars(Entry entry) {
		CompletableFuture<Shown> week = entry.week();
		return week.isDone() && !week.isCompletedExceptionally() ? week.join().html().length() : 0;
	}

	/** Characters of the grids' HTML kept now (for tests and metrics). */
	public long chars() {
		synchronized (this.cache) {
			return this.chars;
		}
	}

	/** How many shared pages are kept now (for tests and metrics). */
	public int size() {
		synchronized (this.cache) {
			return this.cache.size();
		}
	}

	private static Shown join(CompletableFuture<Shown> week) {
		try {
			return week.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	private Shown compute(Rotation rotation, Key key, long stamp) {
		ZoneId zone = key.zone();
		Instant from = key.view().gridStart(key.first()).atStartOfDay(zone).toInstant();
		Instant to = key.view().gridEnd(key.first()).atStartOfDay(zone).toInstant();
		LocalDate publishedUntil = this.rotations.publishedUntil(rotation.id())
			.map(until -> LocalDate.ofInstant(until, ZoneOffset.UTC))
			.orElseThrow(() -> new RotationNotFoundException(rotation.id()));
		List<Unavailability> away = this.timeAway.overlapping(from, to);
		Map<Long, String> names = new HashMap<>();
		this.people.findAllById(away.stream().map(Unavailability::getPersonId).distinct().toList())
			.forEach(p -> names.put(p.getId(), p.getName()));
		List<RotationWeek.Away> awayRows = away.stream()
			.map(a -> new RotationWeek.Away(a.getPersonId(), names.get(a.getPersonId()), a.getKind().label(),
					a.getStartsAt(), a.getEndsAt()))
			.toList();
		RotationWeek week = RotationWeek.lay(rotation, zone, zone.equals(rotation.zone()), key.view(), key.first(),
				this.shifts.ofRotation(rotation.id(), from, to), publishedUntil,
				this.rotations.participantNames(rotation.id()), awayRows, stamp);
		return new Shown(week, GridHtml.of(week, rotation.zone().getId()));
	}

}
