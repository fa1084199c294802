package com.example.imoc.swap;

import java.util.List;
import java.util.Optional;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

import com.example.imoc.people.SignedInPerson;

/**
 * Swap and cover requests for channels other than the web form (the Slack app): the same
 * {@link Swaps} transitions, with the same consent, validation, locking and audit, and
 * every refusal turned into a sentence for the person who asked.
 */
@Service
public class SwapActions {

	private final Swaps swaps;

	private final SwapRequests requests;

	SwapActions(Swaps swaps, SwapRequests requests) {
		this.swaps = swaps;
		this.requests = requests;
	}

	/**
	 * What became of an action: the request as it is now, or why it was refused (then
	 * {@code request} is the request as it was, when there is one).
	 */
	public record Outcome(SwapRequest request, String refusal) {

		public boolean done() {
			return this.refusal == null;
		}

	}

	public Optional<SwapRequest> find(long id) {
		return this.requests.find(id);
	}

	/** Requests addressed to this person that wait for their answer. */
	public List<SwapRequest> waitingFor(long personId) {
		return this.requests.involving(personId)
			.stream()
			.filter(r -> r.state() == SwapState.PENDING && r.counterpartId() != null && r.counterpartId() == personId)
			.toList();
	}

	/** Open covers anyone may take, except this person's own. */
	public List<SwapRequest> openCoversFor(long personId) {
		return this.requests.openCovers().stream().filter(r -> r.requesterId() != personId).toList();
	}

	/**
	 * Gives the shift away: to {@code toPersonId}, or as an open cover when that is null.
	 */
	public Outcome cover(SignedInPerson actor, long shiftId, Long toPersonId) {
		NewSwap ask = new NewSwap(shiftId, toPersonId == null ? SwapKind.OPEN_COVER : SwapKind.COVER, null, toPersonId,
				null, null, "", null, false, null);
		return attempt(null, () -> this.swaps.request(actor, ask));
	}

	/** Accepts a request addressed to the actor, or takes an open cover. */
	public Outcome accept(SignedInPerson actor, long id) {
		return attempt(id, () -> this.swaps.accept(actor, id, null, null));
	}

	public Outcome decline(SignedInPerson actor, long id) {
		return attempt(id, () -> this.swaps.decline(actor, id, null));
	}

	private Outcome attempt(Long id, java.util.function.Supplier<SwapRequest> action) {
		try {
			return new Outcome(action.get(), null);
		}
		catch (SwapRefused | AccessDeniedException | SwapNotFoundException ex) {
			return new Outcome(id == null ? null : this.requests.find(id).orElse(null), ex.getMessage());
		}
	}

}
