package com.example.imoc.notify;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

@ResponseStatus(HttpStatus.NOT_FOUND)
class NotificationNotFoundException extends RuntimeException {

	NotificationNotFoundException(String what) {
		super(what);
	}

}
