package com.example.imoc.swap;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
import com.example.imoc.swap.SwapRules.Load;
import com.example.imoc.swap.SwapRules.Move;

/**
 * Every transition of a swap or cover request. Each one runs in one transaction that
 * first locks the request row (and then every shift row of its set, in id order), checks
 * who may do it, validates again against the schedule as it is now, changes every shift
 * of the set or none, and writes its audit line and notices (one for the set).
 * <p>
 * A request carries a set of shifts ({@link SwapScope}): one shift, the requester's whole
 * block, or their shifts in a range of dates; a swap takes one shift or the counterpart's
 * whole block in exchange.
 */
@Service
class Swaps {

	private final SwapRequests requests;

	private final SwapRules rules;

	private final ShiftChanges shiftChanges;

	private final PersonRepository people;

	private final Rotations rotations;

	private final AuditLog auditLog;

	private final Notifications notifications;

	Swaps(SwapRequests requests, SwapRules rules, ShiftChanges shiftChanges, PersonRepository people,
			Rotations rotations, AuditLog auditLog, Notifications notifications) {
		this.requests = requests;
		this.rules = rules;
		this.shiftChanges = shiftChanges;
		this.people = people;
		this.rotations = rotations;
		this.auditLog = auditLog;
		this.notifications = notifications;
	}

	/**
	 * Validates a new request without storing it; returns the problems, each with the
	 * field it is about.
	 */
	@Transactional(readOnly = true)
	public List<SwapRefused> validate(SignedInPerson actor, NewSwap ask) {
		List<SwapRefused> problems = new ArrayList<>();
		try {
			plan(actor, ask, this.rules.check(), problems);
		}
		catch (SwapRefused refused) {
			problems.add(refused);
		}
		return problems;
	}

	@Transactional
	public SwapRequest request(SignedInPerson actor, NewSwap ask) {
		Check check = this.rules.check();
		List<SwapRefused> problems = new ArrayList<>();
		Plan plan = plan(actor, ask, check, problems);
		if (!problems.isEmpty()) {
			throw problems.get(0);
		}
		long id;
		try {
			id = this.requests.insert(ask.kind(), plan.shift().assigneeId(), plan.given(), plan.taken(),
					ask.partStart(), ask.partEnd(), plan.toPersonId(), clean(ask.message()), ask.deadline(),
					actor.email(), plan.scope(), plan.scope() == SwapScope.RANGE ? ask.from() : null,
					plan.scope() == SwapScope.RANGE ? ask.to() : null);
		}
		catch (DuplicateKeyException ex) {
			throw SwapRefused.input("shift",
					(plan.given().size() == 1 ? "This shift already has" : "A shift of this set already has")
							+ " a request waiting for an answer; cancel it first.");
		}
		SwapRequest created = this.requests.find(id).orElseThrow();
		this.auditLog.record("swap.requested", "swap", id, describe(created, plan.given(), plan.taken())
				+ (actor.id() != plan.shift().assigneeId() ? " (by the coordinator " + actor.email() + ")" : ""));
		if (ask.performNow() && actor.isCoordinator() && ask.kind() != SwapKind.OPEN_COVER) {
			return accept(actor, id, null, ask.reason());
		}
		announce(created, plan, check);
		return created;
	}

	/**
	 * The counterpart (or, for an open cover, whoever takes it) accepts. The coordinator
	 * may accept on someone's behalf ({@code onBehalfOf}, needed for open covers).
	 */
	@Transactional(noRollbackFor = SwapRefused.class)
	public SwapRequest accept(SignedInPerson actor, long id, Long onBehalfOf, String note) {
		checkNote(note);
		SwapRequest request = lockRequest(id);
		if (request.state() != SwapState.PENDING) {
			throw SwapRefused.conflict(alreadyDecided(request));
		}
		long taker = switch (request.kind()) {
			case OPEN_COVER -> onBehalfOf != null && actor.isCoordinator() ? onBehalfOf : actor.id();
			default -> request.counterpartId();
		};
		if (request.kind() != SwapKind.OPEN_COVER && actor.id() != taker && !actor.isCoordinator()) {
			throw new AccessDeniedException("This request is addressed to someone else.");
		}
		if (taker == request.requesterId() && !request.forGap()) {
			throw SwapRefused.conflict("You cannot take your own shift.");
		}
		Check check = this.rules.check();
		Instant now = check.now();
		Sides shifts = lockAsAsked(request, taker, check,
				new Timing(actor.isCoordinator() || request.offeredByCoordinator(), actor.isCoordinator()));
		ShiftView shift = shifts.shift();
		if (request.kind() == SwapKind.OPEN_COVER) {
			this.requests.setCounterpart(id, taker);
		}
		Rotation rotation = check.rotation(shift.rotationId());
		if (rotation.swapNeedsApproval() && !actor.isCoordinator()) {
			this.requests.decide(id, SwapState.APPROVAL_PENDING, actor.email(), now, note);
			this.auditLog.record("swap.accepted", "swap", id,
					check.facts(taker).name() + " accepted; waiting for the coordinator's approval");
			for (Person coordinator : coordinators()) {
				notify(coordinator.getId(), "swap.approval", "A swap waits for your approval",
						check.facts(taker).name() + " accepted " + request.requesterName() + "'s request for "
								+ SwapRules.told(shifts.given()) + ".",
						id);
			}
			return this.requests.find(id).orElseThrow();
		}
		return apply(actor, request, shifts, taker, SwapState.ACCEPTED, now, rotation, note);
	}

