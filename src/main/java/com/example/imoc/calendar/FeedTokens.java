package com.example.imoc.calendar;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.audit.AuditLog;
import com.example.imoc.people.SecretHashes;

/**
 * The secret feed URLs. A secret is 256 random bits in URL-safe base64, shown once; only its SHA-256 is stored, and
 * neither it nor its hash ever reaches a log or the audit trail. Only the owner may rotate or revoke a URL.
 */
@Service
public class FeedTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	/** Longest User-Agent kept for the "last fetched by" column. */
	static final int CLIENT_LENGTH = 200;

	private static final String COLUMNS = "id, kind, person_id, rotation_id, created_at, last_fetched_at, last_client, fetch_count, revoked_at";

	/** A new URL: the secret exists only in this object, on its way to the person who asked. */
	public record Created(FeedToken token, String secret) {
	}

	private final JdbcClient jdbc;

	private final AuditLog auditLog;

	private final Clock clock;

	FeedTokens(JdbcClient jdbc, AuditLog auditLog, Clock clock) {
		this.jdbc = jdbc;
		this.auditLog = auditLog;
		this.clock = clock;
	}

	@Transactional
	public Created create(long ownerId, FeedKind kind, Long rotationId) {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		FeedToken token = this.jdbc
			.sql("insert into feed_token (kind, person_id, rotation_id, token_hash, created_at) values (?, ?, ?, ?, ?) returning " + COLUMNS)
			.params(kind.name(), ownerId, kind == FeedKind.ROTATION ? rotationId : null, hash(secret),
					Timestamp.from(this.clock.instant()))
			.query(FeedTokens::token)
			.single();
		this.auditLog.record("feed.created", "person", ownerId, "Calendar feed URL #" + token.id() + " (" + describe(token) + ")");
		return new Created(token, secret);
	}

	/** Revokes the owner's URL and hands out a new one for the same feed. */
	@Transactional
	public Created rotate(long byPersonId, long tokenId) {
		FeedToken old = ownedBy(byPersonId, tokenId);
		revoke(byPersonId, tokenId);
		return create(byPersonId, old.kind(), old.rotationId());
	}

	/**
	 * Revokes one of the person's own URLs (doing it twice is harmless).
	 *
	 * @throws FeedTokenNotFoundException when there is no such URL
	 * @throws AccessDeniedException when it belongs to someone else
	 */
	@Transactional
	public void revoke(long byPersonId, long tokenId) {
		FeedToken token = ownedBy(byPersonId, tokenId);
		if (token.isRevoked()) {
			return;
		}
		this.jdbc.sql("update feed_token set revoked_at = ? where id = ? and revoked_at is null")
			.params(Timestamp.from(this.clock.instant()), tokenId)
			.update();
		this.auditLog.record("feed.revoked", "person", byPersonId, "Calendar feed URL #" + tokenId + " (" + describe(token) + ")");
	}

	/** The person's URLs that still work, newest first. */
	@Transactional(readOnly = true)
	public List<FeedToken> liveOf(long ownerId) {
		return this.jdbc.sql("select " + COLUMNS + " from feed_token where person_id = ? and revoked_at is null order by created_at desc, id desc")
			.param(ownerId)
			.query(FeedTokens::token)
			.list();
	}

	@Transactional(readOnly = true)
	public Optional<FeedToken> find(long tokenId) {
		return this.jdbc.sql("select " + COLUMNS + " from feed_token where id = ?").param(tokenId).query(FeedTokens::token).optional();
	}

	/**
	 * The live URL a presented secret opens, noting the fetch. Whatever was presented (malformed, unknown, revoked,
	 * valid) costs one hash and one or two indexed statements. A fetch is noted (last fetched, by which client, count)
	 * at most once a minute per client: a client polling often, or many at once on a shared rotation feed, then costs
	 * a read instead of a row write and commit each time, and does not queue on the row's lock.
	 */
	@Transactional
	public Optional<FeedToken> open(String secret, String client) {
		Instant now = this.clock.instant();
		String hash = hash(secret == null ? "" : secret);
		String by = client(client);
		Optional<FeedToken> noted = this.jdbc.sql("""
				update feed_token set last_fetched_at = ?, last_client = ?, fetch_count = fetch_count + 1
				where token_hash = ? and revoked_at is null
				  and (last_fetched_at is null or last_fetched_at < ? or last_client is distinct from ?)
				returning\s""" + COLUMNS)
			.params(Timestamp.from(now), by, hash, Timestamp.from(now.minus(NOTE_FETCH_EVERY)), by)
			.query(FeedTokens::token)
			.optional();
		if (noted.isPresent()) {
			return noted;
		}
		return this.jdbc.sql("select " + COLUMNS + " from feed_token where token_hash = ? and revoked_at is null")
			.param(hash)
			.query(FeedTokens::token)
			.optional();
	}

	/** How often one client's fetches of a feed are noted. */
	static final Duration NOTE_FETCH_EVERY = Duration.ofMinutes(1);

	private FeedToken ownedBy(long personId, long tokenId) {
		FeedToken token = find(tokenId).orElseThrow(() -> new FeedTokenNotFoundException(tokenId));
		if (token.ownerId() != personId) {
			throw new AccessDeniedException("Feed URL #" + tokenId + " belongs to someone else.");
		}
		return token;
	}

	private static String describe(FeedToken token) {
		return token.kind() == FeedKind.PERSON ? "own shifts" : "rotation #" + token.rotationId();
	}

	/** Keeps a printable, shortened User-Agent; clients send anything. */
	static String client(String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return "unknown client";
		}
		String printable = userAgent.replaceAll("\\p{Cntrl}", " ").strip();
		return printable.length() <= CLIENT_LENGTH ? printable : printable.substring(0, CLIENT_LENGTH - 1) + "…";
	}

	static String hash(String secret) {
		return SecretHashes.sha256Hex(secret);
	}

	private static FeedToken token(ResultSet rs, int row) throws SQLException {
		long rotation = rs.getLong("rotation_id");
		Long rotationId = rs.wasNull() ? null : rotation;
		return new FeedToken(rs.getLong("id"), FeedKind.valueOf(rs.getString("kind")), rs.getLong("person_id"),
				rotationId, instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("last_fetched_at")),
				rs.getString("last_client"), rs.getLong("fetch_count"), instant(rs.getTimestamp("revoked_at")));
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

}
