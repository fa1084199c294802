package com.example.imoc.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns refused API input into {@link ApiError} JSON with a 4xx status, never a stack trace.
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
		return ResponseEntity.badRequest().body(ApiError.of("The request body is not valid JSON of the expected shape."));
	}

	@ExceptionHandler(AccessDeniedException.class)
	ResponseEntity<ApiError> denied(AccessDeniedException ex) {
		return ResponseEntity.status(HttpStatus.FORBIDDEN).body(ApiError.of("You may not do this."));
	}

}
