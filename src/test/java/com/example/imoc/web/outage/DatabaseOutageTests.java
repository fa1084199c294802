package com.example.imoc.web.outage;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import jakarta.servlet.ServletException;
import org.hibernate.TransactionException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.orm.jpa.JpaSystemException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.NestedTransactionNotSupportedException;

import com.example.imoc.web.api.MachinePath;
import com.example.imoc.web.api.MachinePaths;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures are "the database is unavailable" (a 503) and which are not (they keep
 * their own answer). The chains are the ones a PostgreSQL restart under load produced in
 * {@code database.DatabaseRestartTests}.
 */
class DatabaseOutageTests {

	private static final SQLTransientConnectionException POOL_TIMED_OUT = new SQLTransientConnectionException(
			"HikariPool-1 - Connection is not available, request timed out after 5000ms", "08001",
			new SQLException("Connection to localhost:5432 refused", "08001"));

	@Test
	void aLostDatabaseIsRecognisedInEveryWrapperItArrivesIn() {
		assertThat(DatabaseOutage.isCauseOf(new CannotGetJdbcConnectionException("no connection", POOL_TIMED_OUT)))
			.as("plain JDBC without a connection")
			.isTrue();
		assertThat(DatabaseOutage.isCauseOf(new CannotCreateTransactionException("Could not open JPA EntityManager",
				new JDBCConnectionException("Unable to acquire JDBC Connection", POOL_TIMED_OUT))))
			.as("a JPA transaction that cannot begin")
			.isTrue();
		assertThat(DatabaseOutage.isCauseOf(new DataAccessResourceFailureException("PreparedStatementCallback",
				new SQLException("FATAL: terminating connection due to administrator command", "57P01"))))
			.as("a statement cut off by the server shutting down")
			.isTrue();
		assertThat(DatabaseOutage
			.isCauseOf(new JpaSystemException(new TransactionException("Unable to rollback against JDBC Connection",
					new SQLException("Connection is closed")))))
			.as("the failed rollback that hides the lost connection")
			.isTrue();
		assertThat(DatabaseOutage.isCauseOf(new InternalAuthenticationServiceException("lookup failed",
				new CannotGetJdbcConnectionException("no connection", POOL_TIMED_OUT))))
			.as("a sign-in whose account lookup failed")
			.isTrue();
		assertThat(DatabaseOutage.isCauseOf(new ServletException("Request processing failed",
				new SQLException("An I/O error occurred while sending to the backend", "08006"))))
			.as("anything the dispatcher wraps")
			.isTrue();
	}

	@Test
	void failuresThatMerelyComeFromTheDatabaseAreNotAnOutage() {
		assertThat(DatabaseOutage.isCauseOf(new DataIntegrityViolationException("duplicate key",
				new ConstraintViolationException("duplicate key", new SQLException("duplicate key", "23505"), "uk"))))
			.isFalse();
		assertThat(DatabaseOutage.isCauseOf(new ObjectOptimisticLockingFailureException(Object.class, 1L))).isFalse();
		assertThat(DatabaseOutage.isCauseOf(new NestedTransactionNotSupportedException("not supported"))).isFalse();
		assertThat(DatabaseOutage.isCauseOf(new SQLException("syntax error at or near \"selct\"", "42601"))).isFalse();
		assertThat(DatabaseOutage.isCauseOf(new IllegalStateException("a bug"))).isFalse();
	}

	@Test
	void theOutageLogNeverNamesASecretInAPath() {
		MachinePaths paths = new MachinePaths(List.of(new MachinePath("/feeds/", true)));
		var feed = new org.springframework.mock.web.MockHttpServletRequest("GET", "/feeds/s3cr3tFeedToken123.ics");
		assertThat(paths.loggable(feed)).isEqualTo("/feeds/…").doesNotContain("s3cr3t");
		var page = new org.springframework.mock.web.MockHttpServletRequest("GET", "/rotations/1");
		assertThat(paths.loggable(page)).isEqualTo("/rotations/1");
		var api = new org.springframework.mock.web.MockHttpServletRequest("GET", "/api/v1/oncall");
		assertThat(paths.loggable(api)).isEqualTo("/api/v1/oncall");
		assertThat(paths.forMachines(feed)).isTrue();
		assertThat(paths.forMachines(api)).isTrue();
		assertThat(paths.forMachines(page)).isFalse();
	}

}
