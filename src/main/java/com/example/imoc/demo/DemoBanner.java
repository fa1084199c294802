package com.example.imoc.demo;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Tells the layout to show the "demo data" banner.
 */
@ControllerAdvice(annotations = Controller.class)
class DemoBanner {

	private final DemoMode demoMode;

	DemoBanner(DemoMode demoMode) {
		this.demoMode = demoMode;
	}

	@ModelAttribute("demoMode")
	boolean demoMode() {
		return this.demoMode.isOn();
	}

}
