package com.example.imoc.web.api;

import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import com.example.imoc.web.security.ControlCharacterFilter;

/**
 * Turns refused API input into {@link ApiError} JSON with a 4xx status, never a stack
 * trace.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiExceptionHandler {

	@ExceptionHandler(BadApiRequest.class)
	ResponseEntity<ApiError> badRequest(BadApiRequest ex) {
		return ResponseEntity.badRequest().body(new ApiError(ex.getMessage(), ex.fields()));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException ex) {
		return ResponseEntity.badRequest()
			.body(ApiError.field(ex.getName(), "\"" + ex.getValue() + "\" is not a valid " + ex.getName() + "."));
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ResponseEntity<ApiError> missing(MissingServletRequestParameterException ex) {
		return ResponseEntity.badRequest()
			.body(ApiError.field(ex.getParameterName(), "The " + ex.getParameterName() + " parameter is required."));
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException ex) {
		if (ex.getMostSpecificCause() instanceof JacksonException json && !json.getPath().isEmpty()) {
			String field = field(json.getPath());
			String message = json.getOriginalMessage() != null && json.getOriginalMessage().startsWith("This ")
					? json.getOriginalMessage() : "This value is not of the expected type.";
			return ResponseEntity.badRequest()
				.body(new ApiError(
						"The request body is not valid JSON of the expected shape: \"" + field + "\". " + message,
						Map.of(field, message)));
		}
		return ResponseEntity.badRequest()
			.body(ApiError.of("The request body is not valid JSON of the expected shape."));
	}

	/**
	 * "services[0].impact" from Jackson's path; names come from the body, so control
	 * characters are masked.
	 */
	private static String field(List<JacksonException.Reference> path) {
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference reference : path) {
			if (reference.getPropertyName() != null) {
				field.append(field.isEmpty() ? "" : ".")
					.append(ControlCharacterFilter.printable(reference.getPropertyName()));
			}
			else if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return field.isEmpty() ? "body" : field.toString();
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ApiError> denied(AccessDeniedException ex) {
		return ResponseEntity.status(HttpStatus.FORBIDDEN).body(ApiError.of("You may not do this."));
	}

}
