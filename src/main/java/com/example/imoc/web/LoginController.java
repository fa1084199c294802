package com.example.imoc.web;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
class LoginController {

	@GetMapping("/login")
	String login(Authentication authentication, @RequestParam(required = false) String locked, Model model) {
		if (locked != null && locked.matches("[0-9]{1,3}")) {
			model.addAttribute("lockedMinutes", Math.max(1, Integer.parseInt(locked)));
		}
		boolean signedIn = authentication != null && !(authentication instanceof AnonymousAuthenticationToken)
				&& authentication.isAuthenticated();
		return signedIn ? "redirect:/" : "login";
	}

}
