package com.example.imoc.swap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.imoc.audit.AuditLog;
import com.example.imoc.notify.Notice;
import com.example.imoc.notify.Notifications;
import com.example.imoc.people.Person;
import com.example.imoc.people.PersonFacts;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.rotation.Participant;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;
import com.example.imoc.schedule.ShiftChanges;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.swap.SwapRules.Check;
import com.example.imoc.swap.SwapRules.Move;

/**
 * The coordinator fills a coverage gap: assigns someone directly (the swap rules apply;
 * the freeze window only when not explicitly overridden), or opens it to volunteers as an
 * open cover the first eligible taker wins, through the same acceptance as every open
 * cover ({@link Swaps#accept}). A gap has no owner, so its open cover is requested by the
 * coordinator on the rotation's behalf ({@code for_gap}) and expects the shift still to
 * have no owner when taken.
 */
@Service
class Gaps {

	/**
	 * People a search shows at most: the picker searches, it never lists a whole
	 * rotation.
	 */
	static final int SEARCH_LIMIT = 20;

	private final SwapRequests requests;

	private final SwapRules rules;

	private final ShiftChanges shiftChanges;

	private final PersonRepository people;

	private final Rotations rotations;

	private final Swaps swaps;

	private final AuditLog auditLog;

	private final Notifications notifications;

	Gaps(SwapRequests requests, SwapRules rules, ShiftChanges shiftChanges, PersonRepository people,
			Rotations rotations, Swaps swaps, AuditLog auditLog, Notifications notifications) {
		this.requests = requests;
		this.rules = rules;
		this.shiftChanges = shiftChanges;
		this.people = people;
		this.rotations = rotations;
		this.swaps = swaps;
		this.auditLog = auditLog;
		this.notifications = notifications;
	}

	/**
	 * A person the search found, with why they may not take the gap (empty when they
	 * may).
	 */
	record Match(long id, String name, String email, List<String> problems) {

		public boolean fits() {
			return this.problems.isEmpty();
		}

	}

	/**
	 * The rotation's participants whose name or email contains {@code query}
	 * (case-insensitive), those who may take the shift first, at most
	 * {@link #SEARCH_LIMIT}; and {@code chosen} (the person a rejected form named), so
	 * the form comes back with them still selected.
	 */
	@Transactional(readOnly = true)
	public List<Match> search(ShiftView shift, String query, Long chosen) {
		String needle = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
		if (needle.isEmpty() && chosen == null) {
			return List.of();
		}
		Check check = this.rules.check();
		List<Long> ids = this.rotations.participants(shift.rotationId()).stream().map(Participant::personId).toList();
		check.prefetch(ids);
		List<Match> matches = new ArrayList<>();
		for (Long id : ids) {
			Person person = check.person(id);
			boolean found = !needle.isEmpty() && (person.getName().toLowerCase(Locale.ROOT).contains(needle)
					|| person.getEmail().toLowerCase(Locale.ROOT).contains(needle));
			if (found || id.equals(chosen)) {
				matches.add(new Match(id, person.getName(), person.getEmail(),
						check.problems(Move.whole(shift, id, null))));
			}
		}
		return matches.stream()
			.sorted(Comparator.comparing((Match m) -> !m.fits()).thenComparing(Match::name))
			.limit(SEARCH_LIMIT)
			.toList();
	}

	/**
	 * Whether the shift starts within its rotation's freeze window (the coordinator must
	 * say so to assign it).
	 */
	@Transactional(readOnly = true)
	public boolean inFreezeWindow(ShiftView shift) {
		Check check = this.rules.check();
		return check.timing(shift, true).isEmpty() && !check.timing(shift, false).isEmpty();
	}

