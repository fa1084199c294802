package com.example.imoc.swap;

import org.springframework.context.ApplicationContext;

import com.example.imoc.people.SignedInPerson;

/**
 * Asks {@link WaitingSwaps} how many requests wait for someone, as every page's
 * navigation does, but without the page around it: for tests that watch what the count
 * alone reads.
 */
public final class WaitingSwapsProbe {

	private WaitingSwapsProbe() {
	}

	public static int waitingFor(ApplicationContext context, SignedInPerson person) {
		return context.getBean(WaitingSwaps.class).waitingFor(person);
	}

}
