package com.example.imoc.swap;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.example.imoc.people.Person;
import com.example.imoc.people.PersonRepository;
import com.example.imoc.people.SignedInPerson;
import com.example.imoc.schedule.ShiftChanges.ShiftChangedException;
import com.example.imoc.schedule.ShiftView;
import com.example.imoc.schedule.Shifts;

/**
 * The coordinator's page for one coverage gap ({@code /admin/gaps/{shiftId}},
 * coordinator-only like all of {@code /admin}): search a person and assign the gap to
 * them, or open it to volunteers.
 */
@Controller
@RequestMapping("/admin/gaps/{shiftId}")
class GapController {

	private final Gaps gaps;

	private final SwapRequests requests;

	private final Shifts shifts;

	private final PersonRepository people;

	GapController(Gaps gaps, SwapRequests requests, Shifts shifts, PersonRepository people) {
		this.gaps = gaps;
		this.requests = requests;
		this.shifts = shifts;
		this.people = people;
	}

	@GetMapping
	String show(@PathVariable long shiftId, @RequestParam(defaultValue = "") String q,
			@AuthenticationPrincipal SignedInPerson me, Model model) {
		return page(shift(shiftId), q, null, false, "", Map.of(), me, model);
	}

	@PostMapping("/assign")
	String assign(@PathVariable long shiftId, @RequestParam(required = false) String personId,
			@RequestParam(defaultValue = "false") boolean overrideFreeze, @RequestParam(defaultValue = "") String q,
			@AuthenticationPrincipal SignedInPerson me, Model model, RedirectAttributes redirect) {
		ShiftView shift = shift(shiftId);
		Long person;
		try {
			person = personId == null || personId.isBlank() ? null : Long.valueOf(personId.strip());
		}
		catch (NumberFormatException ex) {
			return page(shift, q, null, overrideFreeze, "", Map.of("personId", "Choose a person from the search."), me,
					model);
		}
		try {
			ShiftView done = this.gaps.assign(me, shiftId, person, overrideFreeze);
			redirect.addFlashAttribute("message", done.assigneeName() + " now holds the shift.");
			return "redirect:/rotations/" + done.rotationId() + "?week=" + done.date();
		}
		catch (SwapRefused | ShiftChangedException refused) {
			String field = refused instanceof SwapRefused r && r.field() != null ? r.field() : "form";
			return page(shift(shiftId), q, person, overrideFreeze, "", Map.of(field, refused.getMessage()), me, model);
		}
	}

	@PostMapping("/open")
	String open(@PathVariable long shiftId, @RequestParam(defaultValue = "") String message,
			@AuthenticationPrincipal SignedInPerson me, Model model, RedirectAttributes redirect) {
		ShiftView shift = shift(shiftId);
		try {
			SwapRequest request = this.gaps.openToVolunteers(me, shiftId, message);
			redirect.addFlashAttribute("message", "Open to volunteers: the first eligible person to take it gets it.");
			return "redirect:/swaps/" + request.id();
		}
		catch (SwapRefused | ShiftChangedException refused) {
			String field = refused instanceof SwapRefused r && r.field() != null ? r.field() : "open";
			return page(shift, "", null, false, message, Map.of(field, refused.getMessage()), me, model);
		}
	}

	private ShiftView shift(long id) {
		return this.shifts.find(id).orElseThrow(() -> new SwapNotFoundException(id));
	}

	private String page(ShiftView shift, String q, Long chosen, boolean overrideFreeze, String message,
			Map<String, String> errors, SignedInPerson me, Model model) {
		List<Gaps.Match> matches = shift.isGap() && !shift.shadow() ? this.gaps.search(shift, q, chosen) : List.of();
		model.addAttribute("shift", shift);
		model.addAttribute("q", q);
		model.addAttribute("matches", matches);
		model.addAttribute("chosen", chosen);
		model.addAttribute("overrideFreeze", overrideFreeze);
		model.addAttribute("frozen", this.gaps.inFreezeWindow(shift));
		model.addAttribute("openMessage", message);
		model.addAttribute("errors", errors);
		model.addAttribute("openRequest", this.requests.openForShift(shift.id()).orElse(null));
		model.addAttribute("zone", this.people.findById(me.id()).map(Person::zone).orElse(ZoneId.of("UTC")).getId());
		model.addAttribute("limit", Gaps.SEARCH_LIMIT);
		return "swaps/gap";
	}

}
