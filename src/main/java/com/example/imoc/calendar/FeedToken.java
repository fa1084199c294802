package com.example.imoc.calendar;

import java.time.Instant;

/**
 * A feed URL as stored: never the secret itself, only who owns it, what it shows and how
 * it has been used.
 *
 * @param ownerId who created it; a PERSON feed shows this person's shifts
 * @param lastClient the User-Agent of the last fetch, shortened
 */
public record FeedToken(long id, FeedKind kind, long ownerId, Long rotationId, Instant createdAt, Instant lastFetchedAt,
		String lastClient, long fetchCount, Instant revokedAt) {

	public boolean isRevoked() {
		return this.revokedAt != null;
	}

	/** The feed this URL opens; URLs of the same feed share one rendering. */
	String feedKey() {
		return this.kind == FeedKind.PERSON ? "person:" + this.ownerId : "rotation:" + this.rotationId;
	}

}
