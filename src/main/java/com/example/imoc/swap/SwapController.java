package com.example.imoc.swap;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.schedule.ShiftChanges.ShiftChangedException;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;
import com.example.imoc.swap.SwapRules.Check;
import com.example.imoc.swap.SwapRules.Move;

/**
 * The swap pages: ask ({@code /swaps/new?shift=}), see what is waiting ({@code /swaps}),
 * look at one and answer it.
 */
@Controller
class SwapController {

	private static final int MAX_OPTIONS = 80;

	private final Swaps swaps;

	private final SwapRequests requests;

	private final SwapRules rules;

	private final Shifts shifts;

	private final PersonRepository people;

	SwapController(Swaps swaps, SwapRequests requests, SwapRules rules, Shifts shifts, PersonRepository people) {
		this.swaps = swaps;
		this.requests = requests;
		this.rules = rules;
		this.shifts = shifts;
		this.people = people;
	}

	private ZoneId zoneOf(SignedInPerson me) {
		return this.people.findById(me.id()).map(Person::zone).orElse(ZoneId.of("UTC"));
	}

	@GetMapping("/swaps/new")
	String newRequest(@RequestParam long shift, @AuthenticationPrincipal SignedInPerson me, Model model) {
		return form(shift, me, null, Map.of(), false, model);
	}

	@PostMapping("/swaps")
	String create(@RequestParam long shift, @ModelAttribute("form") SwapForm form,
			@RequestParam(defaultValue = "send") String action, @AuthenticationPrincipal SignedInPerson me, Model model,
			RedirectAttributes redirect) {
		Map<String, String> errors = new LinkedHashMap<>();
		NewSwap ask = form.toRequest(shift, zoneOf(me), errors);
		if (!errors.isEmpty()) {
			return form(shift, me, form, errors, false, model);
		}
		for (SwapRefused problem : this.swaps.validate(me, ask)) {
			errors.putIfAbsent(problem.field() == null ? "form" : problem.field(), problem.getMessage());
		}
		if (!errors.isEmpty() || "preview".equals(action)) {
			return form(shift, me, form, errors, true, model);
		}
		try {
			SwapRequest created = this.swaps.request(me, ask);
			redirect.addFlashAttribute("message",
					created.state() == SwapState.PENDING
							? "Request sent. You will hear when it is answered; you can cancel it until then."
							: "Done: the schedule now shows the new owners.");
			return "redirect:/swaps/" + created.id();
		}
		catch (SwapRefused refused) {
			errors.put(refused.field() == null ? "form" : refused.field(), refused.getMessage());
			return form(shift, me, form, errors, true, model);
		}
	}

