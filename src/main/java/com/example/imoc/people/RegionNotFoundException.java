package com.example.imoc.people;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** A region name in a URL that is not APAC, EMEA or AMER. */
@ResponseStatus(HttpStatus.NOT_FOUND)
class RegionNotFoundException extends RuntimeException {

	RegionNotFoundException(String region) {
		super("No region " + region);
	}

}
