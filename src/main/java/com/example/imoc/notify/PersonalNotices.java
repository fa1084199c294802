package com.example.imoc.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import com.example.imoc.database.CacheDependencies;
import com.example.imoc.database.DataChanges;
import com.example.imoc.database.KeptReads;

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
	 * started afresh ({@link KeptReads}).
	 */
	static final int LIMIT = 10_000;

	private final Clock clock;

	private final Inbox inbox;

	private final Handoffs handoffs;

	private final NotificationPreferences preferences;

	private final KeptReads<Long, Integer> unread;

	private final KeptReads<Long, Optional<Handoffs.IncomingNote>> notes;

	private final KeptReads<Long, NotificationPreferences.Preferences> chosen;

	PersonalNotices(DataChanges changes, Clock clock, Inbox inbox, Handoffs handoffs,
			NotificationPreferences preferences) {
		this.clock = clock;
		this.unread = new KeptReads<>(changes, clock, LIMIT);
		this.notes = new KeptReads<>(changes, clock, LIMIT);
		this.chosen = new KeptReads<>(changes, clock, LIMIT);
		this.inbox = inbox;
		this.handoffs = handoffs;
		this.preferences = preferences;
	}

	/** How many of this person's notices are unread. */
	int unread(long personId) {
		return this.unread.get(personId, this.inbox::unread);
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
		return this.chosen.get(personId, this.preferences::of);
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
