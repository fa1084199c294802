package com.example.imoc.calendar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPOutputStream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.database.CacheDependencies;
import com.example.imoc.database.DataChanges;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;

/**
 * Builds the feeds and keeps each rendering until its schedule version changes. Two
 * levels:
 * <ul>
 * <li>In memory, by secret: while {@link DataChanges} reports no change anywhere (this
 * node or another) since a URL was last opened, and the same client polls within the
 * minute its fetch was noted, the bytes are served without touching the database
 * ({@link #fromMemory}, used by {@link FeedFastPath}). This is what calendar clients
 * polling all day mostly hit.</li>
 * <li>Otherwise ({@link #open}): the token is looked up (and the fetch noted), and the
 * feed's version, one small aggregate query over the rows it shows, picks the cached
 * rendering or a rebuild. The version comes from the database, so it is right even when a
 * change notification was missed.</li>
 * </ul>
 */
@Service
class CalendarFeeds {

	/**
	 * What the feeds (and the remembered answers of {@link #fromMemory}) are made of: the
	 * token and its owner, the shifts with their rotation, slot, layer and assignee, the
	 * tombstones. Not feed_event_revision: the feeds' own record of what they sent,
	 * written while rendering (a trigger there would empty the caches on every poll).
	 */
	@Bean
	static CacheDependencies calendarFeedCache() {
		return CacheDependencies.of("calendar feeds", CalendarFeeds.class, "feed_token", "feed_tombstone", "shift",
				"rotation", "rotation_slot", "rotation_layer", "person");
	}

