package com.example.imoc.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Whether the application's data source really is the embedded PostgreSQL this node
 * started, whatever the settings say: settings can point the pool elsewhere in more ways
 * than {@code spring.datasource.url} (for example
 * {@code spring.datasource.hikari.jdbc-url} overrides the embedded pool's own address).
 * So it asks both servers who they are (their port and the instant the server started)
 * and compares; any failure counts as "not embedded". Demo mode seeds only when this is
 * true.
 */
@Component
public class EmbeddedDatabaseCheck {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseCheck.class);

	private static final String IDENTITY = "select current_setting('port') || ' ' || pg_postmaster_start_time()";

	private final DataSource dataSource;

	private final ObjectProvider<EmbeddedPostgres> embedded;

	EmbeddedDatabaseCheck(DataSource dataSource, ObjectProvider<EmbeddedPostgres> embedded) {
		this.dataSource = dataSource;
		this.embedded = embedded;
	}

	/**
	 * True only when an embedded PostgreSQL runs and the application's connections reach
	 * exactly that server.
	 */
	public boolean appUsesEmbedded() {
		EmbeddedPostgres postgres = this.embedded.getIfAvailable();
		if (postgres == null) {
			return false;
		}
		Optional<String> app = identity(this.dataSource);
		Optional<String> own = identity(postgres.getPostgresDatabase());
		boolean same = app.isPresent() && app.equals(own);
		if (!same) {
			log.warn("An embedded PostgreSQL runs, but the application's connections go to another server ({} vs {})",
					app.orElse("unknown"), own.orElse("unknown"));
		}
		return same;
	}

	private static Optional<String> identity(DataSource source) {
		try (Connection connection = source.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(IDENTITY)) {
			return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
		}
		catch (SQLException | RuntimeException ex) {
			return Optional.empty();
		}
	}

}
