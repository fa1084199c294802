package com.example.imoc.web.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

	private final boolean gitLabOffered;

	LoginController(ObjectProvider<ClientRegistrationRepository> registrations) {
		this.gitLabOffered = GitLabSignIns.offered(registrations.getIfAvailable());
	}

	@GetMapping("/login")
	String login(Authentication authentication, @RequestParam(required = false) String locked,
			HttpServletRequest request, Model model) {
		if (locked != null && locked.matches("[0-9]{1,3}")) {
			model.addAttribute("lockedMinutes", Math.max(1, Integer.parseInt(locked)));
		}
		model.addAttribute("gitLabSignIn", this.gitLabOffered ? GitLabSignIns.LOGIN_URL : null);
		// Shown once: set by GitLabSignIns when it refused, so a crafted link cannot put
		// words on this page.
		HttpSession session = request.getSession(false);
		Object refusal = session == null ? null : session.getAttribute(GitLabSignIns.REFUSAL);
		if (refusal != null) {
			session.removeAttribute(GitLabSignIns.REFUSAL);
			model.addAttribute("refusal", refusal);
		}
		boolean signedIn = authentication != null && !(authentication instanceof AnonymousAuthenticationToken)
				&& authentication.isAuthenticated();
		return signedIn ? "redirect:/" : "login";
	}

}
