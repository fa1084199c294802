package com.example.imoc.schedule;

import java.time.Clock;

import org.springframework.context.ApplicationContext;

/**
 * Asks {@link HomeBoard} for the shared part of the home page now, as {@code GET /} does,
 * without the request around it: for tests that watch what the board alone reads.
 */
public final class HomeBoardProbe {

	private HomeBoardProbe() {
	}

	public static Object board(ApplicationContext context) {
		return context.getBean(HomeBoard.class).at(context.getBean(Clock.class).instant());
	}

}
