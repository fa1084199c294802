package com.example.imoc.people;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.example.imoc.database.Throttles;

/**
 * Each person's own settings: time zone, password and API tokens. A password change is
 * checked against {@link PasswordPolicy}, ends the person's other sessions and renews
 * this one (new session id, new security version); wrong current passwords are throttled
 * like sign-ins ({@value #MAX_WRONG} within {@link #WRONG_WINDOW} lock the form for
 * {@link #WRONG_LOCKOUT}), so a borrowed open session cannot be used to guess the
 * password.
 */
@Controller
class ProfileController {

	static final int MAX_WRONG = 5;

	static final Duration WRONG_WINDOW = Duration.ofMinutes(15);

	static final Duration WRONG_LOCKOUT = Duration.ofMinutes(15);

	/** Token lifetimes offered at creation, in days; the default first. */
	static final List<Integer> TOKEN_DAYS = List.of(7, 30, 90, 365);

	static final int DEFAULT_TOKEN_DAYS = 90;

	private final PersonRepository people;

	private final Roster roster;

	private final AccessTokens tokens;

	private final Throttles throttles;

	private final PersonAccounts accounts;

	private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

	ProfileController(PersonRepository people, Roster roster, AccessTokens tokens, Throttles throttles,
			PersonAccounts accounts) {
		this.people = people;
		this.roster = roster;
		this.tokens = tokens;
		this.throttles = throttles;
		this.accounts = accounts;
	}

	@GetMapping("/profile")
	String show(@AuthenticationPrincipal SignedInPerson me, Model model) {
		Person person = this.people.findById(me.id()).orElseThrow(() -> new PersonNotFoundException(me.id()));
		model.addAttribute("person", person);
		model.addAttribute("eligibility", this.roster.eligibilityOf(person));
		model.addAttribute("zones",
				ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/")).sorted().toList());
		model.addAttribute("tokens", this.tokens.of(me.id()));
		model.addAttribute("tokenDayChoices", TOKEN_DAYS);
		if (!model.containsAttribute("tokenDays")) {
			model.addAttribute("tokenDays", DEFAULT_TOKEN_DAYS);
		}
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
			@RequestParam String newPassword, @RequestParam String confirmPassword, HttpServletRequest request,
			HttpServletResponse response, RedirectAttributes redirect) {
		String wrongKey = "profile-password:person:" + me.id();
		Optional<Duration> locked = this.throttles.lockedFor(List.of(wrongKey));
		if (locked.isPresent()) {
			redirect.addFlashAttribute("currentPasswordError", "Too many wrong current passwords; try again in "
					+ Math.max(1, (locked.get().toSeconds() + 59) / 60) + " minutes.");
			return "redirect:/profile";
		}
		Optional<String> problem = PasswordPolicy.problem(newPassword, me.email());
		if (problem.isPresent()) {
			redirect.addFlashAttribute("newPasswordError", problem.get());
			return "redirect:/profile";
		}
		if (!newPassword.equals(confirmPassword)) {
			redirect.addFlashAttribute("confirmPasswordError", "The two new passwords differ.");
			return "redirect:/profile";
		}
		if (!this.roster.changePassword(me.id(), currentPassword, newPassword)) {
			boolean nowLocked = this.throttles.hit(wrongKey, MAX_WRONG, WRONG_WINDOW, WRONG_LOCKOUT).started();
			redirect.addFlashAttribute("currentPasswordError", nowLocked
					? "Too many wrong current passwords; try again in " + WRONG_LOCKOUT.toMinutes() + " minutes."
					: "That is not your current password.");
			return "redirect:/profile";
		}
		this.throttles.clear(wrongKey);
		keepThisSession(me.id(), request, response);
		redirect.addFlashAttribute("message", "Your password was changed. Your other sessions are signed out.");
		return "redirect:/profile";
	}

	/**
	 * The password change moved the person's security version on, which ends every
	 * session signed in before; this one continues with the new version, under a new
	 * session id.
	 */
	private void keepThisSession(long id, HttpServletRequest request, HttpServletResponse response) {
		SignedInPerson renewed = this.accounts.current(id).orElseThrow(() -> new PersonNotFoundException(id));
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(
				UsernamePasswordAuthenticationToken.authenticated(renewed, null, renewed.getAuthorities()));
		SecurityContextHolder.setContext(context);
		if (request.getSession(false) != null) {
			request.changeSessionId();
			this.sessions.saveContext(context, request, response);
		}
	}

	@PostMapping("/profile/tokens")
	String createToken(@AuthenticationPrincipal SignedInPerson me, @RequestParam(defaultValue = "") String name,
			@RequestParam(defaultValue = "" + DEFAULT_TOKEN_DAYS) String days, RedirectAttributes redirect) {
		Integer lifetime = TOKEN_DAYS.stream()
			.filter(d -> String.valueOf(d).equals(days.trim()))
			.findFirst()
			.orElse(null);
		if (name.isBlank() || name.length() > 100 || lifetime == null) {
			if (name.isBlank() || name.length() > 100) {
				redirect.addFlashAttribute("tokenNameError",
						"Give the token a name of up to 100 characters, like \"chat bot\".");
			}
			if (lifetime == null) {
				redirect.addFlashAttribute("tokenDaysError", "Choose how long the token works: 7, 30, 90 or 365 days.");
			}
			redirect.addFlashAttribute("tokenName", name);
			return "redirect:/profile#tokens";
		}
		AccessTokens.Created created = this.tokens.create(me.id(), name, Duration.ofDays(lifetime));
		redirect.addFlashAttribute("newToken", created.secret());
		return "redirect:/profile#tokens";
	}

	@PostMapping("/profile/tokens/{id}/revoke")
	String revokeToken(@AuthenticationPrincipal SignedInPerson me, @PathVariable long id, RedirectAttributes redirect) {
		if (!this.tokens.revoke(me.id(), id)) {
			throw new AccessDeniedException("not your token");
		}
		redirect.addFlashAttribute("message", "Token revoked: it no longer works.");
		return "redirect:/profile#tokens";
	}

}
