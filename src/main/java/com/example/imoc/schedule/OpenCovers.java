package com.example.imoc.schedule;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import com.example.imoc.people.SignedInPerson;

/**
 * The open covers on the shifts of a rotation page, for one viewer: implemented by the
 * module that keeps swap requests, so the schedule module need not know about swaps. What
 * is offered is read once per data generation and shared; whether this viewer may take
 * each offer shown is decided per request (it is personal).
 */
public interface OpenCovers {

	/**
	 * The open covers on the shifts {@code shown} of a rotation's page, by shift id, with
	 * whether {@code viewer} may volunteer for each at {@code now}.
	 */
	Map<Long, Offer> shownIn(long rotationId, Set<Long> shown, SignedInPerson viewer, Instant now);

	/**
	 * An open cover on a shift of the page: the request to take, and whether the viewer
	 * may take it.
	 */
	record Offer(long requestId, boolean canVolunteer) {
	}

}