	/**
	 * The shifts of a request's set as they are now, in the set's order: those the
	 * requester gives and, for a swap, those taken in exchange.
	 */
	record Sides(List<ShiftView> given, List<ShiftView> taken) {

		ShiftView shift() {
			return this.given.get(0);
		}

		ShiftView other() {
			return this.taken.isEmpty() ? null : this.taken.get(0);
		}

		List<ShiftView> all() {
			List<ShiftView> all = new ArrayList<>(this.given);
			all.addAll(this.taken);
			return all;
		}

		/** More than one shift changes hands: each refusal names its shift. */
		boolean isSet() {
			return this.given.size() + this.taken.size() > 2 || this.given.size() > 1;
		}

	}

	/**
	 * How far the timing rules bend for each shift of a transition: {@code shift} true
	 * lets a shift inside the freeze window change hands (the coordinator, or a request
	 * the coordinator made); {@code other} the same for the shift given in exchange.
	 * Either way a shift that has started or left the schedule never changes hands.
	 */
	private record Timing(boolean shift, boolean other) {
	}

	/**
	 * The one path into a transition that moves shifts (accept, approve): locks every
	 * shift of the request's set in id order, refuses (and marks the request invalid)
	 * when any is no longer as asked, then validates the move of each against the
	 * schedule as it is now: timing, and whether each person may take every shift they
	 * get. Returns the locked shifts for {@link #apply}.
	 */
	private Sides lockAsAsked(SwapRequest request, long taker, Check check, Timing timing) {
		Sides sides = lockSides(request.givenShiftIds(), request.takenShiftIds());
		requireShiftsAsAsked(request, sides, taker, check.now());
		List<String> problems = new ArrayList<>();
		for (ShiftView shift : sides.given()) {
			problems.addAll(check.timing(shift, timing.shift()));
			Move move = request.isPartial() ? new Move(shift, request.partStart(), request.partEnd(), taker, null)
					: Move.whole(shift, taker, null);
			problems.addAll(
					naming(sides.isSet(), shift, check.problems(move, sides.taken(), without(sides.given(), shift))));
		}
		for (ShiftView other : sides.taken()) {
			problems.addAll(check.timing(other, timing.other()));
			problems.addAll(naming(sides.isSet(), other, check.problems(Move.whole(other, request.requesterId(), null),
					sides.given(), without(sides.taken(), other))));
		}
		if (!problems.isEmpty()) {
			throw SwapRefused.conflict(String.join(" ", problems));
		}
		return sides;
	}

	/**
	 * Locks the shifts of a set in id order (every transition that moves shifts locks in
	 * the same order, so two never deadlock) and returns them in the set's order.
	 */
	private Sides lockSides(List<Long> given, List<Long> taken) {
		List<Long> ids = new ArrayList<>(given);
		ids.addAll(taken);
		Map<Long, ShiftView> locked = new HashMap<>();
		this.shiftChanges.lock(ids).forEach(s -> locked.put(s.id(), s));
		return new Sides(given.stream().map(locked::get).toList(), taken.stream().map(locked::get).toList());
	}

	/**
	 * Refuses, and marks the request invalid, when a shift in it is no longer what it was
	 * when the request was made: someone swapped it, or the schedule repair gave it to
	 * someone else. Acting on it anyway would move a shift away from whoever holds it
	 * now, who never agreed.
	 */
	private void requireShiftsAsAsked(SwapRequest request, Sides sides, long taker, Instant now) {
		boolean asAsked = true;
		for (int i = 0; i < sides.given().size(); i++) {
			ShiftView shift = sides.given().get(i);
			asAsked &= shift.version() == request.given().get(i).version()
					&& Objects.equals(request.expectedHolder(), shift.assigneeId());
		}
		for (int i = 0; i < sides.taken().size(); i++) {
			ShiftView other = sides.taken().get(i);
			asAsked &= other.version() == request.taken().get(i).version()
					&& Long.valueOf(taker).equals(other.assigneeId());
		}
		if (asAsked) {
			return;
		}
		long id = request.id();
		this.requests.decide(id, SwapState.INVALID, "system", now, "a shift changed since the request was made");
		this.auditLog.record("swap.invalid", "swap", id, "a shift changed since the request was made");
		notify(request.requesterId(), "swap.invalid",
				"Your " + request.kind().label().toLowerCase() + " request is no longer valid",
				"The shift changed since you asked (it was swapped, or the schedule was repaired). Make a new request if you still need one.",
				id);
		throw SwapRefused.conflict("This request is no longer valid: a shift in it changed since it was made "
				+ "(someone swapped it or the schedule was repaired).");
	}

