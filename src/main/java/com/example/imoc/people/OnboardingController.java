package com.example.imoc.people;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Promote to reverse shadow" on a shadow's roster page, offered once they shadowed
 * enough incidents (the form posts with its CSRF token; {@code /admin/**} is coordinators
 * only in the security configuration).
 */
@Controller
class OnboardingController {

	private final Onboarding onboarding;

	OnboardingController(Onboarding onboarding) {
		this.onboarding = onboarding;
	}

	@PostMapping("/admin/people/{id}/promote")
	String promote(@PathVariable long id, RedirectAttributes redirect) {
		try {
			Person person = this.onboarding.promoteToReverseShadow(id);
			redirect.addFlashAttribute("message",
					person.getName() + " is now a reverse shadow: they will hold whole blocks with an IM beside them.");
		}
		catch (Onboarding.PromotionRefused refused) {
			redirect.addFlashAttribute("message", refused.getMessage());
		}
		return "redirect:/admin/people/" + id;
	}

}