	/**
	 * A ready feed: the bytes, a strong ETag over them, and the last change it shows
	 * (whole seconds); and the same bytes gzipped, made once per rendering, with an ETag
	 * of their own (a different representation must not share a strong validator).
	 */
	record RenderedFeed(byte[] body, String etag, Instant lastModified, String lastModifiedHeader, byte[] gzipped,
			String gzipEtag) {

		/**
		 * The HTTP date as Tomcat writes it (two-digit day, GMT), made once rather than
		 * on every poll.
		 */
		private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
			.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
			.withZone(ZoneOffset.UTC);

		RenderedFeed(byte[] body, String etag, Instant lastModified) {
			this(body, etag, lastModified, HTTP_DATE.format(lastModified), gzip(body),
					etag.substring(0, etag.length() - 1) + "-gzip\"");
		}

		/** Whether an Accept-Encoding header admits gzip (a q of 0 refuses it). */
		static boolean acceptsGzip(String acceptEncoding) {
			if (acceptEncoding == null) {
				return false;
			}
			for (String coding : acceptEncoding.split(",")) {
				String[] parts = coding.split(";");
				String name = parts[0].strip();
				if (name.equalsIgnoreCase("gzip") || name.equals("*")) {
					for (int i = 1; i < parts.length; i++) {
						String parameter = parts[i].strip().toLowerCase(Locale.ROOT);
						if (parameter.startsWith("q=") && parameter.substring(2).strip().matches("0(\\.0*)?")) {
							return false;
						}
					}
					return true;
				}
			}
			return false;
		}

		private static byte[] gzip(byte[] body) {
			ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4 + 64);
			try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
				gzip.write(body);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return out.toByteArray();
		}

	}

	/**
	 * The window a feed covers, in whole UTC days so the output only shifts once a day.
	 */
	record Window(Instant today, Instant from, Instant to, Instant cancelledSince) {
	}

	private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

	private final FeedTokens tokens;

	private final FeedTombstones tombstones;

	private final FeedRevisions revisions;

	private final Shifts shifts;

	private final Rotations rotations;

	private final PersonRepository people;

	private final JdbcClient jdbc;

	private final CalendarProperties properties;

	private final Clock clock;

	private final String baseUrl;

	private final String uidHost;

	private final Map<String, Cached> cache;

	private record Cached(String version, RenderedFeed feed) {
	}

	private final DataChanges changes;

	/**
	 * One lock per feed version being rendered: concurrent fetches of it wait for that
	 * rendering.
	 */
	private final Map<String, Object> rendering = new ConcurrentHashMap<>();

	private final Counter fromMemory;

	private final Counter fromDatabase;

	/**
	 * By the secret's hash: what {@link #open} last served for it, valid while the data
	 * generation is unchanged.
	 */
	private final Map<String, Served> served;

	/**
	 * At most this many secrets are remembered; beyond it, the oldest part is forgotten
	 * (they go to the database).
	 */
	private final int servedLimit;

	/**
	 * @param stamp the data generation taken before the token and the feed were read
	 * @param from the window's first day when it was rendered
	 * @param userAgent the client as it presented itself, and {@code notedUntil}: until
	 * when its fetch counts as noted
	 */
	private record Served(long stamp, long day, String userAgent, long notedUntil, RenderedFeed feed,
			AtomicBoolean noting) {

		Served(long stamp, long day, String userAgent, long notedUntil, RenderedFeed feed) {
			this(stamp, day, userAgent, notedUntil, feed, new AtomicBoolean());
		}

	}

	private static final long DAY_MILLIS = 86_400_000L;

	CalendarFeeds(FeedTokens tokens, FeedTombstones tombstones, FeedRevisions revisions, Shifts shifts,
			Rotations rotations, PersonRepository people, JdbcClient jdbc, CalendarProperties properties, Clock clock,
			@Value("${imoc.base-url}") String baseUrl, DataChanges changes, MeterRegistry meters) {
		this.changes = changes;
		this.fromMemory = Counter.builder("imoc.feed.polls")
			.tag("served", "memory")
			.description("Feed polls answered without the database")
			.register(meters);
		this.fromDatabase = Counter.builder("imoc.feed.polls")
			.tag("served", "database")
			.description("Feed polls that looked up the token and the feed's version")
			.register(meters);
		this.tokens = tokens;
		this.tombstones = tombstones;
		this.revisions = revisions;
		this.shifts = shifts;
		this.rotations = rotations;
		this.people = people;
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
		this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		String host = URI.create(this.baseUrl).getHost();
		this.uidHost = host == null ? "imoc.invalid" : host;
		this.cache = lru(properties.cacheEntries());
		this.servedLimit = properties.cacheEntries() * 4;
		this.served = new ConcurrentHashMap<>();
	}

	private static <V> Map<String, V> lru(int entries) {
		return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
				return size() > entries;
			}
		});
	}

	/**
	 * The feed a secret opens (noting the fetch), or empty for an unknown, revoked or
	 * malformed secret. Remembers the answer for {@link #fromMemory}.
	 */
	@Transactional
	public Optional<RenderedFeed> open(String secret, String client) {
		long stamp = this.changes.stamp(); // before anything is read: a change committed
											// after it voids what we serve
		Window window = window();
		Optional<FeedToken> token = this.tokens.open(secret, client);
		if (token.isEmpty()) {
			return Optional.empty();
		}
		this.fromDatabase.increment();
		RenderedFeed feed = render(token.get());
		FeedToken opened = token.get();
		if (stamp >= 0 && opened.lastFetchedAt() != null) {
			if (this.served.size() >= this.servedLimit) {
				forgetSomeServed();
			}
			this.served.put(FeedTokens.hash(secret), new Served(stamp, window.today().toEpochMilli() / DAY_MILLIS,
					client, opened.lastFetchedAt().plus(FeedTokens.NOTE_FETCH_EVERY).toEpochMilli(), feed));
		}
		return Optional.of(feed);
	}

	/**
	 * Drops a quarter of the remembered secrets, those noted longest ago (an unordered
	 * map: no lock on reads).
	 */
	private void forgetSomeServed() {
		List<Map.Entry<String, Served>> entries = new ArrayList<>(this.served.entrySet());
		entries.sort(Comparator.comparingLong(e -> e.getValue().notedUntil()));
		entries.subList(0, Math.max(1, entries.size() / 4)).forEach(e -> this.served.remove(e.getKey(), e.getValue()));
	}

	/**
	 * The feed {@link #open} served for this secret, if nothing has changed anywhere
	 * since, it is still the same day, and this client's fetch was noted less than a
	 * minute ago; otherwise empty, and the caller goes through {@link #open}. Never
	 * touches the database.
	 */
	Optional<RenderedFeed> fromMemory(String secret, String client) {
		Served hit = this.served.get(FeedTokens.hash(secret));
		if (hit == null || !this.changes.isCurrent(hit.stamp()) || !Objects.equals(hit.userAgent(), client)) {
			return Optional.empty();
		}
		long now = this.clock.millis();
		// The window is whole UTC days: a new day moves it.
		if (now / DAY_MILLIS != hit.day()) {
			return Optional.empty();
		}
		// A minute after the fetch was noted, one poll goes through open() to note it
		// again (and replaces this
		// entry); the others meanwhile are still answered from here: the data has not
		// changed.
		if (now >= hit.notedUntil() && hit.noting().compareAndSet(false, true)) {
			return Optional.empty();
		}
		this.fromMemory.increment();
		return Optional.of(hit.feed());
	}

	RenderedFeed render(FeedToken token) {
		Window window = window();
		Version version = token.kind() == FeedKind.PERSON ? personVersion(token.ownerId(), window)
				: rotationVersion(token.rotationId(), window);
		String key = token.feedKey();
		Cached cached = this.cache.get(key);
		if (cached != null && cached.version().equals(version.key())) {
			return cached.feed();
		}
		// After a change, every client of a feed arrives at once: one renders, the others
		// wait and take its result.
		synchronized (this.rendering.computeIfAbsent(key + '|' + version.key(), k -> new Object())) {
			try {
				cached = this.cache.get(key);
				if (cached != null && cached.version().equals(version.key())) {
					return cached.feed();
				}
				return renderNow(token, window, version, key);
			}
			finally {
				this.rendering.remove(key + '|' + version.key());
			}
		}
	}

	private RenderedFeed renderNow(FeedToken token, Window window, Version version, String key) {
		byte[] body = token.kind() == FeedKind.PERSON ? personFeed(key, token.ownerId(), window, version)
				: rotationFeed(key, token.rotationId(), window, version);
		RenderedFeed feed = new RenderedFeed(body, etag(body), version.lastModified());
		this.cache.put(key, new Cached(version.key(), feed));
		return feed;
	}

	Window window() {
		Instant today = LocalDate.now(this.clock).atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant from = today.minus(this.properties.pastDays(), ChronoUnit.DAYS);
		Instant to = today.atZone(ZoneOffset.UTC).plusMonths(this.properties.futureMonths()).toInstant();
		return new Window(today, from, to, today.minus(this.properties.cancelledDays(), ChronoUnit.DAYS));
	}

	private record Version(String key, Instant lastModified) {
	}

	/**
	 * Everything a personal feed's bytes depend on: its shifts (live, or cancelled
	 * lately), its tombstones, the names of its rotations and of the person, and the
	 * window.
	 */
	private Version personVersion(long personId, Window window) {
		return this.jdbc
			.sql("""
					select (select count(*) || '/' || coalesce(sum(s.id), 0) || '/' || coalesce(sum(s.sequence), 0) || '/'
					               || coalesce(sum(r.version), 0)
					        from shift_view s join rotation_view r on r.id = s.rotation_id
					        where s.assignee_id = :person and s.ends_at > :from and s.starts_at < :to
					          and (s.state = 'SCHEDULED' or s.updated_at > :since)) as shifts,
					       (select max(s.updated_at) from shift_view s
					        where s.assignee_id = :person and s.ends_at > :from and s.starts_at < :to
					          and (s.state = 'SCHEDULED' or s.updated_at > :since)) as shifts_changed,
					       (select count(*) || '/' || coalesce(sum(t.shift_id), 0) || '/' || coalesce(sum(t.sequence), 0)
					        from feed_tombstone t where t.person_id = :person and t.cancelled_at > :since) as tombstones,
					       (select max(greatest(t.cancelled_at, s.updated_at)) from feed_tombstone t join shift_view s on s.id = t.shift_id
					        where t.person_id = :person and t.cancelled_at > :since) as tombstones_changed,
					       (select updated_at from person_view where id = :person) as person_changed,
					       (select count(n.id) || '/' || coalesce(sum(n.id + coalesce(n.assignee_id, 0)), 0) || '/'
					               || coalesce(max(n.updated_at)::text, '') || '/' || coalesce(max(p.updated_at)::text, '')
					        from shift_view s
					        join shift_view n on n.rotation_id = s.rotation_id and n.starts_at = s.ends_at and not n.shadow
					                    and n.state = 'SCHEDULED'
					        left join person_view p on p.id = n.assignee_id
					        where s.assignee_id = :person and s.ends_at > :from and s.starts_at < :to
					          and s.state = 'SCHEDULED' and not s.shadow) as handovers,
					       (select max(greatest(n.updated_at, p.updated_at)) from shift_view s
					        join shift_view n on n.rotation_id = s.rotation_id and n.starts_at = s.ends_at and not n.shadow
					                    and n.state = 'SCHEDULED'
					        left join person_view p on p.id = n.assignee_id
					        where s.assignee_id = :person and s.ends_at > :from and s.starts_at < :to
					          and s.state = 'SCHEDULED' and not s.shadow) as handovers_changed,
					       (select count(n.id) || '/' || coalesce(sum(n.id), 0) || '/' || coalesce(max(n.updated_at)::text, '')
					        from shift_view s
					        join shift_view n on n.rotation_id = s.rotation_id and n.slot_id = s.slot_id
					                    and n.local_date = s.local_date and n.shadow = s.shadow and n.state = 'SCHEDULED'
					        where s.assignee_id = :person and s.ends_at > :from and s.starts_at < :to) as parts""")
			.param("person", personId)
			.param("from", Timestamp.from(window.from()))
			.param("to", Timestamp.from(window.to()))
			.param("since", Timestamp.from(window.cancelledSince()))
			.query((rs, n) -> version(window,
					rs.getString("shifts") + "|" + rs.getString("tombstones") + "|" + rs.getString("handovers") + "|"
							+ rs.getString("parts"),
					rs.getTimestamp("shifts_changed"), rs.getTimestamp("tombstones_changed"),
					rs.getTimestamp("person_changed"), rs.getTimestamp("handovers_changed")))
			.single();
	}

	/**
	 * Everything a rotation feed's bytes depend on: its shifts, their assignees' names,
	 * the rotation, the window.
	 */
	private Version rotationVersion(long rotationId, Window window) {
		return this.jdbc.sql("""
				select count(*) || '/' || coalesce(sum(s.id), 0) || '/' || coalesce(sum(s.sequence), 0) || '/'
				       || coalesce(sum(coalesce(s.assignee_id, 0)), 0) || '/'
				       || (select version from rotation_view where id = :rotation) as shifts,
				       max(s.updated_at) as shifts_changed, max(p.updated_at) as people_changed
				from shift_view s left join person_view p on p.id = s.assignee_id
				where s.rotation_id = :rotation and s.ends_at > :from and s.starts_at < :to
				  and (s.state = 'SCHEDULED' or s.updated_at > :since)""")
			.param("rotation", rotationId)
			.param("from", Timestamp.from(window.from()))
			.param("to", Timestamp.from(window.to()))
			.param("since", Timestamp.from(window.cancelledSince()))
			.query((rs, n) -> version(window, rs.getString("shifts"), rs.getTimestamp("shifts_changed"),
					rs.getTimestamp("people_changed")))
			.single();
	}

	/**
	 * The version key, and Last-Modified: the latest change shown, but never before the
	 * start of the window's day, when shifts drop out of the back of the window.
	 */
	private static Version version(Window window, String counts, Timestamp... changes) {
		Instant last = window.today();
		StringBuilder key = new StringBuilder(window.from().toString()).append('|').append(counts);
		for (Timestamp change : changes) {
			Instant at = change == null ? null : change.toInstant();
			key.append('|').append(at);
			if (at != null && at.isAfter(last)) {
				last = at;
			}
		}
		return new Version(key.toString(), last.truncatedTo(ChronoUnit.SECONDS));
	}

	private byte[] personFeed(String key, long personId, Window window, Version version) {
		String name = this.people.findById(personId).map(Person::getName).orElse("#" + personId);
		List<FeedEvent> events = new ArrayList<>();
		Set<Long> shown = new HashSet<>();
		List<ShiftView> mine = this.shifts.ofPerson(personId, window.from(), window.to());
		Map<Long, List<ShiftView>> byRotation = new HashMap<>();
		Map<Long, Map<Instant, ShiftView>> nextByRotation = new HashMap<>();
		for (ShiftView shift : mine) {
			shown.add(shift.id());
			List<ShiftView> rotation = byRotation.computeIfAbsent(shift.rotationId(), id -> rotationAround(id, window));
			ShiftView next = shift.shadow() ? null
					: nextByRotation.computeIfAbsent(shift.rotationId(), id -> primaryByStart(rotation))
						.get(shift.end());
			events.add(event(shift, personalSummary(shift, rotation), description(shift, next, true), shift.sequence(),
					shift.updatedAt(), false));
		}
		for (FeedTombstones.Tombstone tombstone : this.tombstones.of(personId, window.cancelledSince())) {
			if (shown.add(tombstone.shiftId())) {
				this.shifts.find(tombstone.shiftId())
					.filter(shift -> shift.end().isAfter(window.from()) && shift.start().isBefore(window.to()))
					.ifPresent(shift -> events.add(event(shift, personalSummary(shift, List.of()),
							"This shift is no longer yours.\n" + description(shift, null, false),
							tombstone.cancellationSequence(), tombstone.cancelledAt(), true)));
			}
		}
		for (long id : cancelledShiftIds("s.assignee_id = :subject", personId, window)) {
			if (shown.add(id)) {
				this.shifts.find(id)
					.ifPresent(shift -> events.add(event(shift, personalSummary(shift, List.of()),
							"This shift was removed from the schedule.\n" + description(shift, null, false),
							shift.sequence(), shift.updatedAt(), true)));
			}
		}
		List<FeedEvent> revised = this.revisions.revise(key, sorted(events), version.lastModified(), window.from());
		return ICalendarWriter.write(FeedKind.PERSON.calendarName(name), this.properties.refreshInterval(), revised);
	}

	private byte[] rotationFeed(String key, long rotationId, Window window, Version version) {
		String name = this.rotations.find(rotationId).map(Rotation::name).orElse("#" + rotationId);
		List<ShiftView> live = this.shifts.ofRotation(rotationId, window.from(), window.to());
		Map<Instant, ShiftView> primaryByStart = primaryByStart(live);
		List<FeedEvent> events = new ArrayList<>();
		for (ShiftView shift : live) {
			ShiftView next = shift.shadow() ? null : primaryByStart.get(shift.end());
			events.add(event(shift, rotationSummary(shift, live), description(shift, next, false), shift.sequence(),
					shift.updatedAt(), false));
		}
		for (long id : cancelledShiftIds("s.rotation_id = :subject", rotationId, window)) {
			this.shifts.find(id)
				.ifPresent(shift -> events.add(event(shift, rotationSummary(shift, List.of()),
						"This shift was removed from the schedule.\n" + description(shift, null, false),
						shift.sequence(), shift.updatedAt(), true)));
		}
		List<FeedEvent> revised = this.revisions.revise(key, sorted(events), version.lastModified(), window.from());
		return ICalendarWriter.write(FeedKind.ROTATION.calendarName(name), this.properties.refreshInterval(), revised);
	}

	/**
	 * The rotation's live shifts around the window (a day past it, for the last one's
	 * successor).
	 */
	private List<ShiftView> rotationAround(long rotationId, Window window) {
		return this.shifts.ofRotation(rotationId, window.from(), window.to().plus(1, ChronoUnit.DAYS));
	}

	private static Map<Instant, ShiftView> primaryByStart(List<ShiftView> shifts) {
		Map<Instant, ShiftView> byStart = new LinkedHashMap<>();
		shifts.stream().filter(s -> !s.shadow()).forEach(s -> byStart.putIfAbsent(s.start(), s));
		return byStart;
	}

	/** Shifts taken off the schedule lately (few), still announced as cancelled. */
	private List<Long> cancelledShiftIds(String subjectClause, long subjectId, Window window) {
		return this.jdbc.sql("select s.id from shift_view s where " + subjectClause
				+ " and s.state = 'CANCELLED' and s.updated_at > :since and s.ends_at > :from and s.starts_at < :to order by s.id")
			.param("subject", subjectId)
			.param("since", Timestamp.from(window.cancelledSince()))
			.param("from", Timestamp.from(window.from()))
			.param("to", Timestamp.from(window.to()))
			.query(Long.class)
			.list();
	}

	private FeedEvent event(ShiftView shift, String summary, String description, int sequence, Instant changedAt,
			boolean cancelled) {
		return new FeedEvent(shift.id(), "shift-" + shift.id() + "@" + this.uidHost, shift.start(), shift.end(),
				changedAt.truncatedTo(ChronoUnit.SECONDS), sequence, summary, description, rotationPage(shift),
				cancelled, !cancelled && shift.isDraft());
	}

	/**
	 * The rotation's week with the shift: a page every signed-in reader of any feed may
	 * open.
	 */
	private String rotationPage(ShiftView shift) {
		return this.baseUrl + "/rotations/" + shift.rotationId() + "?week=" + shift.date();
	}

	/**
	 * "On call: IMOC 11:00–13:00 UTC (part 1 of 2)": the event's own hours in the
	 * rotation's zone, named (a slot's label would be wrong for a split shift and on a
	 * daylight-saving day), and which part of a split slot it is.
	 */
	private static String personalSummary(ShiftView shift, List<ShiftView> rotation) {
		return "On call: " + shift.rotationName() + " " + hours(shift) + part(shift, rotation)
				+ (shift.shadow() ? " (shadow)" : "");
	}

	/**
	 * "IMOC 05:00–11:00 UTC — Jane Doe", or "— UNCOVERED" for a coverage gap; in the
	 * rotation's zone.
	 */
	private static String rotationSummary(ShiftView shift, List<ShiftView> rotation) {
		return shift.rotationName() + " " + hours(shift) + part(shift, rotation) + " — "
				+ (shift.isGap() ? "UNCOVERED" : shift.assigneeName()) + (shift.shadow() ? " (shadow)" : "");
	}

	/**
	 * "11:00–13:00 UTC", "03:30–10:30 Europe/London": the event's own start and end, in
	 * the rotation's zone.
	 */
	static String hours(ShiftView shift) {
		ZoneId zone = zone(shift.rotationZone());
		return CLOCK.withZone(zone).format(shift.start()) + "–" + CLOCK.withZone(zone).format(shift.end()) + " "
				+ (zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId());
	}

	private static ZoneId zone(String id) {
		try {
			ZoneId zone = ZoneId.of(id);
			return zone.normalized().equals(ZoneOffset.UTC) ? ZoneOffset.UTC : zone;
		}
		catch (DateTimeException ex) {
			return ZoneOffset.UTC;
		}
	}

	/**
	 * " (part 2 of 3)" when a partial cover split the slot's day into several shifts,
	 * else "".
	 */
	private static String part(ShiftView shift, List<ShiftView> rotation) {
		List<ShiftView> parts = rotation.stream()
			.filter(s -> s.slotId() == shift.slotId() && s.date().equals(shift.date()) && s.shadow() == shift.shadow()
					&& !s.isCancelled())
			.sorted(Comparator.comparing(ShiftView::start))
			.toList();
		int index = parts.stream().map(ShiftView::id).toList().indexOf(shift.id());
		return parts.size() < 2 || index < 0 ? "" : " (part " + (index + 1) + " of " + parts.size() + ")";
	}

	/**
	 * @param own whether the reader holds the shift: only then is "Swap or give away"
	 * offered (the swap form answers 403 to anyone else)
	 */
	private String description(ShiftView shift, ShiftView next, boolean own) {
		StringBuilder text = new StringBuilder();
		text.append(shift.rotationName())
			.append(", slot ")
			.append(shift.slot())
			.append(" (")
			.append(shift.layer())
			.append(", times in ")
			.append(shift.rotationZone())
			.append(")");
		if (shift.shadow()) {
			text.append("\nShadow shift: you follow the incident manager on call and learn.");
		}
		if (shift.isGap()) {
			text.append("\nNobody holds this shift yet: a coverage gap.");
		}
		if (next != null) {
			text.append("\nHand over to: ")
				.append(next.isGap() ? "nobody yet (coverage gap)"
						: next.assigneeName() + " <" + next.assigneeEmail() + ">");
		}
		text.append("\nRotation: ").append(rotationPage(shift));
		if (own) {
			text.append("\nSwap or give away: ").append(this.baseUrl).append("/swaps/new?shift=").append(shift.id());
		}
		return text.toString();
	}

	private static List<FeedEvent> sorted(List<FeedEvent> events) {
		return events.stream().sorted(Comparator.comparing(FeedEvent::start).thenComparing(FeedEvent::uid)).toList();
	}

	private static String etag(byte[] body) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
			return "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"";
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JVM", ex);
		}
	}

}
