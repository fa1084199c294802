package com.example.imoc.web.layout;

import java.io.IOException;
import java.sql.SQLException;
import java.time.DateTimeException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.InvalidPropertyException;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MultipartException;

import com.example.imoc.web.api.ApiError;

/**
 * Input the app cannot even hold is the client's mistake, answered with a 4xx (the usual
 * error page, or {@link ApiError} JSON under {@code /api/}), never a 500: a form index
 * like {@code services[99999]} beyond the binder's growth limit, a body of a media type
 * the route does not read (415), a multipart body without a boundary, and, as the last
 * line behind the range checks where values are parsed, a date or number outside what
 * java.time or PostgreSQL can represent (PostgreSQL's "data exception" class, SQLSTATE
 * 22). Applies to every controller, and to requests refused before one was chosen (a
 * malformed multipart body).
 */
@ControllerAdvice
class PageExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(PageExceptionHandler.class);

	@ExceptionHandler(InvalidPropertyException.class)
	void invalidProperty(HttpServletResponse response) throws IOException {
		response.sendError(HttpStatus.BAD_REQUEST.value());
	}

	@ExceptionHandler({ HttpMediaTypeNotSupportedException.class, InvalidMediaTypeException.class })
	ResponseEntity<ApiError> unsupportedMediaType(HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		return refuse(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
				"This address does not read a body of that content type; send application/json.");
	}

	@ExceptionHandler(MultipartException.class)
	ResponseEntity<ApiError> malformedMultipart(HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		return refuse(request, response, HttpStatus.BAD_REQUEST,
				"The form upload could not be read (a malformed multipart body).");
	}

	/**
	 * A value outside what can be represented, met where a parser or the database gives
	 * up. Only the data exception class is the client's doing; any other failure goes on
	 * as it was (a lost database to
	 * {@link com.example.imoc.web.outage.DatabaseOutageFilter}'s 503, a bug to a 500).
	 */
	@ExceptionHandler({ DateTimeException.class, ArithmeticException.class, DataAccessException.class })
	ResponseEntity<ApiError> outOfRange(RuntimeException ex, HttpServletRequest request, HttpServletResponse response)
			throws Exception {
		if (!isOutOfRange(ex)) {
			throw ex;
		}
		log.info("Refused {} {}: {}", request.getMethod(), request.getRequestURI(),
				NestedExceptionUtils.getMostSpecificCause(ex).toString());
		return refuse(request, response, HttpStatus.BAD_REQUEST,
				"A date or number in the request is outside the range this application accepts.");
	}

	static boolean isOutOfRange(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DateTimeException || cause instanceof ArithmeticException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	private static ResponseEntity<ApiError> refuse(HttpServletRequest request, HttpServletResponse response,
			HttpStatus status, String message) throws IOException {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.startsWith("/api/")) {
			return ResponseEntity.status(status).body(ApiError.of(message));
		}
		response.sendError(status.value());
		return null;
	}

}
