package com.example.imoc.swap;

import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Service;

import com.example.imoc.people.SignedInPerson;

/**
 * Covers the coordinator records for someone, for other modules (an imported schedule's
 * overrides): the same request and acceptance as the web form's "perform it now", with
 * its validation, race safety, audit and notices. Not transactional itself: each cover
 * commits or is refused on its own.
 */
@Service
public class CoordinatorCovers {

	private final Swaps swaps;

	CoordinatorCovers(Swaps swaps) {
		this.swaps = swaps;
	}

	/**
	 * Gives the shift (or the part {@code partStart}–{@code partEnd} of it; both
	 * {@code null} for all of it) to {@code toPersonId} at once. Returns why it was
	 * refused, or empty when done.
	 */
	public Optional<String> coverNow(SignedInPerson coordinator, long shiftId, long toPersonId, Instant partStart,
			Instant partEnd, String reason) {
		if (!coordinator.isCoordinator()) {
			throw new IllegalArgumentException("Only the coordinator records covers for others.");
		}
		try {
			this.swaps.request(coordinator, new NewSwap(shiftId, SwapKind.COVER, null, toPersonId, partStart, partEnd,
					reason, null, true, reason));
			return Optional.empty();
		}
		catch (SwapRefused refused) {
			return Optional.of(refused.getMessage());
		}
	}

}
