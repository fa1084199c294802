package com.example.imoc.swap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import com.example.imoc.database.CacheDependencies;
import com.example.imoc.database.DataChanges;
import com.example.imoc.database.KeptReads;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.OpenCovers;
import com.example.imoc.swap.SwapRules.Check;
import com.example.imoc.swap.SwapRules.Move;

/**
 * The open covers the coordinator offered on a rotation's shifts (coverage gaps, special
 * coverage days), for its schedule page (issue 17): what is offered, with the shift each
 * is on, is read once per rotation and data generation ({@link DataChanges}) and shared;
 * per request only the offers on the shifts the page shows are checked for the viewer
 * (whether they may volunteer is personal: their own shifts, rest and rules).
 */
@Component
class OpenCoverOffers implements OpenCovers {

	/**
	 * How far ahead offers are looked up: covers are made for shifts within a rotation's
	 * horizon.
	 */
	private static final Duration AHEAD = Duration.ofDays(3 * 366);

	private final SwapRequests requests;

	private final SwapRules rules;

	/** By rotation: the offers read at one generation. */
	private final KeptReads<Long, Offered> offered;

	/** An offer and the shift it is on, as read. */
	record Open(long requestId, ShiftView shift) {
	}

	/** A rotation's offers on shifts not ended when read, by shift id. */
	record Offered(Map<Long, Open> byShift) {
	}

	OpenCoverOffers(SwapRequests requests, SwapRules rules, DataChanges changes, Clock clock) {
		this.requests = requests;
		this.rules = rules;
		// Keyed by rotation: as many as there are rotations.
		this.offered = new KeptReads<>(changes, clock, 10_000);
	}

	@Override
	public Map<Long, Offer> shownIn(long rotationId, Set<Long> shownShifts, SignedInPerson viewer, Instant now) {
		Map<Long, Open> open = offered(rotationId, now).byShift();
		if (open.isEmpty()) {
			return Map.of();
		}
		Set<Long> shown = shownShifts.stream().filter(open::containsKey).collect(Collectors.toSet());
		if (shown.isEmpty()) {
			return Map.of();
		}
		Check check = this.rules.check();
		Map<Long, Offer> offers = new HashMap<>();
		for (long shiftId : shown) {
			Open offer = open.get(shiftId);
			ShiftView shift = offer.shift();
			// Read once for the generation: those ended since (time moves on) are not
			// offered any more, as a fresh read would not find them.
			if (!shift.end().isAfter(now) || !shift.start().isBefore(now.plus(AHEAD))) {
				continue;
			}
			boolean canVolunteer = !Long.valueOf(viewer.id()).equals(shift.assigneeId())
					&& check.timing(shift, true).isEmpty()
					&& check.problems(Move.whole(shift, viewer.id(), null)).isEmpty();
			offers.put(shiftId, new Offer(offer.requestId(), canVolunteer));
		}
		return offers;
	}

	/**
	 * The rotation's offers on shifts not ended at {@code now}: kept while the generation
	 * stands (offers read then on shifts that have ended since are dropped per request).
	 */
	Offered offered(long rotationId, Instant now) {
		return this.offered.get(rotationId, id -> {
			Map<Long, Open> byShift = new HashMap<>();
			for (SwapRequest offer : this.requests.offersIn(id, now, now.plus(AHEAD))) {
				Optional<ShiftView> shift = this.rules.shift(offer.shiftId());
				shift.ifPresent(s -> byShift.put(offer.shiftId(), new Open(offer.id(), s)));
			}
			return new Offered(Map.copyOf(byShift));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Registration {

		/**
		 * What the offers are read from: the requests, and the shifts they are on with
		 * their rotation, slot, layer and holder.
		 */
		@Bean
		static CacheDependencies openCoverOffersCache() {
			return CacheDependencies.of("open-cover offers", OpenCoverOffers.class, "swap_request",
					"swap_request_shift", "shift", "rotation", "rotation_slot", "rotation_layer", "person");
		}

	}

}
