package com.example.imoc.people;

import java.time.LocalDate;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Time away: {@code /people/{id}/time-away}. Everyone may see and edit their own; the
 * coordinator anyone's.
 */
@Controller
class TimeAwayController {

	private final TimeAway timeAway;

	private final PersonRepository people;

	TimeAwayController(TimeAway timeAway, PersonRepository people) {
		this.timeAway = timeAway;
		this.people = people;
	}

	@GetMapping("/my/time-away")
	String mine(@AuthenticationPrincipal SignedInPerson me) {
		return "redirect:/people/" + me.id() + "/time-away";
	}

	@GetMapping("/people/{id}/time-away")
	String list(@PathVariable long id, @AuthenticationPrincipal SignedInPerson me, Model model) {
		Person person = this.people.findById(id).orElseThrow(() -> new PersonNotFoundException(id));
		if (!me.isCoordinator() && me.id() != id) {
			throw new AccessDeniedException("not yours");
		}
		model.addAttribute("person", person);
		model.addAttribute("entries", this.timeAway.of(id));
		model.addAttribute("kinds", Unavailability.Kind.values());
		return "people/time-away";
	}

	@PostMapping("/people/{id}/time-away")
	String add(@PathVariable long id, @AuthenticationPrincipal SignedInPerson me,
			@RequestParam(required = false) Unavailability.Kind kind,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate first,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate last,
			@RequestParam(defaultValue = "") String note, Model model, RedirectAttributes redirect) {
		String firstError = first == null ? "Enter the first day away."
				: (!plausible(first) ? "Enter a day between 2000 and three years from now." : null);
		String lastError = last == null ? "Enter the last day away."
				: (first != null && last.isBefore(first) ? "The last day must be on or after the first day."
						: (!plausible(last) ? "Enter a day between 2000 and three years from now." : null));
		String noteError = note.length() > 500 ? "Keep the note under 500 characters." : null;
		if (firstError != null || lastError != null || noteError != null || kind == null) {
			list(id, me, model);
			model.addAttribute("firstError", firstError);
			model.addAttribute("lastError", lastError);
			model.addAttribute("noteError", noteError);
			model.addAttribute("typedKind", kind);
			model.addAttribute("typedFirst", first);
			model.addAttribute("typedLast", last);
			model.addAttribute("typedNote", note);
			return "people/time-away";
		}
		this.timeAway.add(me, id, kind, first, last, note.trim());
		redirect.addFlashAttribute("message",
				"Saved. Shifts that clash with it are being reassigned; the schedule shows the result in a moment.");
		return "redirect:/people/" + id + "/time-away";
	}

	/**
	 * Time away is planned at most three years ahead; dates outside that are typing
	 * mistakes.
	 */
	private static boolean plausible(LocalDate day) {
		return !day.isBefore(LocalDate.of(2000, 1, 1)) && !day.isAfter(LocalDate.now().plusYears(3));
	}

	@PostMapping("/people/{id}/time-away/{entryId}/delete")
	String remove(@PathVariable long id, @PathVariable long entryId, @AuthenticationPrincipal SignedInPerson me,
			RedirectAttributes redirect) {
		this.timeAway.remove(me, entryId);
		redirect.addFlashAttribute("message", "Removed.");
		return "redirect:/people/" + id + "/time-away";
	}

}
