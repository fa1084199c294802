package com.example.imoc.swap;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
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

import com.example.imoc.people.SignedInPerson;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.rotation.Rotations;

/**
 * The coordinator's special coverage days of a rotation
 * ({@code /admin/rotations/{id}/special-days}): the list, and a form to mark a day, which
 * offers its shifts to volunteers.
 */
@Controller
@RequestMapping("/admin/rotations/{id}/special-days")
class SpecialDayController {

	private final SpecialDays specialDays;

	private final Rotations rotations;

	SpecialDayController(SpecialDays specialDays, Rotations rotations) {
		this.specialDays = specialDays;
		this.rotations = rotations;
	}

	@GetMapping
	String list(@PathVariable long id, Model model) {
		return page(rotation(id), "", "", Map.of(), model);
	}

	@PostMapping
	String mark(@PathVariable long id, @RequestParam(defaultValue = "") String day,
			@RequestParam(defaultValue = "") String name, @AuthenticationPrincipal SignedInPerson me, Model model,
			RedirectAttributes redirect) {
		Rotation rotation = rotation(id);
		Map<String, String> errors = new LinkedHashMap<>();
		LocalDate date = null;
		try {
			date = LocalDate.parse(day.strip());
		}
		catch (DateTimeParseException ex) {
			errors.put("day", "Enter the day as YYYY-MM-DD.");
		}
		String title = name.strip();
		if (title.isEmpty() || title.length() > SpecialDays.LONGEST_NAME
				|| title.chars().anyMatch(Character::isISOControl)) {
			errors.put("name", "Name the day (1 to " + SpecialDays.LONGEST_NAME + " characters, one line), e.g. "
					+ "\"Company holiday\".");
		}
		if (errors.isEmpty()) {
			try {
				SpecialDays.Marked marked = this.specialDays.mark(me, rotation, date, title);
				redirect.addFlashAttribute("message", marked.day().day() + " is a special coverage day: "
						+ marked.offered() + " shifts are open to volunteers"
						+ (marked.skipped() > 0 ? " (" + marked.skipped() + " already had a request waiting)" : "")
						+ ".");
				return "redirect:/admin/rotations/" + id + "/special-days";
			}
			catch (SwapRefused refused) {
				errors.put(refused.field() == null ? "form" : refused.field(), refused.getMessage());
			}
		}
		return page(rotation, day, name, errors, model);
	}

	private Rotation rotation(long id) {
		return this.rotations.find(id).orElseThrow(() -> new SwapNotFoundException(id));
	}

	private String page(Rotation rotation, String day, String name, Map<String, String> errors, Model model) {
		model.addAttribute("rotation", rotation);
		model.addAttribute("days", this.specialDays.of(rotation.id()));
		model.addAttribute("day", day);
		model.addAttribute("name", name);
		model.addAttribute("errors", errors);
		return "swaps/special-days";
	}

}
