package com.example.imoc.people;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

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
 * Each person's own settings: time zone and password.
 */
@Controller
class ProfileController {

	private final PersonRepository people;

	private final Roster roster;

	private final AccessTokens tokens;

	ProfileController(PersonRepository people, Roster roster, AccessTokens tokens) {
		this.people = people;
		this.roster = roster;
		this.tokens = tokens;
	}

	@GetMapping("/profile")
	String show(@AuthenticationPrincipal SignedInPerson me, Model model) {
		Person person = this.people.findById(me.id()).orElseThrow(() -> new PersonNotFoundException(me.id()));
		model.addAttribute("person", person);
		model.addAttribute("eligibility", this.roster.eligibilityOf(person));
		model.addAttribute("zones", ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/")).sorted().toList());
		model.addAttribute("tokens", this.tokens.of(me.id()));
		if (!model.containsAttribute("timeZone")) {
			model.addAttribute("timeZone", person.getTimeZone());
		}
		return "people/profile";
	}

	@PostMapping("/profile/time-zone")
	String changeZone(@AuthenticationPrincipal SignedInPerson me, @RequestParam String timeZone,
			RedirectAttributes redirect) {
		if (!Roster.isZone(timeZone)) {
			redirect.addFlashAttribute("timeZone", timeZone);
			redirect.addFlashAttribute("zoneError",
					"\"" + timeZone + "\" is not a time zone; pick one from the list, like Europe/Berlin.");
			return "redirect:/profile";
		}
		this.roster.changeTimeZone(me.id(), ZoneId.of(timeZone.trim()));
		redirect.addFlashAttribute("message", "Times are now shown in " + timeZone.trim() + ".");
		return "redirect:/profile";
	}

	@PostMapping("/profile/password")
	String changePassword(@AuthenticationPrincipal SignedInPerson me, @RequestParam String currentPassword,
			@RequestParam String newPassword, @RequestParam String confirmPassword, RedirectAttributes redirect) {
		List<String> problems = new ArrayList<>();
		if (newPassword.length() < 8) {
			redirect.addFlashAttribute("newPasswordError", "Use at least 8 characters.");
			problems.add("new");
		}
		else if (!PasswordPolicy.fitsBcrypt(newPassword)) {
			redirect.addFlashAttribute("newPasswordError", PasswordPolicy.TOO_LONG);
			problems.add("new");
		}
		else if (!newPassword.equals(confirmPassword)) {
			redirect.addFlashAttribute("confirmPasswordError", "The two new passwords differ.");
			problems.add("confirm");
		}
		if (problems.isEmpty() && !this.roster.changePassword(me.id(), currentPassword, newPassword)) {
			redirect.addFlashAttribute("currentPasswordError", "That is not your current password.");
			problems.add("current");
		}
		if (problems.isEmpty()) {
			redirect.addFlashAttribute("message", "Your password was changed.");
		}
		return "redirect:/profile";
	}

	@PostMapping("/profile/tokens")
	String createToken(@AuthenticationPrincipal SignedInPerson me, @RequestParam(defaultValue = "") String name,
			RedirectAttributes redirect) {
		if (name.isBlank() || name.length() > 100) {
			redirect.addFlashAttribute("tokenNameError", "Give the token a name of up to 100 characters, like \"chat bot\".");
			redirect.addFlashAttribute("tokenName", name);
			return "redirect:/profile#tokens";
		}
		AccessTokens.Created created = this.tokens.create(me.id(), name);
		redirect.addFlashAttribute("newToken", created.secret());
		return "redirect:/profile#tokens";
	}

	@PostMapping("/profile/tokens/{id}/revoke")
	String revokeToken(@AuthenticationPrincipal SignedInPerson me, @PathVariable long id,
			RedirectAttributes redirect) {
		if (!this.tokens.revoke(me.id(), id)) {
			throw new AccessDeniedException("not your token");
		}
		redirect.addFlashAttribute("message", "Token revoked: it no longer works.");
		return "redirect:/profile#tokens";
	}

}
