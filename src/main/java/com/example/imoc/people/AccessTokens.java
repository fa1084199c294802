package com.example.imoc.people;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import com.example.imoc.audit.AuditLog;
import com.example.imoc.database.CacheDependencies;
import com.example.imoc.database.DataChanges;

/**
 * Personal access tokens for the JSON API. The secret (256 random bits, prefixed
 * {@code imoc_}) is shown once; only its SHA-256 is stored, so a database leak reveals no
 * usable token. Every token expires: its lifetime is chosen at creation
 * ({@link #DEFAULT_LIFETIME} unless said otherwise, at most {@link #MAX_LIFETIME}); from
 * then on it gets 401 like a revoked one.
 */
@Service
public class AccessTokens {

	/** What a remembered token answer is made of: the token and its owner. */
	@Bean
	static CacheDependencies accessTokenCache() {
		return CacheDependencies.of("API tokens", AccessTokens.class, "access_token", "person");
	}

	/** How stale last_used_at may get before a use writes it again. */
	static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

	public static final Duration DEFAULT_LIFETIME = Duration.ofDays(90);

	public static final Duration MAX_LIFETIME = Duration.ofDays(366);

	private static final SecureRandom RANDOM = new SecureRandom();

	public record Token(long id, String name, Instant createdAt, Instant lastUsedAt, Instant revokedAt,
			Instant expiresAt, boolean expired) {
	}

	public record Created(long id, String secret) {
	}

	private final JdbcClient jdbc;

	private final PersonRepository people;

	private final AuditLog auditLog;

	private final Clock clock;

	private final DataChanges changes;

	private final TransactionTemplate transactions;

	/**
	 * By the secret's hash: who it authenticated, valid while the data generation is
	 * unchanged (a revoked token, a deactivated person or a changed role is a committed
	 * change on some node) and until its use is due to be noted.
	 */
	private final Map<String, Known> known = new ConcurrentHashMap<>();

	private record Known(long stamp, SignedInPerson person, long notedUntil, AtomicBoolean noting, long expiresAt) {
	}

	/**
	 * At most this many secrets are remembered (a bot has one; a guesser's unknown
	 * secrets are never remembered).
	 */
	private static final int KNOWN_LIMIT = 10_000;

	AccessTokens(JdbcClient jdbc, PersonRepository people, AuditLog auditLog, Clock clock, DataChanges changes,
			PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.people = people;
		this.auditLog = auditLog;
		this.clock = clock;
		this.changes = changes;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	/** A token that works for {@link #DEFAULT_LIFETIME}. */
	@Transactional
	public Created create(long personId, String name) {
		return create(personId, name, DEFAULT_LIFETIME);
	}

	/**
	 * A token that works for the given time from now (more than nothing, at most
	 * {@link #MAX_LIFETIME}).
	 */
	@Transactional
	public Created create(long personId, String name, Duration lifetime) {
		if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(MAX_LIFETIME) > 0) {
			throw new IllegalArgumentException(
					"A token works for between a second and " + MAX_LIFETIME.toDays() + " days");
		}
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String secret = "imoc_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		Instant now = this.clock.instant();
		Instant expires = now.plus(lifetime);
		long id = this.jdbc.sql(
				"insert into access_token (person_id, name, token_hash, created_at, expires_at) values (?, ?, ?, ?, ?) returning id")
			.params(personId, name.trim(), hash(secret), Timestamp.from(now), Timestamp.from(expires))
			.query(Long.class)
			.single();
		this.auditLog.record("token.created", "person", personId,
				"API token \"" + name.trim() + "\", expires " + expires);
		return new Created(id, secret);
	}

	@Transactional(readOnly = true)
	public List<Token> of(long personId) {
		Instant now = this.clock.instant();
		return this.jdbc.sql(
				"select id, name, created_at, last_used_at, revoked_at, expires_at from access_token where person_id = ? order by created_at desc")
			.param(personId)
			.query((rs, n) -> new Token(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
					instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)), rs.getTimestamp(6).toInstant(),
					!rs.getTimestamp(6).toInstant().isAfter(now)))
			.list();
	}

	/**
	 * Revokes one of the person's own tokens; false when it is not theirs (or does not
	 * exist).
	 */
	@Transactional
	public boolean revoke(long personId, long tokenId) {
		int changed = this.jdbc
			.sql("update access_token set revoked_at = ? where id = ? and person_id = ? and revoked_at is null")
			.params(Timestamp.from(this.clock.instant()), tokenId, personId)
			.update();
		if (changed == 1) {
			this.auditLog.record("token.revoked", "person", personId, "API token #" + tokenId);
		}
		return changed == 1;
	}

	/**
	 * The person a presented secret belongs to, if it is a live token of an active
	 * person. A bot polling the API presents the same secret again and again: while
	 * nothing has changed anywhere and its use was noted less than a minute ago, the
	 * answer comes from memory; otherwise from the database, noting the use.
	 */
	public Optional<SignedInPerson> authenticate(String secret) {
		String hash = hash(secret);
		Known hit = this.known.get(hash);
		if (hit != null && this.changes.isCurrent(hit.stamp()) && this.clock.millis() < hit.expiresAt()
				&& (this.clock.millis() < hit.notedUntil() || !hit.noting().compareAndSet(false, true))) {
			return Optional.of(hit.person());
		}
		long stamp = this.changes.stamp(); // before reading: a change committed after it
											// voids what we remember
		Optional<Live> live = this.transactions.execute(status -> lookUp(hash));
		if (live.isPresent() && stamp >= 0) {
			if (this.known.size() >= KNOWN_LIMIT) {
				this.known.clear();
			}
			this.known.put(hash,
					new Known(stamp, live.get().person(), this.clock.millis() + LAST_USED_PRECISION.toMillis(),
							new AtomicBoolean(), live.get().expiresAt().toEpochMilli()));
		}
		else {
			this.known.remove(hash);
		}
		return live.map(Live::person);
	}

	private record Live(SignedInPerson person, Instant expiresAt) {
	}

	private Optional<Live> lookUp(String hash) {
		Instant now = this.clock.instant();
		Optional<long[]> match = this.jdbc.sql(
				"select id, person_id, expires_at from access_token where token_hash = ? and revoked_at is null and expires_at > ?")
			.params(hash, Timestamp.from(now))
			.query((rs, n) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).getTime() })
			.optional();
		if (match.isEmpty()) {
			return Optional.empty();
		}
		// "Last used" to the minute: a bot polling every second writes the row once a
		// minute, not on every call.
		this.jdbc
			.sql("update access_token set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)")
			.params(Timestamp.from(now), match.get()[0], Timestamp.from(now.minus(LAST_USED_PRECISION)))
			.update();
		return this.people.findById(match.get()[1])
			.filter(Person::isActive)
			.map(p -> new Live(SignedInPerson.of(p).withoutPassword(), Instant.ofEpochMilli(match.get()[2])));
	}

	static String hash(String secret) {
		return SecretHashes.sha256Hex(secret);
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
