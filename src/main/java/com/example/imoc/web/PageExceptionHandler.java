package com.example.imoc.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.InvalidPropertyException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Input the data binder cannot even hold (a form index like {@code services[99999]} beyond its growth limit) is the
 * client's mistake: a 400 with the usual error page or JSON, not a 500.
 */
@ControllerAdvice
class PageExceptionHandler {

	@ExceptionHandler(InvalidPropertyException.class)
	void invalidProperty(HttpServletResponse response) throws IOException {
		response.sendError(HttpStatus.BAD_REQUEST.value());
	}

}
