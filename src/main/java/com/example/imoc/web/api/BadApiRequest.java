package com.example.imoc.web.api;

import java.util.Map;

/**
 * Thrown by API controllers for input they refuse; becomes a 400 with the
 * {@link ApiError} shape.
 */
public class BadApiRequest extends RuntimeException {

	private final Map<String, String> fields;

	public BadApiRequest(String field, String message) {
		super(message);
		this.fields = Map.of(field, message);
	}

	public BadApiRequest(String message, Map<String, String> fields) {
		super(message);
		this.fields = Map.copyOf(fields);
	}

	public Map<String, String> fields() {
		return this.fields;
	}

}
