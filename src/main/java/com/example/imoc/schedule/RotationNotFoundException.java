package com.example.imoc.schedule;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

@ResponseStatus(HttpStatus.NOT_FOUND)
class RotationNotFoundException extends RuntimeException {

	RotationNotFoundException(long id) {
		super("No rotation with id " + id);
	}

}
