package com.example.imoc.web;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Pages whose feature has not landed yet answer with a plain "coming" page instead of a 404, so the navigation is
 * whole from day one. Each mapping is removed when its feature module takes the route over.
 */
@Controller
class ComingSoonController {

	@GetMapping({ "/swaps" })
	String coming(HttpServletRequest request, Model model) {
		model.addAttribute("path", request.getRequestURI());
		return "coming";
	}

}
