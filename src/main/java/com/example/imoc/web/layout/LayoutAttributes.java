package com.example.imoc.web.layout;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import com.example.imoc.people.SignedInPerson;

/**
 * What the layout needs on every page: who is signed in and where they are (the demo
 * module adds its banner flag).
 */
@ControllerAdvice(annotations = Controller.class)
class LayoutAttributes {

	@ModelAttribute("me")
	SignedInPerson me(Authentication authentication) {
		return authentication != null && authentication.getPrincipal() instanceof SignedInPerson person ? person : null;
	}

	@ModelAttribute("currentPath")
	String currentPath(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

}
