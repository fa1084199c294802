package com.example.imoc.notify;

import java.time.Instant;

/**
 * What one person should hear about. A module that words a notice without knowing the
 * recipient's zone marks its times with {@link #time} or {@link #span}; sending puts them
 * in the recipient's zone ({@code Tue 1 Dec 06:00 GMT}), in the inbox and the mail.
 *
 * @param kind a short machine name, e.g. {@code swap.requested}
 * @param link a path in the app (e.g. {@code /swaps/5}); mails turn it into a full URL
 */
public record Notice(long recipientId, String kind, String subject, String body, String link) {

	/** A moment, to be read in the recipient's zone. */
	public static String time(Instant at) {
		return "{time:" + at + "}";
	}

	/**
	 * A span, to be read in the recipient's zone: {@code Tue 1 Dec 06:00 – 12:00 GMT}.
	 */
	public static String span(Instant start, Instant end) {
		return "{span:" + start + "/" + end + "}";
	}

}