	private SwapRequest apply(SignedInPerson actor, SwapRequest request, Sides shifts, long taker, SwapState state,
			Instant now, Rotation rotation, String note) {
		ShiftView shift = shifts.shift();
		ShiftView other = shifts.other();
		Person takerPerson = this.people.findById(taker).orElseThrow();
		String reason = request.forGap() ? "volunteered for a coverage gap (request #" + request.id() + ")"
				: request.specialDayId() != null ? "volunteered on a special coverage day for "
						+ request.requesterName() + " (request #" + request.id() + ")" : switch (request.kind()) {
							case SWAP -> "swapped with " + request.requesterName() + " (request #" + request.id() + ")";
							case COVER, OPEN_COVER ->
								"covering for " + request.requesterName() + " (request #" + request.id() + ")";
						};
		// Shifts are locked and their versions checked, so these writes succeed; if one
		// did not, its ShiftChangedException rolls the whole transition (every shift of
		// the set) back.
		long resultShift = shift.id();
		long resultVersion = 0;
		for (ShiftView given : shifts.given()) {
			long version;
			if (request.isPartial()) {
				resultShift = this.shiftChanges.handOverPart(given.id(), given.version(), request.partStart(),
						request.partEnd(), taker, reason);
				version = this.rules.shift(resultShift).orElseThrow().version();
			}
			else {
				version = this.shiftChanges.reassign(given.id(), given.version(), taker, reason,
						request.specialDayId() != null);
			}
			resultVersion = given == shift ? version : resultVersion;
			this.requests.recordSetResult(request.id(), "GIVE", given.id(), version);
		}
		Long counterpartVersion = null;
		for (ShiftView taken : shifts.taken()) {
			long version = this.shiftChanges.reassign(taken.id(), taken.version(), request.requesterId(),
					"swapped with " + takerPerson.getName() + " (request #" + request.id() + ")");
			counterpartVersion = taken == other ? Long.valueOf(version) : counterpartVersion;
			this.requests.recordSetResult(request.id(), "TAKE", taken.id(), version);
		}
		Instant undoUntil = now.plus(Duration.ofHours(rotation.swapUndoHours()));
		for (ShiftView any : shifts.all()) {
			if (any.start().isBefore(undoUntil)) {
				undoUntil = any.start();
			}
		}
		this.requests.decide(request.id(), state, actor.email(), now, note);
		// A filled gap has nobody to give it back to: no undo (the coordinator reassigns
		// it if needed).
		this.requests.recordResult(request.id(), resultShift, resultVersion, counterpartVersion,
				request.forGap() ? null : undoUntil);
		this.auditLog.record("swap." + state.name().toLowerCase(), "swap", request.id(),
				SwapRules.describe(shifts.given()) + ": "
						+ (request.forGap() ? "nobody (gap)" : request.requesterName()) + " → " + takerPerson.getName()
						+ (other == null ? ""
								: "; " + SwapRules.describe(shifts.taken()) + ": " + takerPerson.getName() + " → "
										+ request.requesterName())
						+ (actor.id() != taker ? " (performed by " + actor.email() + ")" : ""));
		if (request.forGap()) {
			notify(request.requesterId(), "swap.accepted", takerPerson.getName() + " took a coverage gap",
					takerPerson.getName() + " volunteered for " + SwapRules.told(shift) + ".", request.id());
			return this.requests.find(request.id()).orElseThrow();
		}
		boolean several = shifts.given().size() > 1;
		notify(request.requesterId(), "swap.accepted",
				takerPerson.getName() + " took your shift" + (several ? "s" : ""),
				takerPerson.getName() + " now holds " + SwapRules.told(shifts.given())
						+ (other == null ? "." : ", and you hold " + SwapRules.told(shifts.taken()) + ".")
						+ " Both of you can undo it together until " + Notice.time(undoUntil) + ".",
				request.id());
		if (actor.id() != taker) {
			notify(taker, "swap.accepted", "The coordinator gave you " + (several ? "shifts" : "a shift"),
					"You now hold " + SwapRules.told(shifts.given()) + " (request #" + request.id() + ").",
					request.id());
		}
		return this.requests.find(request.id()).orElseThrow();
	}

	@Transactional
	public SwapRequest decline(SignedInPerson actor, long id, String note) {
		checkNote(note);
		SwapRequest request = lockRequest(id);
		if (request.kind() == SwapKind.OPEN_COVER) {
			throw SwapRefused.conflict("An open cover is not addressed to anyone: leave it for someone else to take.");
		}
		if (!actor.isCoordinator() && (request.counterpartId() == null || actor.id() != request.counterpartId())) {
			throw new AccessDeniedException("This request is addressed to someone else.");
		}
		if (request.state() != SwapState.PENDING) {
			throw SwapRefused.conflict(alreadyDecided(request));
		}
		this.requests.decide(id, SwapState.DECLINED, actor.email(), this.rules.check().now(), clean(note));
		this.auditLog.record("swap.declined", "swap", id, "declined by " + actor.email());
		notify(request.requesterId(), "swap.declined", request.counterpartName() + " declined your request",
				request.counterpartName() + " declined your " + request.kind().label().toLowerCase() + " request."
						+ (clean(note).isEmpty() ? "" : " Their note: " + clean(note)),
				id);
		return this.requests.find(id).orElseThrow();
	}

