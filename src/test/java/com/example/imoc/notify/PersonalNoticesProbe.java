package com.example.imoc.notify;

import org.springframework.context.ApplicationContext;

/**
 * Asks {@link PersonalNotices} for every personal part of a person's pages, as the pages
 * do, without the request around it: for tests that watch what the memory alone reads.
 */
public final class PersonalNoticesProbe {

	private PersonalNoticesProbe() {
	}

	public static void readAll(ApplicationContext context, long personId) {
		PersonalNotices personal = context.getBean(PersonalNotices.class);
		personal.unread(personId);
		personal.incomingNote(personId);
		personal.preferences(personId);
	}

}
