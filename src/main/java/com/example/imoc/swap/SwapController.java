package com.example.imoc.swap;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.schedule.ShiftChanges.ShiftChangedException;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;
import com.example.imoc.swap.SwapPickers.Page;
import com.example.imoc.swap.SwapRules.Check;
import com.example.imoc.swap.SwapRules.Move;

/**
 * The swap pages: ask ({@code /swaps/new?shift=}), see what is waiting ({@code /swaps}),
 * look at one and answer it.
 */
@Controller
class SwapController {

	private final Swaps swaps;

	private final SwapRequests requests;

	private final SwapRules rules;

	private final Shifts shifts;

	private final PersonRepository people;

	private final SwapPickers pickers;

	SwapController(Swaps swaps, SwapRequests requests, SwapRules rules, Shifts shifts, PersonRepository people,
			SwapPickers pickers) {
		this.pickers = pickers;
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
	String newRequest(@RequestParam long shift, @RequestParam(required = false) SwapKind kind,
			@AuthenticationPrincipal SignedInPerson me, Model model) {
		SwapForm form = new SwapForm();
		form.setKind(kind);
		SwapSearch search = new SwapSearch();
		return form(shift, me, form, new BeanPropertyBindingResult(form, "form"), search,
				new BeanPropertyBindingResult(search, "search"), false, model);
	}

	/**
	 * Sends the request ({@code action=send}, the default), or shows the form again: with
	 * the chosen kind's fields ({@code choose}), the pickers' matches ({@code search},
	 * {@code more-people}, {@code more-shifts}) or the what-if preview ({@code preview}).
	 * Nothing but {@code send} stores anything. Problems come back on the form's fields
	 * (docs/ARCHITECTURE.md, "Forms"); what the page cannot produce (an id that is not a
	 * number, a kind it does not offer) is a 400.
	 */
	@PostMapping("/swaps")
	String create(@RequestParam long shift, @ModelAttribute("form") SwapForm form, BindingResult result,
			@ModelAttribute("search") SwapSearch search, BindingResult searchResult,
			@RequestParam(defaultValue = "send") String action, @AuthenticationPrincipal SignedInPerson me, Model model,
			RedirectAttributes redirect) {
		if (result.hasErrors() || searchResult.hasErrors()) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "This form offers no such choice.");
		}
		if (!"send".equals(action) && !"preview".equals(action)) {
			if ("more-people".equals(action)) {
				search.setPeopleShown(search.getPeopleShown() + SwapPickerController.PAGE);
			}
			else if ("more-shifts".equals(action)) {
				search.setShiftsShown(search.getShiftsShown() + SwapPickerController.PAGE);
			}
			return form(shift, me, form, result, search, searchResult, false, model);
		}
		if (form.getKind() == null) {
			form.setKind(SwapKind.SWAP); // sent without a choice: a swap, as it always
											// was
		}
		NewSwap ask = form.toRequest(shift, zoneOf(me), result);
		if (result.hasErrors()) {
			return form(shift, me, form, result, search, searchResult, false, model);
		}
		this.swaps.validate(me, ask).forEach(problem -> reject(result, problem));
		if (result.hasErrors() || "preview".equals(action)) {
			return form(shift, me, form, result, search, searchResult, true, model);
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
			reject(result, refused);
			return form(shift, me, form, result, search, searchResult, true, model);
		}
	}

	/**
	 * A refusal on the form field it names, or on the whole form when it names none of
	 * the form's fields (the shift itself, say); one message per field, the first.
	 */
	private static void reject(BindingResult result, SwapRefused problem) {
		String field = problem.field();
		if (field != null
				&& PropertyAccessorFactory.forBeanPropertyAccess(result.getTarget()).isReadableProperty(field)) {
			if (!result.hasFieldErrors(field)) {
				result.rejectValue(field, "refused", problem.getMessage());
			}
		}
		else if (!result.hasGlobalErrors()) {
			result.reject("refused", problem.getMessage());
		}
	}

	/**
	 * The form, with only the chosen kind's fields once a kind is chosen, and the
	 * pickers' matches for what was typed in their search fields (the choice already made
	 * stays listed even when the search no longer finds it).
	 */
	private String form(long shiftId, SignedInPerson me, SwapForm form, BindingResult result, SwapSearch search,
			BindingResult searchResult, boolean preview, Model model) {
		ShiftView shift = this.pickers.offerable(shiftId, me);
		ZoneId zone = zoneOf(me);
		Check check = this.rules.check();
		Rotation rotation = check.rotation(shift.rotationId());
		List<String> shiftProblems = check.timing(shift, me.isCoordinator());
		List<ShiftView> block = shift.shadow() || shift.isGap() ? List.of(shift) : this.swaps.blockOf(shift, check);
		if (form.getScope() == null || form.getScope().isBlank()) {
			// nothing chosen yet: the whole block first when the shift belongs to one
			SwapForm fresh = SwapForm.forShift(block.size());
			form.setScope(fresh.getScope());
			form.setCounterpartScope(fresh.getCounterpartScope());
		}
		if (form.getCounterpartScope() == null || form.getCounterpartScope().isBlank()) {
			form.setCounterpartScope(SwapScope.SHIFT.name());
		}
		boolean kindChosen = form.getKind() != null;
		Page<ShiftView> swapOptions = Page.none();
		Page<Person> coverOptions = Page.none();
		SwapKind kind = form.chosenKind();
		if (kindChosen && SwapPickers.canChangeHands(shift, me, check)) {
			if (kind == SwapKind.SWAP) {
				String problem = SwapPickerController.queryProblem(search.getShiftPerson());
				String dateProblem = SwapPickerController.dateProblem(search.getShiftFrom());
				if (problem != null) {
					searchResult.rejectValue("shiftPerson", "search", problem);
				}
				if (dateProblem != null) {
					searchResult.rejectValue("shiftFrom", "date", dateProblem);
				}
				if (problem == null && dateProblem == null) {
					swapOptions = keep(
							this.pickers.exchanges(shift, me.isCoordinator(), search.getShiftPerson(),
									SwapPickerController.parseDate(search.getShiftFrom()), zone, 0,
									search.getShiftsShown(), check),
							form.getCounterpartShiftId(), ShiftView::id,
							id -> this.shifts.find(id).filter(s -> s.rotationId() == shift.rotationId()));
				}
			}
			else if (kind == SwapKind.COVER) {
				String problem = SwapPickerController.queryProblem(search.getPersonQuery());
				if (problem != null) {
					searchResult.rejectValue("personQuery", "search", problem);
				}
				else {
					coverOptions = keep(
							this.pickers.takers(shift, search.getPersonQuery(), 0, search.getPeopleShown(), check),
							form.getToPersonId(), Person::getId, this.people::findById);
				}
			}
		}
		model.addAttribute("shift", shift);
		model.addAttribute("shiftTimes", ShiftTimes.spanInZone(shift.start(), shift.end(), zone));
		model.addAttribute("rotation", rotation);
		model.addAttribute("zone", zone.getId());
		model.addAttribute("form", form);
		model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "form", result);
		model.addAttribute("search", search);
		model.addAttribute(BindingResult.MODEL_KEY_PREFIX + "search", searchResult);
		model.addAttribute("kindChosen", kindChosen);
		model.addAttribute("kind", kind.name());
		model.addAttribute("shiftProblems", shiftProblems);
		model.addAttribute("swapOptions",
				swapOptions.items()
					.stream()
					.map(s -> new Option(s.id(), SwapPickerController.label(s, zone)))
					.toList());
		model.addAttribute("moreSwapOptions", swapOptions.more());
		model.addAttribute("coverOptions",
				coverOptions.items().stream().map(p -> new Option(p.getId(), SwapPickerController.label(p))).toList());
		model.addAttribute("moreCoverOptions", coverOptions.more());
		model.addAttribute("block", block);
		if (preview && !result.hasErrors()) {
			model.addAttribute("preview", this.swaps.preview(me,
					form.toRequest(shift.id(), zone, new BeanPropertyBindingResult(form, "form"))));
		}
		return "swaps/new";
	}

	/** A choice of a picker: what is sent and what is read. */
	record Option(long id, String label) {
	}

	/**
	 * The page of matches, with the option already chosen first when the search does not
	 * find it (a narrower search must not lose the choice).
	 */
	private static <T> Page<T> keep(Page<T> page, Long chosen, Function<T, Long> id, LongFunction<Optional<T>> find) {
		if (chosen == null || page.items().stream().anyMatch(item -> chosen.equals(id.apply(item)))) {
			return page;
		}
		return find.apply(chosen).map(item -> {
			List<T> items = new ArrayList<>();
			items.add(item);
			items.addAll(page.items());
			return new Page<>(items, page.more());
		}).orElse(page);
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
		model.addAttribute("wording", RequestWording.of(request, whatIf.shifts().given(), whatIf.shifts().taken(),
				me.id(), me.isCoordinator(), zoneOf(me)));
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