	private String form(long shiftId, SignedInPerson me, SwapForm form, Map<String, String> errors, boolean preview,
			Model model) {
		ShiftView shift = this.shifts.find(shiftId).orElseThrow(() -> new SwapNotFoundException(shiftId));
		if (!me.isCoordinator() && (shift.assigneeId() == null || shift.assigneeId() != me.id())) {
			throw new AccessDeniedException("You can only offer shifts you hold.");
		}
		Check check = this.rules.check();
		Rotation rotation = check.rotation(shift.rotationId());
		List<String> shiftProblems = check.timing(shift, me.isCoordinator());
		List<ShiftView> block = shift.shadow() || shift.isGap() ? List.of(shift) : this.swaps.blockOf(shift, check);
		if (form == null) {
			form = SwapForm.forShift(block.size());
		}
		List<ShiftView> swapOptions = new ArrayList<>();
		List<Person> coverOptions = List.of();
		if (shiftProblems.isEmpty() && !shift.shadow() && !shift.isGap()) {
			Instant from = check.now().plus(Duration.ofDays(me.isCoordinator() ? 0 : rotation.freezeDays()));
			for (ShiftView other : this.shifts.ofRotation(rotation.id(), from,
					check.now().plus(Duration.ofDays(rotation.horizonWeeks() * 7L + 7)))) {
				if (swapOptions.size() >= MAX_OPTIONS) {
					break;
				}
				if (other.shadow() || other.isGap() || other.assigneeId().equals(shift.assigneeId())
						|| !other.start().isAfter(from)) {
					continue;
				}
				if (check.problems(Move.whole(shift, other.assigneeId(), other)).isEmpty()
						&& check.problems(Move.whole(other, shift.assigneeId(), shift)).isEmpty()) {
					swapOptions.add(other);
				}
			}
			coverOptions = this.swaps.possibleTakers(shift, shift.start(), shift.end(), check);
		}
		model.addAttribute("shift", shift);
		model.addAttribute("rotation", rotation);
		model.addAttribute("zone", zoneOf(me).getId());
		model.addAttribute("form", form);
		model.addAttribute("errors", errors);
		model.addAttribute("shiftProblems", shiftProblems);
		model.addAttribute("swapOptions", swapOptions);
		model.addAttribute("coverOptions", coverOptions);
		model.addAttribute("kinds", SwapKind.values());
		model.addAttribute("block", block);
		if (preview && errors.isEmpty()) {
			model.addAttribute("preview",
					this.swaps.preview(me, form.toRequest(shift.id(), zoneOf(me), new LinkedHashMap<>())));
		}
		return "swaps/new";
	}

	record Row(SwapRequest request, ShiftView shift, ShiftView counterpartShift) {
	}

	@GetMapping("/swaps")
	String list(@AuthenticationPrincipal SignedInPerson me, Model model) {
		List<Row> incoming = new ArrayList<>();
		List<Row> outgoing = new ArrayList<>();
		List<Row> history = new ArrayList<>();
		for (SwapRequest request : this.requests.involving(me.id())) {
			Row row = row(request);
			if (request.state().isOpen() && request.requesterId() == me.id()) {
				outgoing.add(row);
			}
			else if (request.state() == SwapState.PENDING && request.counterpartId() != null
					&& request.counterpartId() == me.id()) {
				incoming.add(row);
			}
			else {
				history.add(row);
			}
		}
		Check check = this.rules.check();
		List<Row> openCovers = new ArrayList<>();
		for (SwapRequest request : this.requests.openCovers()) {
			if (request.requesterId() == me.id()) {
				continue;
			}
			ShiftView shift = this.shifts.find(request.shiftId()).orElseThrow();
			if (me.isCoordinator() || check
				.problems(request.isPartial() ? new Move(shift, request.partStart(), request.partEnd(), me.id(), null)
						: Move.whole(shift, me.id(), null))
				.isEmpty()) {
				openCovers.add(row(request));
			}
		}
		model.addAttribute("incoming", incoming);
		model.addAttribute("outgoing", outgoing);
		model.addAttribute("openCovers", openCovers);
		model.addAttribute("history", history);
		model.addAttribute("approvals", me.isCoordinator()
				? this.requests.inState(SwapState.APPROVAL_PENDING).stream().map(this::row).toList() : List.of());
		model.addAttribute("zone", zoneOf(me).getId());
		return "swaps/list";
	}