	@Transactional
	public SwapRequest cancel(SignedInPerson actor, long id) {
		SwapRequest request = lockRequest(id);
		if (!actor.isCoordinator() && actor.id() != request.requesterId()) {
			throw new AccessDeniedException("Only the person who asked (or the coordinator) can cancel a request.");
		}
		if (!request.state().isOpen()) {
			throw SwapRefused.conflict(alreadyDecided(request));
		}
		this.requests.decide(id, SwapState.CANCELLED, actor.email(), this.rules.check().now(), "");
		this.auditLog.record("swap.cancelled", "swap", id, "cancelled by " + actor.email());
		if (request.counterpartId() != null) {
			notify(request.counterpartId(), "swap.cancelled", request.requesterName() + " cancelled a request",
					request.requesterName() + " no longer needs you to take "
							+ (request.given().size() > 1 ? "their shifts." : "their shift."),
					id);
		}
		return this.requests.find(id).orElseThrow();
	}

	/**
	 * Both parties ask to undo within the grace period; when the second one does (or the
	 * coordinator does), the shifts go back, provided nothing moved since.
	 */
	@Transactional(noRollbackFor = SwapRefused.class)
	public SwapRequest undo(SignedInPerson actor, long id) {
		SwapRequest request = lockRequest(id);
		if (!actor.isCoordinator() && !request.involves(actor.id())) {
			throw new AccessDeniedException("Only the two people in a swap (or the coordinator) can undo it.");
		}
		if (!request.state().isDone()) {
			throw SwapRefused.conflict("Only an accepted request can be undone; this one is "
					+ request.state().label().toLowerCase() + ".");
		}
		if (request.forGap()) {
			throw SwapRefused.conflict("A filled coverage gap is not undone: ask the coordinator to assign the shift "
					+ "to someone else.");
		}
		Instant now = this.rules.check().now();
		if (request.undoUntil() == null || !now.isBefore(request.undoUntil())) {
			throw SwapRefused.conflict("The time to undo this has passed (it ended " + request.undoUntil()
					+ " UTC); make a new request instead.");
		}
		boolean byRequester = actor.id() == request.requesterId();
		boolean bothAgree = actor.isCoordinator()
				|| (byRequester ? request.undoByCounterpart() : request.undoByRequester());
		if (!bothAgree) {
			this.requests.markUndo(id, byRequester);
			long other = byRequester ? request.counterpartId() : request.requesterId();
			this.auditLog.record("swap.undo-asked", "swap", id, actor.email() + " asked to undo");
			notify(other, "swap.undo", actor.name() + " wants to undo a swap",
					"Undo it too (request #" + id + ") and the shifts go back to how they were.", id);
			return this.requests.find(id).orElseThrow();
		}
		// A partial cover gave away a new row (the part), the request's result shift.
		List<Long> givenNow = request.isPartial() ? List.of(request.resultShiftId()) : request.givenShiftIds();
		Sides locked = lockSides(givenNow, request.takenShiftIds());
		boolean unchanged = true;
		for (int i = 0; i < locked.given().size(); i++) {
			unchanged &= Objects.equals(locked.given().get(i).version(), request.given().get(i).resultVersion());
		}
		for (int i = 0; i < locked.taken().size(); i++) {
			unchanged &= Objects.equals(locked.taken().get(i).version(), request.taken().get(i).resultVersion());
		}
		if (!unchanged) {
			throw SwapRefused.conflict("This cannot be undone: a shift in it changed again since (another swap or a "
					+ "repair). Make a new request instead.");
		}
		for (ShiftView result : locked.given()) {
			this.shiftChanges.reassign(result.id(), result.version(), request.requesterId(),
					"back to " + request.requesterName() + " (request #" + id + " undone)");
		}
		for (ShiftView other : locked.taken()) {
			this.shiftChanges.reassign(other.id(), other.version(), request.counterpartId(),
					"back to " + request.counterpartName() + " (request #" + id + " undone)");
		}
		this.requests.decide(id, SwapState.UNDONE, actor.email(), now, "");
		this.auditLog.record("swap.undone", "swap", id,
				SwapRules.describe(locked.given()) + " back to " + request.requesterName() + (locked.taken().isEmpty()
						? "" : "; " + SwapRules.describe(locked.taken()) + " back to " + request.counterpartName()));
		for (long who : new long[] { request.requesterId(), request.counterpartId() }) {
			if (who != actor.id()) {
				notify(who, "swap.undone", "A swap was undone", "Request #" + id + " was undone; the shifts are back ("
						+ SwapRules.describe(locked.all()) + ").", id);
			}
		}
		return this.requests.find(id).orElseThrow();
	}

	@Transactional(noRollbackFor = SwapRefused.class)
	public SwapRequest approve(SignedInPerson actor, long id, String note) {
		checkNote(note);
		requireCoordinator(actor);
		SwapRequest request = lockRequest(id);
		requireAwaitingApproval(request, "approved");
		Check check = this.rules.check();
		// The coordinator may approve inside the freeze window, but neither shift may
		// have
		// started (the expiry job notices a started counterpart only at its next run).
		Sides shifts = lockAsAsked(request, request.counterpartId(), check, new Timing(true, true));
		return apply(actor, request, shifts, request.counterpartId(), SwapState.APPROVED, check.now(),
				check.rotation(shifts.shift().rotationId()), clean(note));
	}

