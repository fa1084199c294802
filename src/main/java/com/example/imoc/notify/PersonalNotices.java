package com.example.imoc.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongFunction;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import com.example.imoc.database.CacheDependencies;
import com.example.imoc.database.DataChanges;

/**
 * What this module adds to every page of a person, kept per person while the data
 * generation is unchanged (issue 17: a first view of {@code /} read the unread count and
 * the handover note afresh, 6 % of its CPU for the count alone): the unread count, the
 * incoming handover note and the notification preferences. Any committed change of a
 * table these read, on this node or another ({@link DataChanges}: a new notice, one
 * marked read, a note written, a shift moved), empties it for everyone; keyed by the
 * person, so nobody is ever shown another's.
 */
@Component
class PersonalNotices {

	/**
	 * People who use the app at once are far fewer; beyond this a part's memory is simply
	 * started afresh.
	 */
	static final int LIMIT = 10_000;

	private final DataChanges changes;

	private final Clock clock;

	private final Inbox inbox;

	private final Handoffs handoffs;

	private final NotificationPreferences preferences;

	private final Kept<Integer> unread = new Kept<>();

	private final Kept<Optional<Handoffs.IncomingNote>> notes = new Kept<>();

	private final Kept<NotificationPreferences.Preferences> chosen = new Kept<>();

	PersonalNotices(DataChanges changes, Clock clock, Inbox inbox, Handoffs handoffs,
			NotificationPreferences preferences) {
		this.changes = changes;
		this.clock = clock;
		this.inbox = inbox;
		this.handoffs = handoffs;
		this.preferences = preferences;
	}

	/** How many of this person's notices are unread. */
	int unread(long personId) {
		return this.unread.get(personId, this.inbox::unread, count -> Instant.MAX);
	}

	/**
	 * The latest note for the shift this person takes over next, until that shift ends
	 * (then an older note, for a later shift, may be the one to show).
	 */
	Optional<Handoffs.IncomingNote> incomingNote(long personId) {
		return this.notes.get(personId, id -> this.handoffs.forIncoming(id, this.clock.instant()),
				note -> note.map(n -> n.to().end()).orElse(Instant.MAX));
	}

	/** This person's reminder and mail choices. */
	NotificationPreferences.Preferences preferences(long personId) {
		return this.chosen.get(personId, this.preferences::of, p -> Instant.MAX);
	}

	/** One part's memory: person id to what was read, at which generation, until when. */
	private final class Kept<T> {

		private record Entry<T>(long stamp, Instant until, T value) {
		}

		private final Map<Long, Entry<T>> entries = new ConcurrentHashMap<>();

		T get(long personId, LongFunction<T> read, Function<T, Instant> until) {
			Entry<T> hit = this.entries.get(personId);
			if (hit != null && PersonalNotices.this.changes.isCurrent(hit.stamp())
					&& PersonalNotices.this.clock.instant().isBefore(hit.until())) {
				return hit.value();
			}
			// Before reading: a change committed after it voids what is read.
			long stamp = PersonalNotices.this.changes.stamp();
			T value = read.apply(personId);
			if (stamp >= 0) {
				if (this.entries.size() >= LIMIT) {
					this.entries.clear();
				}
				this.entries.put(personId, new Entry<>(stamp, until.apply(value), value));
			}
			return value;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Dependencies {

		/**
		 * What the personal parts read: notices, preferences, handover notes, and the
		 * shifts and people a note names (through shift_view and person_view).
		 */
		@Bean
		static CacheDependencies personalNoticesDependencies() {
			return CacheDependencies.of("personal notices", PersonalNotices.class, "notification",
					"notification_preference", "handover_note", "shift", "person", "rotation_slot");
		}

	}

}
