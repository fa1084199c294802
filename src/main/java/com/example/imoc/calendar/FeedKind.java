package com.example.imoc.calendar;

/**
 * Whose shifts a feed shows: one person's (shadow shifts marked), or a whole rotation's
 * final schedule with its coverage gaps.
 */
public enum FeedKind {

	PERSON, ROTATION;

	/** The calendar's name in clients: "On call — Jane Doe" or "IMOC rotation". */
	String calendarName(String subject) {
		return this == PERSON ? "On call — " + subject : subject + " rotation";
	}

}