	@Transactional
	public SwapRequest reject(SignedInPerson actor, long id, String note) {
		checkNote(note);
		requireCoordinator(actor);
		SwapRequest request = lockRequest(id);
		requireAwaitingApproval(request, "rejected");
		this.requests.decide(id, SwapState.REJECTED, actor.email(), this.rules.check().now(), clean(note));
		this.auditLog.record("swap.rejected", "swap", id, "rejected by " + actor.email() + ": " + clean(note));
		for (long who : new long[] { request.requesterId(), request.counterpartId() }) {
			notify(who, "swap.rejected", "The coordinator rejected a swap",
					"Request #" + id + " was rejected." + (clean(note).isEmpty() ? "" : " " + clean(note)), id);
		}
		return this.requests.find(id).orElseThrow();
	}

	/**
	 * Pending requests whose shift started or whose deadline passed (the Quartz expiry
	 * job).
	 */
	@Transactional
	public int expireDue() {
		Instant now = this.rules.check().now();
		int expired = 0;
		for (long id : this.requests.due(now)) {
			SwapRequest request = this.requests.lock(id).orElseThrow();
			if (!request.state().isOpen()) {
				continue;
			}
			this.requests.decide(id, SwapState.EXPIRED, "system", now, "");
			this.auditLog.record("swap.expired", "swap", id, "nobody answered in time");
			notify(request.requesterId(), "swap.expired", "Your request expired",
					"Nobody answered your " + request.kind().label().toLowerCase() + " request for "
							+ SwapRules.told(current(request.givenShiftIds())) + " in time.",
					id);
			expired++;
		}
		return expired;
	}

	/**
	 * Checked plan of a new request: the shifts the requester gives (earliest first), a
	 * swap's shifts taken in exchange, the person addressed, and the scope as it turned
	 * out (a "block" of one shift is that shift).
	 */
	record Plan(List<ShiftView> given, List<ShiftView> taken, Long toPersonId, SwapScope scope) {

		ShiftView shift() {
			return this.given.get(0);
		}

		ShiftView counterpartShift() {
			return this.taken.isEmpty() ? null : this.taken.get(0);
		}

		boolean isSet() {
			return new Sides(this.given, this.taken).isSet();
		}

	}

	/**
	 * A range of dates covers at most this many days: a request is a set someone answers
	 * as a whole, not a season.
	 */
	static final int LONGEST_RANGE_DAYS = 62;

	private Plan plan(SignedInPerson actor, NewSwap ask, Check check, List<SwapRefused> problems) {
		ShiftView anchor = this.rules.shift(ask.shiftId())
			.orElseThrow(() -> SwapRefused.input("shift", "There is no such shift."));
		if (anchor.shadow() || anchor.isGap()) {
			throw SwapRefused.input("shift", "Only a shift someone holds as the IM can be swapped or covered.");
		}
		if (!actor.isCoordinator() && actor.id() != anchor.assigneeId()) {
			throw new AccessDeniedException("You can only offer shifts you hold.");
		}
		List<ShiftView> given = switch (ask.scope()) {
			case SHIFT -> List.of(anchor);
			case BLOCK -> blockOf(anchor, check);
			case RANGE -> range(anchor, ask, check, problems);
		};
		if (given.isEmpty()) {
			return new Plan(List.of(anchor), List.of(), null, ask.scope());
		}
		SwapScope scope = ask.scope() == SwapScope.BLOCK && given.size() == 1 ? SwapScope.SHIFT : ask.scope();
		ShiftView shift = given.get(0);
		for (ShiftView each : given) {
			check.timing(each, actor.isCoordinator()).forEach(p -> problems.add(SwapRefused.input("shift", p)));
			this.requests.openForShift(each.id())
				.ifPresent(open -> problems.add(SwapRefused.input("shift",
						(given.size() == 1 ? "This shift" : "The shift on " + SwapRules.describe(each))
								+ " already has a request waiting for an answer (#" + open.id()
								+ "); cancel it first.")));
		}
		if (ask.partStart() != null || ask.partEnd() != null) {
			if (ask.kind() == SwapKind.SWAP) {
				problems
					.add(SwapRefused.input("partStart", "A swap exchanges whole shifts; use a cover for part of one."));
			}
			else if (given.size() > 1 || scope != SwapScope.SHIFT) {
				problems.add(SwapRefused.input("partStart",
						"Only part of a single shift can be handed over; choose \"this shift only\"."));
			}
			else if (ask.partStart() == null || ask.partEnd() == null || !ask.partEnd().isAfter(ask.partStart())) {
				problems.add(SwapRefused.input("partEnd",
						"Give both the start and the end of the part, the end after the start."));
			}
			else if (ask.partStart().isBefore(shift.start()) || ask.partEnd().isAfter(shift.end())) {
				problems.add(SwapRefused.input("partStart", "The part must lie inside the shift."));
			}
		}
		if (ask.deadline() != null && (ask.deadline().isAfter(shift.start()) || !ask.deadline().isAfter(check.now()))) {
			problems.add(SwapRefused.input("deadline", "The deadline must be in the future and before the "
					+ (given.size() == 1 ? "shift starts." : "first shift starts.")));
		}
		if (ask.message() != null && ask.message().length() > 1000) {
			problems.add(SwapRefused.input("message", "Keep the message under 1,000 characters."));
		}
		if (ask.reason() != null && ask.reason().length() > LONGEST_NOTE) {
			problems.add(SwapRefused.input("reason", "Keep the reason under 1,000 characters."));
		}
		Instant partStart = ask.partStart() == null ? shift.start() : ask.partStart();
		Instant partEnd = ask.partEnd() == null ? shift.end() : ask.partEnd();
		switch (ask.kind()) {
			case SWAP -> {
				if (ask.counterpartShiftId() == null) {
					problems.add(SwapRefused.input("counterpartShiftId", "Choose the shift you want in exchange."));
					return new Plan(given, List.of(), null, scope);
				}
				ShiftView other = this.rules.shift(ask.counterpartShiftId())
					.orElseThrow(() -> SwapRefused.input("counterpartShiftId", "There is no such shift."));
				if (other.shadow() || other.isGap() || other.assigneeId().equals(shift.assigneeId())) {
					problems
						.add(SwapRefused.input("counterpartShiftId", "Choose a shift someone else holds as the IM."));
					return new Plan(given, List.of(), null, scope);
				}
				List<ShiftView> taken = ask.counterpartScope() == SwapScope.BLOCK ? blockOf(other, check)
						: List.of(other);
				Plan plan = new Plan(given, taken, other.assigneeId(), scope);
				for (ShiftView each : taken) {
					check.timing(each, actor.isCoordinator())
						.forEach(p -> problems.add(SwapRefused.input("counterpartShiftId", p)));
				}
				for (ShiftView each : given) {
					naming(plan.isSet(), each,
							check.problems(Move.whole(each, other.assigneeId(), null), taken, without(given, each)))
						.forEach(p -> problems.add(SwapRefused.input("counterpartShiftId", p)));
				}
				for (ShiftView each : taken) {
					naming(plan.isSet(), each,
							check.problems(Move.whole(each, shift.assigneeId(), null), given, without(taken, each)))
						.forEach(p -> problems.add(SwapRefused.input("counterpartShiftId", p)));
				}
				return plan;
			}
			case COVER -> {
				if (ask.toPersonId() == null) {
					problems.add(SwapRefused.input("toPersonId", "Choose who should cover the shift."));
					return new Plan(given, List.of(), null, scope);
				}
				if (ask.toPersonId().equals(shift.assigneeId())) {
					problems.add(SwapRefused.input("toPersonId", "Choose someone other than the shift's holder."));
					return new Plan(given, List.of(), null, scope);
				}
				if (this.people.findById(ask.toPersonId()).isEmpty()) {
					throw SwapRefused.input("toPersonId", "There is no such person.");
				}
				Plan plan = new Plan(given, List.of(), ask.toPersonId(), scope);
				for (ShiftView each : given) {
					Move move = each == shift ? new Move(each, partStart, partEnd, ask.toPersonId(), null)
							: Move.whole(each, ask.toPersonId(), null);
					naming(plan.isSet(), each, check.problems(move, List.of(), without(given, each)))
						.forEach(p -> problems.add(SwapRefused.input("toPersonId", p)));
				}
				return plan;
			}
			default -> {
				return new Plan(given, List.of(), null, scope);
			}
		}
	}

