package com.example.imoc.web.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.session.MapSession;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

import com.example.imoc.database.DataChanges;

/**
 * Sessions read from PostgreSQL once and then served from memory (issue 17, item 1). With
 * Spring Session JDBC alone every request of a signed-in person read its session (a join
 * and Java deserialisation of the security context) and wrote its last-access time back,
 * each in a transaction of its own: on a page answered from {@code web.PageCache} that
 * was most of the request's cost.
 * <p>
 * A session read here is kept while no session has changed anywhere (the session
 * generation of {@link DataChanges}: the triggers of migration V21 notify every node when
 * a session is ended, renamed, or an attribute written, and this node moves it on itself
 * when it writes one) and while it has not expired by what this node knows. Each request
 * gets its own copy of the attribute map (and of the security context and of lists, which
 * Spring mutates in place), so concurrent requests share nothing mutable. Writes go to
 * the database at once, through Spring Session's own repository: a request that changes
 * anything (an attribute, the id at sign-in, the timeout) loads the stored session,
 * applies exactly those changes and saves it. A request that changes nothing writes the
 * last-access time only when the stored one is at least
 * {@link SessionStore#LAST_ACCESS_PRECISION} old, as before.
 */
final class CachedSessions implements SessionRepository<Session> {

	/** Sessions kept per node; past that, all are forgotten and read again. */
	static final int LIMIT = 20_000;

	/**
	 * Spring Session's JDBC repository, by its interface: its session type is not public.
	 */
	private final SessionRepository<Session> store;

	private final DataChanges changes;

	private final Map<String, Known> known = new ConcurrentHashMap<>();

	/** A session as read, at the session generation it was read at. */
	private record Known(long generation, MapSession session) {
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	CachedSessions(JdbcIndexedSessionRepository store, DataChanges changes) {
		this.store = (SessionRepository) store;
		this.changes = changes;
	}

	@Override
	public Session createSession() {
		return this.store.createSession();
	}

	@Override
	public Session findById(String id) {
		Known hit = this.known.get(id);
		if (hit != null && this.changes.isSessionCurrent(hit.generation()) && !hit.session().isExpired()) {
			return new Kept(hit.session());
		}
		// Before reading: a change committed after it voids what is read.
		long stamp = this.changes.sessionStamp();
		Session stored = this.store.findById(id);
		if (stored == null) {
			this.known.remove(id);
			return null;
		}
		MapSession read = new MapSession(stored);
		if (stamp >= 0) {
			if (this.known.size() >= LIMIT) {
				this.known.clear();
			}
			this.known.put(id, new Known(stamp, read));
		}
		return new Kept(read);
	}

	@Override
	public void save(Session session) {
		if (!(session instanceof Kept kept)) {
			// Created by this request: Spring Session's own.
			this.store.save(session);
			return;
		}
		if (!kept.changed()) {
			if (Duration.between(kept.readLastAccess, kept.view.getLastAccessedTime())
				.compareTo(SessionStore.LAST_ACCESS_PRECISION) >= 0) {
				Session stored = kept.stored();
				if (stored != null) {
					stored.setLastAccessedTime(kept.view.getLastAccessedTime());
					this.store.save(stored);
					remember(kept.originalId, kept.view.getLastAccessedTime());
				}
			}
			return;
		}
		Session stored = kept.stored();
		if (stored != null) {
			for (String name : kept.written) {
				stored.setAttribute(name, kept.view.getAttribute(name));
			}
			if (kept.timeoutChanged) {
				stored.setMaxInactiveInterval(kept.view.getMaxInactiveInterval());
			}
			stored.setLastAccessedTime(kept.view.getLastAccessedTime());
			this.store.save(stored);
		}
		forget(kept.originalId);
	}

	@Override
	public void deleteById(String id) {
		this.store.deleteById(id);
		forget(id);
	}

	/** How many sessions this node keeps now (for tests). */
	int size() {
		return this.known.size();
	}

	private void forget(String id) {
		this.known.remove(id);
		this.changes.sessionsChanged();
	}

	/** The stored last-access time moved on: keep the session with it. */
	private void remember(String id, Instant lastAccess) {
		this.known.computeIfPresent(id, (key, old) -> {
			MapSession moved = new MapSession(old.session());
			moved.setLastAccessedTime(lastAccess);
			return new Known(old.generation(), moved);
		});
	}

	/**
	 * One request's view of a kept session: its own attribute map, the changes it made,
	 * and the stored session once a change needs it.
	 */
	private final class Kept implements Session {

		private final MapSession view;

		private final String originalId;

		private final Instant readLastAccess;

		private final Set<String> written = new HashSet<>();

		/** Attributes this request has read and been given its own copy of. */
		private final Map<String, Object> copies = new HashMap<>();

		private boolean timeoutChanged;

		private boolean idChanged;

		private Session stored;

		private boolean loaded;

		Kept(MapSession shared) {
			this.view = new MapSession(shared);
			this.originalId = shared.getId();
			this.readLastAccess = shared.getLastAccessedTime();
		}

		boolean changed() {
			return !this.written.isEmpty() || this.timeoutChanged || this.idChanged;
		}

		/** The session as stored now; null if it is gone (ended on another node). */
		Session stored() {
			if (!this.loaded) {
				this.stored = CachedSessions.this.store.findById(this.originalId);
				this.loaded = true;
			}
			return this.stored;
		}

		@Override
		public String getId() {
			return this.view.getId();
		}

		/**
		 * At sign-in: the stored session gets its new id at once (the one the cookie will
		 * carry).
		 */
		@Override
		public String changeSessionId() {
			this.idChanged = true;
			Session session = stored();
			String id = (session != null) ? session.changeSessionId() : this.view.changeSessionId();
			this.view.setId(id);
			return id;
		}

		@Override
		@SuppressWarnings("unchecked")
		public <T> T getAttribute(String name) {
			if (this.copies.containsKey(name)) {
				return (T) this.copies.get(name);
			}
			Object value = this.view.getAttribute(name);
			Object own = value;
			if (value instanceof SecurityContextImpl context) {
				own = new SecurityContextImpl(context.getAuthentication());
			}
			else if (value instanceof List<?> list) {
				own = new ArrayList<>(list);
			}
			this.copies.put(name, own);
			return (T) own;
		}

		@Override
		public Set<String> getAttributeNames() {
			return this.view.getAttributeNames();
		}

		@Override
		public void setAttribute(String name, Object value) {
			this.copies.remove(name);
			this.view.setAttribute(name, value);
			this.written.add(name);
		}

		@Override
		public void removeAttribute(String name) {
			this.copies.remove(name);
			this.view.removeAttribute(name);
			this.written.add(name);
		}

		@Override
		public Instant getCreationTime() {
			return this.view.getCreationTime();
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			this.view.setLastAccessedTime(lastAccessedTime);
		}

		@Override
		public Instant getLastAccessedTime() {
			return this.view.getLastAccessedTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			this.timeoutChanged |= !interval.equals(this.view.getMaxInactiveInterval());
			this.view.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return this.view.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return this.view.isExpired();
		}

	}

}
