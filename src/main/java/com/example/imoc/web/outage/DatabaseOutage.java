package com.example.imoc.web.outage;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Recognises "the database cannot be reached" in whatever a request threw. The same
 * outage arrives in many wrappers: Hikari's {@link SQLTransientConnectionException}
 * ("Connection is not available, request timed out") inside Spring's
 * {@code CannotGetJdbcConnectionException} (plain JDBC) or
 * {@code CannotCreateTransactionException} (a JPA transaction that cannot begin),
 * PostgreSQL's connection errors (SQLSTATE class 08) and shutdown notices (57P01 to
 * 57P03) inside Hibernate's exceptions or a failed commit, all of it possibly inside a
 * Spring Security authentication exception or a {@code ServletException}, or lost behind
 * the failed rollback that followed it. So the whole cause chain is searched; an
 * exception that merely comes from the database (a constraint violation, a stale version)
 * is not an outage.
 */
public final class DatabaseOutage {

	/**
	 * PostgreSQL's "admin shutdown", "crash shutdown" and "cannot connect now" (starting
	 * up or shutting down).
	 */
	private static final Set<String> SERVER_GOING_AWAY = Set.of("57P01", "57P02", "57P03");

	/**
	 * Hikari's answer on a connection it has already closed because it broke earlier in
	 * the same transaction. The rollback after a failed statement meets it, and Spring
	 * then reports the failed rollback ("Unable to rollback against JDBC Connection")
	 * instead of the failure itself, so this is all that is left of the outage.
	 */
	private static final String CLOSED_BY_THE_POOL = "Connection is closed";

	private static final int MAX_DEPTH = 32;

	private DatabaseOutage() {
	}

	public static boolean isCauseOf(Throwable failure) {
		Throwable cause = failure;
		for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++) {
			if (signalsOutage(cause)) {
				return true;
			}
			cause = cause.getCause();
		}
		return false;
	}

	private static boolean signalsOutage(Throwable ex) {
		if (ex instanceof DataAccessResourceFailureException || ex instanceof TransientDataAccessResourceException
				|| ex instanceof SQLTransientConnectionException || ex instanceof SQLNonTransientConnectionException) {
			return true;
		}
		if (ex instanceof SQLException sql) {
			String state = sql.getSQLState();
			return state == null ? CLOSED_BY_THE_POOL.equals(sql.getMessage())
					: state.startsWith("08") || SERVER_GOING_AWAY.contains(state);
		}
		return false;
	}

}
