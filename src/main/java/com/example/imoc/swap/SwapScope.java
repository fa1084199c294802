package com.example.imoc.swap;

import java.util.Locale;

/**
 * Which of the requester's shifts a request carries: one shift, their whole block (the
 * consecutive days of one slot they were given as one assignment), or every shift they
 * hold in a range of dates. The set changes hands as one request, all or nothing.
 */
public enum SwapScope {

	SHIFT("This shift only"), BLOCK("The whole block"), RANGE("A range of dates");

	private final String label;

	SwapScope(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

	/**
	 * The lower-case name the API speaks ({@code block}, {@code range}, {@code shift}).
	 */
	public String apiName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The scope named by {@code text} in any case, or null when it names none. */
	static SwapScope parse(String text) {
		for (SwapScope scope : values()) {
			if (scope.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
				return scope;
			}
		}
		return null;
	}

}