	/**
	 * The block a shift belongs to: the shifts its holder has in the same slot of the
	 * same rotation within the block period around it (the rotation's anchor grid of
	 * {@code blockDays}), earliest first. Days of the block that have started are left
	 * out (they can no longer change hands); the shift itself is always in it.
	 */
	List<ShiftView> blockOf(ShiftView shift, Check check) {
		Rotation rotation = check.rotation(shift.rotationId());
		LocalDate first = shift.date()
			.minusDays(Math.floorMod(ChronoUnit.DAYS.between(rotation.anchor(), shift.date()), rotation.blockDays()));
		LocalDate last = first.plusDays(rotation.blockDays() - 1L);
		return heldOn(shift, first, last, shift.slotId(), check);
	}

	/**
	 * The requester's shifts in the asked range (every slot, or one), earliest first;
	 * each problem with the range goes to the field it is about.
	 */
	private List<ShiftView> range(ShiftView anchor, NewSwap ask, Check check, List<SwapRefused> problems) {
		if (ask.from() == null || ask.to() == null) {
			if (ask.from() == null) {
				problems.add(SwapRefused.input("from", "Give the first day of the range."));
			}
			if (ask.to() == null) {
				problems.add(SwapRefused.input("to", "Give the last day of the range."));
			}
			return List.of();
		}
		if (ask.to().isBefore(ask.from())) {
			problems.add(SwapRefused.input("to", "The last day must not be before the first."));
			return List.of();
		}
		if (ChronoUnit.DAYS.between(ask.from(), ask.to()) >= LONGEST_RANGE_DAYS) {
			problems.add(SwapRefused.input("to", "A range covers at most " + LONGEST_RANGE_DAYS + " days."));
			return List.of();
		}
		List<ShiftView> held = heldOn(anchor, ask.from(), ask.to(), ask.slotId(), check);
		if (held.isEmpty()) {
			problems.add(SwapRefused.input("from", anchor.assigneeName() + " holds no shift of " + anchor.rotationName()
					+ " from " + ask.from() + " to " + ask.to() + " that has not started."));
		}
		return held;
	}

