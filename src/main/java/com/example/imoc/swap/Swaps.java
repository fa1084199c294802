package com.example.imoc.swap;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * Every transition of a swap or cover request. Each one runs in one transaction that
 * first locks the request row (and then the shift rows, in id order), checks who may do
 * it, validates again against the schedule as it is now, changes both shifts or nothing,
 * and writes its audit line and notices.
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
			id = this.requests.insert(ask.kind(), plan.shift().assigneeId(), plan.shift().id(), plan.shift().version(),
					ask.partStart(), ask.partEnd(), plan.toPersonId(),
					plan.counterpartShift() == null ? null : plan.counterpartShift().id(),
					plan.counterpartShift() == null ? null : plan.counterpartShift().version(), clean(ask.message()),
					ask.deadline(), actor.email());
		}
		catch (DuplicateKeyException ex) {
			throw SwapRefused.input("shift",
					"This shift already has a request waiting for an answer; cancel it first.");
		}
		SwapRequest created = this.requests.find(id).orElseThrow();
		this.auditLog.record("swap.requested", "swap", id, describe(created, plan.shift(), plan.counterpartShift())
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
		Shifts shifts = lockAsAsked(request, taker, check,
				new Timing(actor.isCoordinator() || request.offeredByCoordinator(), actor.isCoordinator()));
		ShiftView shift = shifts.shift();
		if (request.kind() == SwapKind.OPEN_COVER) {
			this.requests.setCounterpart(id, taker);
		}
		Rotation rotation = check.rotation(shift.rotationId());
		if (rotation.swapNeedsApproval() && !actor.isCoordinator()) {
			this.requests.decide(id, SwapState.APPROVAL_PENDING, actor.email(), now, note);
			this.auditLog.record("swap.accepted", "swap", id,
					check.person(taker).getName() + " accepted; waiting for the coordinator's approval");
			for (Person coordinator : coordinators()) {
				notify(coordinator.getId(), "swap.approval", "A swap waits for your approval",
						check.person(taker).getName() + " accepted " + request.requesterName() + "'s request for "
								+ SwapRules.describe(shift) + ".",
						id);
			}
			return this.requests.find(id).orElseThrow();
		}
		return apply(actor, request, shifts, taker, SwapState.ACCEPTED, now, rotation, note);
	}

	/**
	 * The shifts of a request, locked: its own and, for a swap, the one given in
	 * exchange.
	 */
	private record Shifts(ShiftView shift, ShiftView other) {
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
	 * The one path into a transition that moves shifts (accept, approve): locks the
	 * request's shifts in id order, refuses (and marks the request invalid) when they are
	 * no longer as asked, then validates the move against the schedule as it is now:
	 * timing, and whether each person may take the shift they get. Returns the locked
	 * shifts for {@link #apply}.
	 */
	private Shifts lockAsAsked(SwapRequest request, long taker, Check check, Timing timing) {
		Shifts shifts = lockShifts(request.shiftId(), request.counterpartShiftId());
		ShiftView shift = shifts.shift();
		ShiftView other = shifts.other();
		requireShiftsAsAsked(request, shift, other, taker, check.now());
		List<String> problems = new ArrayList<>(check.timing(shift, timing.shift()));
		problems.addAll(check
			.problems(request.isPartial() ? new Move(shift, request.partStart(), request.partEnd(), taker, other)
					: Move.whole(shift, taker, other)));
		if (other != null) {
			problems.addAll(check.timing(other, timing.other()));
			problems.addAll(check.problems(Move.whole(other, request.requesterId(), shift)));
		}
		if (!problems.isEmpty()) {
			throw SwapRefused.conflict(String.join(" ", problems));
		}
		return shifts;
	}

	/** Locks a shift and, when there is one, its counterpart, in id order. */
	private Shifts lockShifts(long shiftId, Long counterpartShiftId) {
		List<Long> ids = new ArrayList<>(List.of(shiftId));
		if (counterpartShiftId != null) {
			ids.add(counterpartShiftId);
		}
		List<ShiftView> locked = this.shiftChanges.lock(ids);
		return new Shifts(locked.stream().filter(s -> s.id() == shiftId).findFirst().orElseThrow(),
				locked.stream().filter(s -> s.id() != shiftId).findFirst().orElse(null));
	}

	/**
	 * Refuses, and marks the request invalid, when a shift in it is no longer what it was
	 * when the request was made: someone swapped it, or the schedule repair gave it to
	 * someone else. Acting on it anyway would move a shift away from whoever holds it
	 * now, who never agreed.
	 */
	private void requireShiftsAsAsked(SwapRequest request, ShiftView shift, ShiftView other, long taker, Instant now) {
		if (shift.version() == request.shiftVersion() && Objects.equals(request.expectedHolder(), shift.assigneeId())
				&& (other == null || (other.version() == request.counterpartShiftVersion()
						&& Long.valueOf(taker).equals(other.assigneeId())))) {
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

	private SwapRequest apply(SignedInPerson actor, SwapRequest request, Shifts shifts, long taker, SwapState state,
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
		// did not, its
		// ShiftChangedException rolls the whole transition back.
		long resultShift;
		long resultVersion;
		if (request.isPartial()) {
			resultShift = this.shiftChanges.handOverPart(shift.id(), shift.version(), request.partStart(),
					request.partEnd(), taker, reason);
			resultVersion = this.rules.shift(resultShift).orElseThrow().version();
		}
		else {
			resultShift = shift.id();
			resultVersion = this.shiftChanges.reassign(shift.id(), shift.version(), taker, reason,
					request.specialDayId() != null);
		}
		Long counterpartVersion = null;
		if (other != null) {
			counterpartVersion = this.shiftChanges.reassign(other.id(), other.version(), request.requesterId(),
					"swapped with " + takerPerson.getName() + " (request #" + request.id() + ")");
		}
		Instant undoUntil = now.plus(Duration.ofHours(rotation.swapUndoHours()));
		Instant earliest = other == null || shift.start().isBefore(other.start()) ? shift.start() : other.start();
		if (earliest.isBefore(undoUntil)) {
			undoUntil = earliest;
		}
		this.requests.decide(request.id(), state, actor.email(), now, note);
		// A filled gap has nobody to give it back to: no undo (the coordinator reassigns
		// it if needed).
		this.requests.recordResult(request.id(), resultShift, resultVersion, counterpartVersion,
				request.forGap() ? null : undoUntil);
		this.auditLog.record("swap." + state.name().toLowerCase(), "swap", request.id(),
				SwapRules.describe(shift) + ": " + (request.forGap() ? "nobody (gap)" : request.requesterName()) + " → "
						+ takerPerson.getName()
						+ (other == null ? ""
								: "; " + SwapRules.describe(other) + ": " + takerPerson.getName() + " → "
										+ request.requesterName())
						+ (actor.id() != taker ? " (performed by " + actor.email() + ")" : ""));
		if (request.forGap()) {
			notify(request.requesterId(), "swap.accepted", takerPerson.getName() + " took a coverage gap",
					takerPerson.getName() + " volunteered for " + SwapRules.describe(shift) + ".", request.id());
			return this.requests.find(request.id()).orElseThrow();
		}
		notify(request.requesterId(), "swap.accepted", takerPerson.getName() + " took your shift",
				takerPerson.getName() + " now holds " + SwapRules.describe(shift)
						+ (other == null ? "." : ", and you hold " + SwapRules.describe(other) + ".")
						+ " Both of you can undo it together until " + undoUntil + " (UTC).",
				request.id());
		if (actor.id() != taker) {
			notify(taker, "swap.accepted", "The coordinator gave you a shift",
					"You now hold " + SwapRules.describe(shift) + " (request #" + request.id() + ").", request.id());
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
					request.requesterName() + " no longer needs you to take their shift.", id);
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
		Shifts locked = lockShifts(request.resultShiftId(), request.counterpartShiftId());
		ShiftView result = locked.shift();
		Optional<ShiftView> other = Optional.ofNullable(locked.other());
		if (result.version() != request.resultShiftVersion()
				|| (other.isPresent() && other.get().version() != request.resultCounterpartVersion())) {
			throw SwapRefused.conflict("This cannot be undone: a shift in it changed again since (another swap or a "
					+ "repair). Make a new request instead.");
		}
		this.shiftChanges.reassign(result.id(), result.version(), request.requesterId(),
				"back to " + request.requesterName() + " (request #" + id + " undone)");
		if (other.isPresent()) {
			this.shiftChanges.reassign(other.get().id(), other.get().version(), request.counterpartId(),
					"back to " + request.counterpartName() + " (request #" + id + " undone)");
		}
		this.requests.decide(id, SwapState.UNDONE, actor.email(), now, "");
		this.auditLog.record("swap.undone", "swap", id,
				SwapRules.describe(result) + " back to " + request.requesterName() + (other.isPresent()
						? "; " + SwapRules.describe(other.get()) + " back to " + request.counterpartName() : ""));
		for (long who : new long[] { request.requesterId(), request.counterpartId() }) {
			if (who != actor.id()) {
				notify(who, "swap.undone", "A swap was undone", "Request #" + id + " was undone; the shifts are back.",
						id);
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
		Shifts shifts = lockAsAsked(request, request.counterpartId(), check, new Timing(true, true));
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
					"Nobody answered your " + request.kind().label().toLowerCase() + " request in time.", id);
			expired++;
		}
		return expired;
	}

	/** Checked plan of a new request: the shifts and the person involved. */
	record Plan(ShiftView shift, ShiftView counterpartShift, Long toPersonId) {
	}

	private Plan plan(SignedInPerson actor, NewSwap ask, Check check, List<SwapRefused> problems) {
		ShiftView shift = this.rules.shift(ask.shiftId())
			.orElseThrow(() -> SwapRefused.input("shift", "There is no such shift."));
		if (shift.shadow() || shift.isGap()) {
			throw SwapRefused.input("shift", "Only a shift someone holds as the IM can be swapped or covered.");
		}
		if (!actor.isCoordinator() && actor.id() != shift.assigneeId()) {
			throw new AccessDeniedException("You can only offer shifts you hold.");
		}
		check.timing(shift, actor.isCoordinator()).forEach(p -> problems.add(SwapRefused.input("shift", p)));
		this.requests.openForShift(shift.id())
			.ifPresent(open -> problems.add(SwapRefused.input("shift",
					"This shift already has a request waiting for an answer (#" + open.id() + "); cancel it first.")));
		if (ask.partStart() != null || ask.partEnd() != null) {
			if (ask.kind() == SwapKind.SWAP) {
				problems
					.add(SwapRefused.input("partStart", "A swap exchanges whole shifts; use a cover for part of one."));
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
			problems
				.add(SwapRefused.input("deadline", "The deadline must be in the future and before the shift starts."));
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
					return new Plan(shift, null, null);
				}
				ShiftView other = this.rules.shift(ask.counterpartShiftId())
					.orElseThrow(() -> SwapRefused.input("counterpartShiftId", "There is no such shift."));
				if (other.shadow() || other.isGap() || other.assigneeId().equals(shift.assigneeId())) {
					problems
						.add(SwapRefused.input("counterpartShiftId", "Choose a shift someone else holds as the IM."));
					return new Plan(shift, null, null);
				}
				check.timing(other, actor.isCoordinator())
					.forEach(p -> problems.add(SwapRefused.input("counterpartShiftId", p)));
				check.problems(Move.whole(shift, other.assigneeId(), other))
					.forEach(p -> problems.add(SwapRefused.input("counterpartShiftId", p)));
				check.problems(Move.whole(other, shift.assigneeId(), shift))
					.forEach(p -> problems.add(SwapRefused.input("counterpartShiftId", p)));
				return new Plan(shift, other, other.assigneeId());
			}
			case COVER -> {
				if (ask.toPersonId() == null) {
					problems.add(SwapRefused.input("toPersonId", "Choose who should cover the shift."));
					return new Plan(shift, null, null);
				}
				if (ask.toPersonId().equals(shift.assigneeId())) {
					problems.add(SwapRefused.input("toPersonId", "Choose someone other than the shift's holder."));
					return new Plan(shift, null, null);
				}
				if (this.people.findById(ask.toPersonId()).isEmpty()) {
					throw SwapRefused.input("toPersonId", "There is no such person.");
				}
				check.problems(new Move(shift, partStart, partEnd, ask.toPersonId(), null))
					.forEach(p -> problems.add(SwapRefused.input("toPersonId", p)));
				return new Plan(shift, null, ask.toPersonId());
			}
			default -> {
				return new Plan(shift, null, null);
			}
		}
	}

	/**
	 * The eligible people who could take a shift (for open covers and for the cover
	 * form).
	 */
	List<Person> possibleTakers(ShiftView shift, Instant partStart, Instant partEnd, Check check) {
		List<Person> takers = new ArrayList<>();
		List<Participant> participants = this.rotations.participants(shift.rotationId());
		check.prefetch(participants.stream().map(Participant::personId).toList());
		for (Participant participant : participants) {
			if (Long.valueOf(participant.personId()).equals(shift.assigneeId())) {
				continue;
			}
			if (check.problems(new Move(shift, partStart, partEnd, participant.personId(), null)).isEmpty()) {
				takers.add(check.person(participant.personId()));
			}
		}
		takers.sort((a, b) -> a.getName().compareTo(b.getName()));
		return takers;
	}

	private void announce(SwapRequest request, Plan plan, Check check) {
		ShiftView shift = plan.shift();
		String what = SwapRules.describe(shift);
		switch (request.kind()) {
			case SWAP ->
				notify(request.counterpartId(), "swap.requested",
						request.requesterName() + " asks to swap shifts with you",
						request.requesterName() + " offers " + what + " in exchange for your "
								+ SwapRules.describe(plan.counterpartShift()) + "." + messageLine(request),
						request.id());
			case COVER -> notify(request.counterpartId(), "swap.requested",
					request.requesterName() + " asks you to cover a shift",
					request.requesterName()
							+ " asks you to take " + what + (request.isPartial()
									? ", the part " + Notice.span(request.partStart(), request.partEnd()) : "")
							+ "." + messageLine(request),
					request.id());
			case OPEN_COVER -> {
				// Every possible taker is told, in one batch (a large rotation has
				// hundreds).
				List<Notice> notices = new ArrayList<>();
				for (Person taker : possibleTakers(shift, shift.start(), shift.end(), check)) {
					notices.add(new Notice(taker.getId(), "swap.open-cover",
							request.requesterName() + " needs someone to cover a shift", request.requesterName()
									+ " offers " + what + " to whoever takes it first." + messageLine(request),
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

	private static String describe(SwapRequest request, ShiftView shift, ShiftView other) {
		return request.kind().label() + " of " + SwapRules.describe(shift) + " held by " + request.requesterName()
				+ (other != null ? " for " + SwapRules.describe(other) + " held by " + other.assigneeName()
						: request.counterpartName() != null ? " to " + request.counterpartName()
								: " to anyone eligible")
				+ (request.isPartial() ? ", part " + request.partStart() + "–" + request.partEnd() : "");
	}

}
