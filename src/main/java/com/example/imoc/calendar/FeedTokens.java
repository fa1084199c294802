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
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.audit.AuditLog;
import com.example.imoc.people.SecretHashes;

/**
 * The secret feed URLs. A secret is 256 random bits in URL-safe base64, shown once; only
 * its SHA-256 is stored, and neither it nor its hash ever reaches a log or the audit
 * trail. The owner rotates and revokes their URLs, the coordinator anyone's; a URL of
 * someone else is "not found" to everybody else. A URL opens only while its owner is
 * active and not offboarded (and {@link FeedsFollowThePerson} revokes them all when that
 * ends).
 */
@Service
public class FeedTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	/** Longest User-Agent kept for the "last fetched by" column. */
	static final int CLIENT_LENGTH = 200;

	private static final String COLUMNS = "id, kind, person_id, rotation_id, created_at, last_fetched_at, last_client, fetch_count, revoked_at";

	/**
	 * A new URL: the secret exists only in this object, on its way to the person who
	 * asked.
	 */
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
		FeedToken token = this.jdbc.sql(
				"insert into feed_token (kind, person_id, rotation_id, token_hash, created_at) values (?, ?, ?, ?, ?) returning "
						+ COLUMNS)
			.params(kind.name(), ownerId, kind == FeedKind.ROTATION ? rotationId : null, hash(secret),
					Timestamp.from(this.clock.instant()))
			.query(FeedTokens::token)
			.single();
		this.auditLog.record("feed.created", "person", ownerId,
				"Calendar feed URL #" + token.id() + " (" + describe(token) + ")");
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
	 * @throws FeedTokenNotFoundException when there is no such URL, or it belongs to
	 * someone else
	 */
	@Transactional
	public void revoke(long byPersonId, long tokenId) {
		FeedToken token = ownedBy(byPersonId, tokenId);
		if (revoked(token)) {
			this.auditLog.record("feed.revoked", "person", byPersonId,
					"Calendar feed URL #" + tokenId + " (" + describe(token) + ")");
		}
	}

	/**
	 * The coordinator revokes anyone's URL; the audit line names whose.
	 * @throws FeedTokenNotFoundException when there is no such URL of that person
	 */
	@Transactional
	public void revokeOf(long ownerId, long tokenId, long byCoordinatorId) {
		FeedToken token = find(tokenId).filter(t -> t.ownerId() == ownerId)
			.orElseThrow(() -> new FeedTokenNotFoundException(tokenId));
		if (revoked(token)) {
			this.auditLog.record("feed.revoked", "person", ownerId, "Calendar feed URL #" + tokenId + " ("
					+ describe(token) + ") revoked by the coordinator (person #" + byCoordinatorId + ")");
		}
	}

	/**
	 * Revokes every live URL of the person, saying why in one audit line; answers how
	 * many.
	 */
	@Transactional
	public int revokeAllOf(long ownerId, String why) {
		List<Long> ids = this.jdbc
			.sql("update feed_token set revoked_at = ? where person_id = ? and revoked_at is null returning id")
			.params(Timestamp.from(this.clock.instant()), ownerId)
			.query(Long.class)
			.list();
		if (!ids.isEmpty()) {
			this.auditLog.record("feed.revoked", "person", ownerId,
					"Calendar feed URLs " + ids.stream().sorted().map(id -> "#" + id).toList() + " revoked: " + why);
		}
		return ids.size();
	}

	/** All of the person's URLs, revoked ones too, newest first (for the coordinator). */
	@Transactional(readOnly = true)
	public List<FeedToken> allOf(long ownerId) {
		return this.jdbc
			.sql("select " + COLUMNS + " from feed_token where person_id = ? order by created_at desc, id desc")
			.param(ownerId)
			.query(FeedTokens::token)
			.list();
	}

	private boolean revoked(FeedToken token) {
		return !token.isRevoked()
				&& this.jdbc.sql("update feed_token set revoked_at = ? where id = ? and revoked_at is null")
					.params(Timestamp.from(this.clock.instant()), token.id())
					.update() == 1;
	}

	/** The person's URLs that still work, newest first. */
	@Transactional(readOnly = true)
	public List<FeedToken> liveOf(long ownerId) {
		return this.jdbc
			.sql("select " + COLUMNS
					+ " from feed_token where person_id = ? and revoked_at is null order by created_at desc, id desc")
			.param(ownerId)
			.query(FeedTokens::token)
			.list();
	}

	@Transactional(readOnly = true)
	public Optional<FeedToken> find(long tokenId) {
		return this.jdbc.sql("select " + COLUMNS + " from feed_token where id = ?")
			.param(tokenId)
			.query(FeedTokens::token)
			.optional();
	}

	/**
	 * The live URL a presented secret opens, noting the fetch. Whatever was presented
	 * (malformed, unknown, revoked, valid) costs one hash and one or two indexed
	 * statements. A fetch is noted (last fetched, by which client, count) at most once a
	 * minute per client: a client polling often, or many at once on a shared rotation
	 * feed, then costs a read instead of a row write and commit each time, and does not
	 * queue on the row's lock.
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
				  and exists (""" + OWNER_ACTIVE + """
				)
				returning\s""" + COLUMNS)
			.params(Timestamp.from(now), by, hash, Timestamp.from(now.minus(NOTE_FETCH_EVERY)), by)
			.query(FeedTokens::token)
			.optional();
		if (noted.isPresent()) {
			return noted;
		}
		return this.jdbc
			.sql("select " + COLUMNS + " from feed_token where token_hash = ? and revoked_at is null and exists ("
					+ OWNER_ACTIVE + ")")
			.param(hash)
			.query(FeedTokens::token)
			.optional();
	}

	/** The feed_token row's owner may still open it: active and not offboarded. */
	private static final String OWNER_ACTIVE = """
			select 1 from person_view p where p.id = feed_token.person_id and p.active and p.onboarding_state <> 'OFFBOARDED'""";

	/**
	 * Whether the secret once opened a feed that is gone: revoked, rotated, or its owner
	 * deactivated or offboarded. Such a URL is no guess, and its calendar is told 410
	 * Gone so it can stop asking.
	 */
	@Transactional(readOnly = true)
	public boolean isGone(String secret) {
		return this.jdbc.sql("select count(*) from feed_token where token_hash = ?")
			.param(hash(secret == null ? "" : secret))
			.query(Long.class)
			.single() > 0;
	}

	/** How often one client's fetches of a feed are noted. */
	static final Duration NOTE_FETCH_EVERY = Duration.ofMinutes(1);

	/**
	 * Someone else's URL is as unknown as one that never existed: its id reveals nothing.
	 */
	private FeedToken ownedBy(long personId, long tokenId) {
		return find(tokenId).filter(token -> token.ownerId() == personId)
			.orElseThrow(() -> new FeedTokenNotFoundException(tokenId));
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
