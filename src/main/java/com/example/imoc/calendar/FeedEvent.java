package com.example.imoc.calendar;

import java.time.Instant;

/**
 * One VEVENT of a feed, already worded.
 *
 * @param changedAt when this version came to be: the DTSTAMP and LAST-MODIFIED, never "now", so an unchanged schedule
 * renders byte for byte the same
 * @param tentative a draft shift, beyond its rotation's publication boundary: STATUS:TENTATIVE until published
 */
record FeedEvent(String uid, Instant start, Instant end, Instant changedAt, int sequence, String summary,
		String description, boolean cancelled, boolean tentative) {
}
