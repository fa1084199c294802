package com.example.imoc.database;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Says in the log which database the app runs on, so an operator never has to guess.
 */
@Component
class DatabaseInUseLog {

	private static final Logger log = LoggerFactory.getLogger(DatabaseInUseLog.class);

	private final DataSource dataSource;

	DatabaseInUseLog(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@EventListener(ApplicationReadyEvent.class)
	void report() {
		try (Connection connection = this.dataSource.getConnection()) {
			var meta = connection.getMetaData();
			log.info("Database in use: {} {} at {}", meta.getDatabaseProductName(), meta.getDatabaseProductVersion(),
					meta.getURL());
		}
		catch (SQLException ex) {
			log.warn("Database in use: not reachable right now ({})", ex.getMessage());
		}
	}

}
