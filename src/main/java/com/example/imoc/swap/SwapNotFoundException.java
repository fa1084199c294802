package com.example.imoc.swap;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

@ResponseStatus(HttpStatus.NOT_FOUND)
class SwapNotFoundException extends RuntimeException {

	SwapNotFoundException(long id) {
		super("No swap request " + id);
	}

}
