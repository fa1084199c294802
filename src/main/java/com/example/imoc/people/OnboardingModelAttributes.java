package com.example.imoc.people;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Each shadow's shadowed incidents for the roster pages, where the coordinator manages
 * onboarding (the list and a person's page); only on the pages that show them.
 */
@ControllerAdvice(assignableTypes = RosterController.class)
class OnboardingModelAttributes {

	private final Onboarding onboarding;

	OnboardingModelAttributes(Onboarding onboarding) {
		this.onboarding = onboarding;
	}

	@ModelAttribute("shadowProgress")
	Map<Long, Onboarding.Progress> shadowProgress(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		boolean shown = "GET".equals(request.getMethod()) && path.matches("/admin/people(/[0-9]+)?");
		return shown ? this.onboarding.shadows() : Map.of();
	}

}