	/**
	 * The shifts the holder of {@code shift} has in its rotation on the local dates
	 * [first, last], in one slot when {@code slotId} is given, not yet started (the shift
	 * itself always), earliest first.
	 */
	private List<ShiftView> heldOn(ShiftView shift, LocalDate first, LocalDate last, Long slotId, Check check) {
		ZoneId zone = check.rotation(shift.rotationId()).zone();
		Instant from = first.minusDays(1).atStartOfDay(zone).toInstant();
		Instant to = last.plusDays(2).atStartOfDay(zone).toInstant();
		return this.rules.heldBy(shift.assigneeId(), from, to)
			.stream()
			.filter(s -> s.rotationId() == shift.rotationId() && !s.shadow() && !s.isCancelled())
			.filter(s -> !s.date().isBefore(first) && !s.date().isAfter(last))
			.filter(s -> slotId == null || s.slotId() == slotId)
			.filter(s -> s.id() == shift.id() || s.start().isAfter(check.now()))
			.sorted(Comparator.comparing(ShiftView::start))
			.toList();
	}

	/**
	 * The eligible people who could take a shift (for open covers and for the cover
	 * form).
	 */
	List<PersonFacts> possibleTakers(ShiftView shift, Instant partStart, Instant partEnd, Check check) {
		return possibleTakers(List.of(shift), new Move(shift, partStart, partEnd, 0, null), check);
	}

	/**
	 * The eligible people who could take every shift of a set ({@code first}, the first
	 * shift's move, may be a part of it).
	 */
	private List<PersonFacts> possibleTakers(List<ShiftView> set, Move first, Check check) {
		List<PersonFacts> takers = new ArrayList<>();
		ShiftView shift = set.get(0);
		List<Participant> participants = this.rotations.participants(shift.rotationId());
		// The rules read facts, not entities: an open cover checks every participant.
		check.prefetchFacts(participants.stream().map(Participant::personId).toList());
		for (Participant participant : participants) {
			long id = participant.personId();
			if (Long.valueOf(id).equals(shift.assigneeId())) {
				continue;
			}
			boolean fits = true;
			for (ShiftView each : set) {
				Move move = each == shift ? new Move(each, first.start(), first.end(), id, null)
						: Move.whole(each, id, null);
				if (!check.problems(move, List.of(), without(set, each)).isEmpty()) {
					fits = false;
					break;
				}
			}
			if (fits) {
				takers.add(check.facts(id));
			}
		}
		takers.sort((a, b) -> a.name().compareTo(b.name()));
		return takers;
	}

	/**
	 * The what-if preview of a request not stored yet: the load of each person before and
	 * after, over every shift of the set. Empty when the request does not pass
	 * validation.
	 */
	@Transactional(readOnly = true)
	public List<Load> preview(SignedInPerson actor, NewSwap ask) {
		Check check = this.rules.check();
		List<SwapRefused> problems = new ArrayList<>();
		Plan plan;
		try {
			plan = plan(actor, ask, check, problems);
		}
		catch (SwapRefused refused) {
			return List.of();
		}
		if (!problems.isEmpty()) {
			return List.of();
		}
		long requester = plan.shift().assigneeId();
		ShiftView shift = plan.shift();
		Instant start = ask.partStart() == null ? shift.start() : ask.partStart();
		Instant end = ask.partEnd() == null ? shift.end() : ask.partEnd();
		return switch (ask.kind()) {
			case SWAP -> List.of(check.load(requester, moves(plan.taken(), requester), plan.given(), null, null),
					check.load(plan.toPersonId(), moves(plan.given(), plan.toPersonId()), plan.taken(), null, null));
			case COVER -> List.of(check.load(requester, List.of(), plan.given(), start, end),
					check.load(ask.toPersonId(),
							plan.given().size() == 1 ? List.of(new Move(shift, start, end, ask.toPersonId(), null))
									: moves(plan.given(), ask.toPersonId()),
							List.of(), null, null));
			case OPEN_COVER -> List.of(check.load(requester, List.of(), plan.given(), start, end));
		};
	}

	/**
	 * What accepting a stored request would do now, as {@code taker}: the problems they
	 * would meet (each naming its shift in a set) and the what-if load of both people.
	 */
	record WhatIf(Sides shifts, List<String> problems, List<Load> loads) {
	}

	@Transactional(readOnly = true)
	public WhatIf whatIf(SwapRequest request, long taker) {
		Check check = this.rules.check();
		Sides sides = current(request);
		if (request.state() != SwapState.PENDING || sides.given().isEmpty()
				|| sides.given().stream().anyMatch(ShiftView::isCancelled) || taker == request.requesterId()) {
			return new WhatIf(sides, List.of(), List.of());
		}
		List<String> problems = new ArrayList<>();
		List<Move> gains = new ArrayList<>();
		for (ShiftView shift : sides.given()) {
			Move move = request.isPartial() ? new Move(shift, request.partStart(), request.partEnd(), taker, null)
					: Move.whole(shift, taker, null);
			gains.add(move);
			problems.addAll(
					naming(sides.isSet(), shift, check.problems(move, sides.taken(), without(sides.given(), shift))));
		}
		for (ShiftView other : sides.taken()) {
			problems.addAll(naming(sides.isSet(), other, check.problems(Move.whole(other, request.requesterId(), null),
					sides.given(), without(sides.taken(), other))));
		}
		List<Load> loads = new ArrayList<>();
		if (!request.forGap()) {
			loads.add(check.load(request.requesterId(), moves(sides.taken(), request.requesterId()), sides.given(),
					request.partStart(), request.partEnd()));
		}
		loads.add(check.load(taker, gains, sides.taken(), null, null));
		return new WhatIf(sides, problems, loads);
	}

