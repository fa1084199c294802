package com.example.imoc.people;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.audit.AuditLog;

/**
 * Entering and removing time away. People manage their own; the coordinator manages
 * anyone's.
 */
@Service
public class TimeAway {

	private final UnavailabilityRepository entries;

	private final PersonRepository people;

	private final AuditLog auditLog;

	private final ApplicationEventPublisher events;

	private final JdbcClient jdbc;

	TimeAway(UnavailabilityRepository entries, PersonRepository people, AuditLog auditLog,
			ApplicationEventPublisher events, JdbcClient jdbc) {
		this.jdbc = jdbc;
		this.entries = entries;
		this.people = people;
		this.auditLog = auditLog;
		this.events = events;
	}

	@Transactional(readOnly = true)
	public List<Unavailability> of(long personId) {
		return this.entries.findByPersonIdOrderByStartsAtAsc(personId);
	}

	@Transactional(readOnly = true)
	public List<Unavailability> overlapping(Instant from, Instant to) {
		return this.entries.overlapping(from, to);
	}

	/** A stretch of someone's time away, read without its entity. */
	public record Stretch(long personId, Instant startsAt, Instant endsAt) {
	}

	/**
	 * The time away overlapping [from, to) of the people in {@code personIds} (everyone
	 * when null), ordered by person and start like {@link #overlapping}, read in one
	 * statement without entities: planning reads it for hundreds of people on every
	 * repair.
	 */
	@Transactional(readOnly = true)
	public List<Stretch> stretches(Instant from, Instant to, Collection<Long> personIds) {
		return this.jdbc
			.sql("""
					select person_id, starts_at, ends_at from unavailability
					where ends_at > ? and starts_at < ? and (cast(? as bigint[]) is null or person_id = any(cast(? as bigint[])))
					order by person_id, starts_at, id""")
			.params(Timestamp.from(from), Timestamp.from(to), ids(personIds), ids(personIds))
			.query((rs, n) -> new Stretch(rs.getLong(1), rs.getTimestamp(2).toInstant(),
					rs.getTimestamp(3).toInstant()))
			.list();
	}

	private static Long[] ids(Collection<Long> personIds) {
		return personIds == null ? null : personIds.toArray(Long[]::new);
	}

	/**
	 * Whole days in the person's own zone: from the start of {@code first} to the end of
	 * {@code last}.
	 */
	@Transactional
	public Unavailability add(SignedInPerson actor, long personId, Unavailability.Kind kind, LocalDate first,
			LocalDate last, String note) {
		checkMayChange(actor, personId);
		ZoneId zone = zoneOf(personId);
		Unavailability saved = this.entries
			.save(new Unavailability(personId, kind, first.atStartOfDay(zone).toInstant(),
					last.plusDays(1).atStartOfDay(zone).toInstant(), note, actor.email()));
		this.auditLog.record("unavailability.added", "person", personId,
				kind.label() + " " + first + " to " + last + " (" + zone.getId() + ")");
		this.events.publishEvent(new UnavailabilityChanged(personId));
		return saved;
	}

	/**
	 * Demo and import path: no actor, no repair trigger (the caller plans afterwards).
	 */
	@Transactional
	public Unavailability seed(long personId, Unavailability.Kind kind, LocalDate first, LocalDate last, String note) {
		Person person = this.people.findById(personId).orElseThrow(() -> new PersonNotFoundException(personId));
		ZoneId zone = person.zone();
		return this.entries.save(new Unavailability(personId, kind, first.atStartOfDay(zone).toInstant(),
				last.plusDays(1).atStartOfDay(zone).toInstant(), note, "system"));
	}

	@Transactional
	public void remove(SignedInPerson actor, long entryId) {
		Unavailability entry = this.entries.findById(entryId).orElseThrow(() -> new PersonNotFoundException(entryId));
		checkMayChange(actor, entry.getPersonId());
		this.entries.delete(entry);
		this.auditLog.record("unavailability.removed", "person", entry.getPersonId(),
				entry.getKind().label() + " " + entry.getStartsAt() + " to " + entry.getEndsAt());
		this.events.publishEvent(new UnavailabilityChanged(entry.getPersonId()));
	}

	/**
	 * The person's zone, which whole days away are cut in: one column, not the entity
	 * (entering time away is the commonest change, about 10,000 a year at 1,000 people).
	 */
	private ZoneId zoneOf(long personId) {
		return this.jdbc.sql("select time_zone from person where id = ?")
			.param(personId)
			.query(String.class)
			.optional()
			.map(ZoneId::of)
			.orElseThrow(() -> new PersonNotFoundException(personId));
	}

	private static void checkMayChange(SignedInPerson actor, long personId) {
		if (!actor.isCoordinator() && actor.id() != personId) {
			throw new AccessDeniedException("Only the coordinator can change someone else's time away.");
		}
	}

}
