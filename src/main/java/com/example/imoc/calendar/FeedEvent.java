package com.example.imoc.calendar;

import java.time.Instant;

/**
 * One VEVENT of a feed, already worded.
 *
 * @param changedAt when this version came to be: the DTSTAMP and LAST-MODIFIED, never
 * "now", so an unchanged schedule renders byte for byte the same
 * @param url a page about the event that every reader of the feed may open
 * @param tentative a draft shift, beyond its rotation's publication boundary:
 * STATUS:TENTATIVE until published
 */
record FeedEvent(long shiftId, String uid, Instant start, Instant end, Instant changedAt, int sequence, String summary,
		String description, String url, boolean cancelled, boolean tentative) {

	FeedEvent revised(int newSequence, Instant newChangedAt) {
		return new FeedEvent(this.shiftId, this.uid, this.start, this.end, newChangedAt, newSequence, this.summary,
				this.description, this.url, this.cancelled, this.tentative);
	}

}
