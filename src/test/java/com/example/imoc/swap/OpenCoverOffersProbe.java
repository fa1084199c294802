package com.example.imoc.swap;

import java.time.Instant;

import org.springframework.context.ApplicationContext;

/**
 * Asks {@link OpenCoverOffers} for a rotation's open covers as its schedule page does,
 * but without the page around it: for tests that watch what the shared read alone reads.
 */
public final class OpenCoverOffersProbe {

	private OpenCoverOffersProbe() {
	}

	/** How many open covers the rotation has on shifts not ended at {@code now}. */
	public static int offered(ApplicationContext context, long rotationId, Instant now) {
		return context.getBean(OpenCoverOffers.class).offered(rotationId, now).byShift().size();
	}

}