	@GetMapping("/swaps/{id}")
	String show(@PathVariable long id, @AuthenticationPrincipal SignedInPerson me, Model model) {
		SwapRequest request = this.requests.find(id).orElseThrow(() -> new SwapNotFoundException(id));
		boolean openCover = request.kind() == SwapKind.OPEN_COVER && request.state() == SwapState.PENDING;
		if (!me.isCoordinator() && !request.involves(me.id()) && !openCover) {
			throw new AccessDeniedException("This request is between other people.");
		}
		Row row = row(request);
		Check check = this.rules.check();
		Swaps.WhatIf whatIf = this.swaps.whatIf(request,
				request.kind() == SwapKind.OPEN_COVER ? me.id() : request.counterpartId());
		model.addAttribute("row", row);
		model.addAttribute("preview", whatIf.loads());
		model.addAttribute("problems", whatIf.problems());
		model.addAttribute("given", whatIf.shifts().given());
		model.addAttribute("taken", whatIf.shifts().taken());
		model.addAttribute("zone", zoneOf(me).getId());
		model.addAttribute("canAnswer",
				request.state() == SwapState.PENDING
						&& ((request.counterpartId() != null && request.counterpartId() == me.id())
								|| (openCover && request.requesterId() != me.id()) || me.isCoordinator()));
		model.addAttribute("canCancel",
				request.state().isOpen() && (request.requesterId() == me.id() || me.isCoordinator()));
		model.addAttribute("canUndo", request.state().isDone() && request.undoUntil() != null
				&& check.now().isBefore(request.undoUntil()) && (request.involves(me.id()) || me.isCoordinator()));
		model.addAttribute("canApprove", request.state() == SwapState.APPROVAL_PENDING && me.isCoordinator());
		return "swaps/show";
	}

	@PostMapping("/swaps/{id}/accept")
	String accept(@PathVariable long id, @RequestParam(required = false) Long onBehalfOf,
			@RequestParam(defaultValue = "") String note, @AuthenticationPrincipal SignedInPerson me,
			RedirectAttributes redirect) {
		return act(id, redirect, () -> {
			SwapRequest done = this.swaps.accept(me, id, onBehalfOf, note);
			return done.state() == SwapState.APPROVAL_PENDING
					? "Accepted. The coordinator approves swaps in this rotation; you will hear when they do."
					: "Accepted: the schedule now shows the new owners.";
		});
	}

	@PostMapping("/swaps/{id}/decline")
	String decline(@PathVariable long id, @RequestParam(defaultValue = "") String note,
			@AuthenticationPrincipal SignedInPerson me, RedirectAttributes redirect) {
		return act(id, redirect, () -> {
			this.swaps.decline(me, id, note);
			return "Declined; they have been told.";
		});
	}

	@PostMapping("/swaps/{id}/cancel")
	String cancel(@PathVariable long id, @AuthenticationPrincipal SignedInPerson me, RedirectAttributes redirect) {
		return act(id, redirect, () -> {
			this.swaps.cancel(me, id);
			return "Request cancelled.";
		});
	}

	@PostMapping("/swaps/{id}/undo")
	String undo(@PathVariable long id, @AuthenticationPrincipal SignedInPerson me, RedirectAttributes redirect) {
		return act(id, redirect,
				() -> this.swaps.undo(me, id).state() == SwapState.UNDONE
						? "Undone: the shifts are back with their previous owners."
						: "Noted. The other person has to undo it too.");
	}

	@PostMapping("/swaps/{id}/approve")
	String approve(@PathVariable long id, @RequestParam(defaultValue = "") String note,
			@AuthenticationPrincipal SignedInPerson me, RedirectAttributes redirect) {
		return act(id, redirect, () -> {
			this.swaps.approve(me, id, note);
			return "Approved: the schedule now shows the new owners.";
		});
	}

	@PostMapping("/swaps/{id}/reject")
	String reject(@PathVariable long id, @RequestParam(defaultValue = "") String note,
			@AuthenticationPrincipal SignedInPerson me, RedirectAttributes redirect) {
		return act(id, redirect, () -> {
			this.swaps.reject(me, id, note);
			return "Rejected; both have been told.";
		});
	}

	private String act(long id, RedirectAttributes redirect, Supplier<String> action) {
		try {
			redirect.addFlashAttribute("message", action.get());
		}
		catch (SwapRefused | ShiftChangedException refused) {
			redirect.addFlashAttribute("problem", refused.getMessage());
		}
		return "redirect:/swaps/" + id;
	}

	private Row row(SwapRequest request) {
		return new Row(request, this.shifts.find(request.shiftId()).orElse(null), request.counterpartShiftId() == null
				? null : this.shifts.find(request.counterpartShiftId()).orElse(null));
	}

}
