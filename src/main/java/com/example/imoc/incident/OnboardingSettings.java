package com.example.imoc.incident;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Onboarding targets (DOMAIN.md), under {@code imoc.onboarding}.
 *
 * @param shadowIncidents how many incidents a shadow shadows before the reverse shadow is
 * offered (5)
 */
@ConfigurationProperties("imoc.onboarding")
public record OnboardingSettings(@DefaultValue("5") int shadowIncidents) {

	public OnboardingSettings {
		if (shadowIncidents < 1) {
			throw new IllegalArgumentException(
					"imoc.onboarding.shadow-incidents must be at least 1, was " + shadowIncidents);
		}
	}

}
