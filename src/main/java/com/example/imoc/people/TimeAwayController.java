package com.example.imoc.people;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Time away: {@code /people/{id}/time-away}. Everyone may see and edit their own; the
 * coordinator anyone's.
 */
@Controller
class TimeAwayController {

	private final TimeAway timeAway;

	private final PersonRepository people;

	private final Clock clock;

	TimeAwayController(TimeAway timeAway, PersonRepository people, Clock clock) {
		this.timeAway = timeAway;
		this.people = people;
		this.clock = clock;
	}

	@GetMapping("/my/time-away")
	String mine(@AuthenticationPrincipal SignedInPerson me) {
		return "redirect:/people/" + me.id() + "/time-away";
	}

	@GetMapping("/people/{id}/time-away")
	String list(@PathVariable long id, @AuthenticationPrincipal SignedInPerson me, Model model) {
		model.addAttribute("person", owner(id, me));
		model.addAttribute("entries", this.timeAway.of(id));
		model.addAttribute("kinds", Unavailability.Kind.values());
		if (!model.containsAttribute("form")) {
			model.addAttribute("form", new TimeAwayForm());
		}
		return "people/time-away";
	}

	@PostMapping("/people/{id}/time-away")
	String add(@PathVariable long id, @AuthenticationPrincipal SignedInPerson me,
			@ModelAttribute("form") TimeAwayForm form, BindingResult result, Model model, RedirectAttributes redirect) {
		owner(id, me);
		form.check(result, LocalDate.now(this.clock));
		if (result.hasErrors()) {
			return list(id, me, model);
		}
		this.timeAway.add(me, id, form.kind(), form.firstDay(), form.lastDay(), form.getNote().trim());
		redirect.addFlashAttribute("message",
				"Saved. Shifts that clash with it are being reassigned; the schedule shows the result in a moment.");
		return "redirect:/people/" + id + "/time-away";
	}

	/** The person whose time away this is, if the reader may see and change it. */
	private Person owner(long id, SignedInPerson me) {
		Person person = this.people.findById(id).orElseThrow(() -> new PersonNotFoundException(id));
		if (!me.isCoordinator() && me.id() != id) {
			throw new AccessDeniedException("not yours");
		}
		return person;
	}

	@PostMapping("/people/{id}/time-away/{entryId}/delete")
	String remove(@PathVariable long id, @PathVariable long entryId, @AuthenticationPrincipal SignedInPerson me,
			RedirectAttributes redirect) {
		this.timeAway.remove(me, entryId);
		redirect.addFlashAttribute("message", "Removed.");
		return "redirect:/people/" + id + "/time-away";
	}

}
