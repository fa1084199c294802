package com.example.imoc.notify;

import java.time.Duration;
import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.example.imoc.notify.NotificationPreferences.Preferences;
import com.example.imoc.people.SignedInPerson;

/**
 * Saves the notification section of the profile page (the page itself belongs to the
 * people module; this module adds its section's data through
 * {@link NotifyModelAttributes}).
 */
@Controller
class PreferencesController {

	private final NotificationPreferences preferences;

	PreferencesController(NotificationPreferences preferences) {
		this.preferences = preferences;
	}

	@PostMapping("/profile/notifications")
	String save(@AuthenticationPrincipal SignedInPerson me, @RequestParam(defaultValue = "false") boolean mail,
			@RequestParam(defaultValue = "") String leads, RedirectAttributes redirect) {
		List<Duration> parsed;
		try {
			parsed = NotificationPreferences.parseLeads(leads);
		}
		catch (IllegalArgumentException ex) {
			redirect.addFlashAttribute("leadsError", ex.getMessage());
			redirect.addFlashAttribute("leadsDraft", leads);
			return "redirect:/profile#notifications";
		}
		Preferences saved = new Preferences(mail, parsed);
		this.preferences.save(me.id(), saved);
		redirect.addFlashAttribute("message",
				(mail ? "Notices come by mail and in your inbox" : "Notices come to your inbox only, no mail")
						+ (parsed.isEmpty() ? "; no shift reminders."
								: "; reminders " + saved.leadsText() + " before each shift."));
		return "redirect:/profile#notifications";
	}

}
