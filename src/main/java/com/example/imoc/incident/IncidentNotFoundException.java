package com.example.imoc.incident;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

@ResponseStatus(HttpStatus.NOT_FOUND)
public class IncidentNotFoundException extends RuntimeException {

	public IncidentNotFoundException(long id) {
		super("No incident with id " + id);
	}

}
