package com.example.imoc.people;

/**
 * Where a person stands on the way into (or out of) the rotation: shadow at least five
 * incidents, then a reverse shadow, then live.
 */
public enum OnboardingState {

	SHADOW("Shadow"), REVERSE_SHADOW("Reverse shadow"), ACTIVE("Active"), OFFBOARDED("Offboarded");

	private final String label;

	OnboardingState(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

	public boolean isTraining() {
		return this == SHADOW || this == REVERSE_SHADOW;
	}

}