	/**
	 * Gives the gap to {@code personId}, if it is still a gap and they may take it; an
	 * open cover waiting on it is cancelled. Locks the open cover first, then the shift,
	 * as an acceptance does, so a volunteer taking it at the same moment either wins
	 * first (and this finds the shift taken) or finds the cover cancelled.
	 */
	@Transactional
	public ShiftView assign(SignedInPerson actor, long shiftId, Long personId, boolean overrideFreeze) {
		requireCoordinator(actor);
		Optional<SwapRequest> open = this.requests.openForShift(shiftId).flatMap(r -> this.requests.lock(r.id()));
		ShiftView shift = this.shiftChanges.lock(List.of(shiftId)).get(0);
		Check check = this.rules.check();
		requireOpenGap(shift, check);
		if (personId == null) {
			throw SwapRefused.input("personId", "Choose who takes the shift (search for them first).");
		}
		if (this.people.findById(personId).isEmpty()) {
			throw SwapRefused.input("personId", "There is no such person.");
		}
		boolean frozen = !check.timing(shift, false).isEmpty();
		if (frozen && !overrideFreeze) {
			Rotation rotation = check.rotation(shift.rotationId());
			throw SwapRefused.input("overrideFreeze", "This shift starts within the " + rotation.name()
					+ " freeze window (" + rotation.freezeDays() + " days): tick the box to assign it anyway.");
		}
		List<String> problems = check.problems(Move.whole(shift, personId, null));
		if (!problems.isEmpty()) {
			throw SwapRefused.input("personId", String.join(" ", problems));
		}
		Person person = check.person(personId);
		open.filter(r -> r.state() == SwapState.PENDING).ifPresent(r -> {
			this.requests.decide(r.id(), SwapState.CANCELLED, actor.email(), check.now(),
					"the coordinator assigned " + person.getName());
			this.auditLog.record("swap.cancelled", "swap", r.id(), "the coordinator assigned the shift instead");
		});
		this.shiftChanges.reassign(shift.id(), shift.version(), personId,
				"assigned by the coordinator (" + actor.email() + ")");
		this.auditLog.record("gap.assigned", "shift", shift.id(), SwapRules.describe(shift) + ": nobody (gap) → "
				+ person.getName() + " by " + actor.email() + (frozen ? " (freeze window overridden)" : ""));
		this.notifications.send(new Notice(personId, "gap.assigned", "The coordinator gave you a shift",
				"You now hold " + SwapRules.told(shift) + ", which nobody held before.", "/my/shifts"));
		return this.rules.shift(shift.id()).orElseThrow();
	}

	/**
	 * Offers the gap to every eligible participant as an open cover; the first who takes
	 * it gets it. Returns the request.
	 */
	@Transactional
	public SwapRequest openToVolunteers(SignedInPerson actor, long shiftId, String message) {
		requireCoordinator(actor);
		String text = message == null ? "" : message.strip();
		if (text.length() > 1000) {
			throw SwapRefused.input("message", "Keep the message under 1,000 characters.");
		}
		ShiftView shift = this.shiftChanges.lock(List.of(shiftId)).get(0);
		Check check = this.rules.check();
		requireOpenGap(shift, check);
		this.requests.openForShift(shiftId).ifPresent(r -> {
			throw SwapRefused.conflict("This gap is already open to volunteers (request #" + r.id() + ").");
		});
		long id;
		try {
			id = this.requests.insertOffer(actor.id(), shift.id(), shift.version(), true, null, text, actor.email());
		}
		catch (DuplicateKeyException ex) {
			throw SwapRefused.conflict("This gap is already open to volunteers.");
		}
		this.auditLog.record("gap.opened", "swap", id, "Open cover of the coverage gap " + SwapRules.describe(shift)
				+ " to anyone eligible, by " + actor.email());
		List<Notice> notices = new ArrayList<>();
		for (PersonFacts taker : this.swaps.possibleTakers(shift, shift.start(), shift.end(), check)) {
			notices
				.add(new Notice(taker.id(), "swap.open-cover", "A coverage gap needs a volunteer",
						"Nobody holds " + SwapRules.told(shift) + ". Whoever takes it first gets it."
								+ (text.isEmpty() ? "" : " The coordinator's message: \"" + text + "\""),
						"/swaps/" + id));
		}
		this.notifications.sendAll(notices);
		return this.requests.find(id).orElseThrow();
	}

	private static void requireOpenGap(ShiftView shift, Check check) {
		if (shift.shadow()) {
			throw SwapRefused.conflict("A shadow shift is not a coverage gap.");
		}
		if (!shift.isGap()) {
			throw SwapRefused.conflict("This shift is no longer a gap: " + shift.assigneeName() + " holds it.");
		}
		List<String> timing = check.timing(shift, true);
		if (!timing.isEmpty()) {
			throw SwapRefused.conflict(String.join(" ", timing));
		}
	}

	private static void requireCoordinator(SignedInPerson actor) {
		if (!actor.isCoordinator()) {
			throw new AccessDeniedException("Only the coordinator fills coverage gaps.");
		}
	}

}
