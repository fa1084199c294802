package com.example.imoc.web.api;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The one error shape of the JSON API: {@code {"error": "<sentence>", "fields":
 * {"<field>": "<sentence>"}}}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(String error, Map<String, String> fields) {

	public static ApiError of(String error) {
		return new ApiError(error, Map.of());
	}

	public static ApiError field(String field, String message) {
		return new ApiError(message, Map.of(field, message));
	}

}
