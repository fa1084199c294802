package com.example.imoc.demo;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Demo data is on by default on the embedded database and off against an external one; {@code imoc.demo} (IMOC_DEMO)
 * overrides both ways. It never turns itself on against an external database.
 */
@Component
public class DemoMode {

	private final boolean on;

	DemoMode(Environment environment) {
		Boolean explicit = environment.getProperty("imoc.demo", Boolean.class);
		boolean embedded = !StringUtils.hasText(environment.getProperty("spring.datasource.url"));
		this.on = explicit != null ? explicit : embedded;
	}

	public boolean isOn() {
		return this.on;
	}

}
