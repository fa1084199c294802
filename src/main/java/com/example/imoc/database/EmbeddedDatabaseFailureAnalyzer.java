package com.example.imoc.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a failed embedded database start into Boot's short "APPLICATION FAILED TO START"
 * report instead of a stack trace.
 */
class EmbeddedDatabaseFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedDatabaseStartException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedDatabaseStartException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.action(), null);
	}

}