	/** The shifts of a request's set as they are now (without locking). */
	Sides current(SwapRequest request) {
		return new Sides(current(request.givenShiftIds()), current(request.takenShiftIds()));
	}

	private List<ShiftView> current(List<Long> ids) {
		return ids.stream().map(this.rules::shift).flatMap(Optional::stream).toList();
	}

	private static List<Move> moves(List<ShiftView> shifts, long to) {
		return shifts.stream().map(s -> Move.whole(s, to, null)).toList();
	}

	private static List<ShiftView> without(List<ShiftView> shifts, ShiftView left) {
		return shifts.stream().filter(s -> s.id() != left.id()).toList();
	}

	/** In a set, each problem says which shift it is about. */
	private static List<String> naming(boolean set, ShiftView shift, List<String> problems) {
		return set ? problems.stream().map(p -> "On " + SwapRules.describe(shift) + ": " + p).toList() : problems;
	}

	private void announce(SwapRequest request, Plan plan, Check check) {
		String what = SwapRules.told(plan.given());
		boolean several = plan.given().size() > 1;
		switch (request.kind()) {
			case SWAP -> notify(request.counterpartId(), "swap.requested",
					request.requesterName() + " asks to swap shifts with you",
					request.requesterName() + " offers " + what + " in exchange for your "
							+ SwapRules.told(plan.taken()) + "." + messageLine(request),
					request.id());
			case COVER -> notify(request.counterpartId(), "swap.requested",
					request.requesterName() + " asks you to cover " + (several ? "shifts" : "a shift"),
					request.requesterName()
							+ " asks you to take " + what + (request.isPartial()
									? ", the part " + Notice.span(request.partStart(), request.partEnd()) : "")
							+ "." + messageLine(request),
					request.id());
			case OPEN_COVER -> {
				// Every possible taker is told, in one batch (a large rotation has
				// hundreds).
				List<Notice> notices = new ArrayList<>();
				ShiftView shift = plan.shift();
				for (PersonFacts taker : possibleTakers(plan.given(), Move.whole(shift, 0, null), check)) {
					notices.add(new Notice(taker.id(), "swap.open-cover",
							request.requesterName() + " needs someone to cover " + (several ? "shifts" : "a shift"),
							request.requesterName() + " offers " + what + " to whoever takes it first."
									+ messageLine(request),
							"/swaps/" + request.id()));
				}
				this.notifications.sendAll(notices);
			}
		}
	}

	private static String messageLine(SwapRequest request) {
		return request.message().isBlank() ? "" : " Their message: \"" + request.message() + "\"";
	}

	private void notify(long recipient, String kind, String subject, String body, long requestId) {
		this.notifications.send(new Notice(recipient, kind, subject, body, "/swaps/" + requestId));
	}

	private List<Person> coordinators() {
		return this.people.findByActiveTrueOrderByNameAsc().stream().filter(Person::isCoordinator).toList();
	}

	/**
	 * The request, locked for the rest of the transaction (every transition starts here).
	 */
	private SwapRequest lockRequest(long id) {
		return this.requests.lock(id).orElseThrow(() -> new SwapNotFoundException(id));
	}

	private static void requireAwaitingApproval(SwapRequest request, String decided) {
		if (request.state() != SwapState.APPROVAL_PENDING) {
			throw SwapRefused.conflict("Only a request waiting for approval can be " + decided + "; this one is "
					+ request.state().label().toLowerCase() + ".");
		}
	}

	private static void requireCoordinator(SignedInPerson actor) {
		if (!actor.isCoordinator()) {
			throw new AccessDeniedException("Only the coordinator approves or rejects swaps.");
		}
	}

	private static String alreadyDecided(SwapRequest request) {
		return switch (request.state()) {
			case ACCEPTED, APPROVED -> request.kind() == SwapKind.OPEN_COVER
					? "Already taken by " + request.counterpartName() + "." : "This request was already accepted.";
			case APPROVAL_PENDING -> request.kind() == SwapKind.OPEN_COVER
					? "Already taken by " + request.counterpartName() + " (waiting for the coordinator)."
					: "This request was already accepted and waits for the coordinator.";
			default -> "This request is " + request.state().label().toLowerCase() + " and can no longer change.";
		};
	}

	/**
	 * Notes on a decision (accept, decline, approve, reject) and a coordinator's reason
	 * are bounded like messages.
	 */
	static final int LONGEST_NOTE = 1000;

	private static void checkNote(String note) {
		if (note != null && note.length() > LONGEST_NOTE) {
			throw SwapRefused.input("note", "Keep the note under 1,000 characters.");
		}
	}

	private static String clean(String text) {
		return text == null ? "" : text.trim();
	}

	private static String describe(SwapRequest request, List<ShiftView> given, List<ShiftView> taken) {
		return request.kind().label() + " of " + SwapRules.describe(given) + " held by " + request.requesterName()
				+ (!taken.isEmpty() ? " for " + SwapRules.describe(taken) + " held by " + taken.get(0).assigneeName()
						: request.counterpartName() != null ? " to " + request.counterpartName()
								: " to anyone eligible")
				+ (request.isPartial() ? ", part " + request.partStart() + "–" + request.partEnd() : "");
	}

}
