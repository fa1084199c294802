package com.example.imoc.rotation;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

@ResponseStatus(HttpStatus.NOT_FOUND)
public class RotationNotFoundException extends RuntimeException {

	public RotationNotFoundException(long id) {
		super("No rotation with id " + id);
	}

}
