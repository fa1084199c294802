package com.example.imoc.database;

/**
 * The embedded PostgreSQL could not start; the message says why and what to do, in one
 * sentence.
 */
public class EmbeddedDatabaseStartException extends RuntimeException {

	private final String action;

	EmbeddedDatabaseStartException(String message, String action, Throwable cause) {
		super(message, cause);
		this.action = action;
	}

	public String action() {
		return this.action;
	}

}
