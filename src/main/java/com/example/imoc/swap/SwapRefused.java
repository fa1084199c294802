package com.example.imoc.swap;

/**
 * A request or transition refused for a reason the user can act on; {@code field} names
 * the form field it is about (or null for the request as a whole), {@code conflict} tells
 * a state problem (409) from bad input (400).
 */
class SwapRefused extends RuntimeException {

	private final String field;

	private final boolean conflict;

	SwapRefused(String field, String message, boolean conflict) {
		super(message);
		this.field = field;
		this.conflict = conflict;
	}

	static SwapRefused input(String field, String message) {
		return new SwapRefused(field, message, false);
	}

	static SwapRefused conflict(String message) {
		return new SwapRefused(null, message, true);
	}

	String field() {
		return this.field;
	}

	boolean isConflict() {
		return this.conflict;
	}

}
