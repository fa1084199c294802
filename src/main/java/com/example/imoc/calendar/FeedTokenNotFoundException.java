package com.example.imoc.calendar;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * No feed URL with this id: a 404 on pages.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class FeedTokenNotFoundException extends RuntimeException {

	public FeedTokenNotFoundException(long id) {
		super("No calendar feed URL #" + id + ".");
	}

}
