package com.example.imoc.database;

import java.io.IOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL from the application's own dependencies when no external
 * database is configured, so a newcomer needs nothing but a JDK. The cluster lives on
 * disk (default {@code ./data/postgres}) and survives restarts; it is stopped when the
 * context closes, as the very last thing: after Quartz ({@link BoundedQuartzShutdown})
 * and the pool that depend on it. It registers no JVM shutdown hook of its own: JVM hooks
 * run at the same time, and one stopping PostgreSQL a tenth of a second into SIGTERM left
 * Quartz retrying against a dead database forever.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(UsesEmbeddedDatabase.class)
class EmbeddedDatabaseConfiguration {

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) {
		Path dataDir = properties.dataDir().toAbsolutePath().normalize();
		prepareDirectory(dataDir);
		try {
			EmbeddedPostgres postgres = EmbeddedPostgres.builder()
				.setDataDirectory(dataDir)
				.setCleanDataDirectory(properties.clean())
				.setPort(properties.port())
				.setRegisterShutdownHook(false)
				.setServerConfig("max_connections", "100")
				.start();
			log.info("Database: embedded PostgreSQL on port {} with its data in {}", postgres.getPort(), dataDir);
			return postgres;
		}
		catch (IOException | RuntimeException ex) {
			throw explain(dataDir, ex);
		}
	}

	/**
	 * The same {@code spring.datasource.hikari.*} settings (timeouts) as an external
	 * database gets.
	 */
	@Bean
	@ConfigurationProperties("spring.datasource.hikari")
	HikariDataSource dataSource(EmbeddedPostgres postgres) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres");
		dataSource.setUsername("postgres");
		dataSource.setPoolName("imoc");
		dataSource.setMaximumPoolSize(20);
		return dataSource;
	}

	private static void prepareDirectory(Path dataDir) {
		try {
			Files.createDirectories(dataDir);
		}
		catch (IOException ex) {
			throw new EmbeddedDatabaseStartException(
					"The embedded database cannot create its data directory " + dataDir + " (" + ex.getMessage() + ").",
					"Make that directory writable, or point imoc.embedded-db.data-dir (IMOC_EMBEDDED_DB_DATA_DIR) at a writable one.",
					ex);
		}
		if (!Files.isWritable(dataDir)) {
			throw new EmbeddedDatabaseStartException(
					"The embedded database cannot write to its data directory " + dataDir + ".",
					"Make that directory writable, or point imoc.embedded-db.data-dir (IMOC_EMBEDDED_DB_DATA_DIR) at a writable one.",
					null);
		}
	}

	private static EmbeddedDatabaseStartException explain(Path dataDir, Exception ex) {
		String detail = String.valueOf(ex.getMessage());
		// Another process holding the directory: "could not lock"; another app in this
		// same JVM (tests): overlap.
		if (ex instanceof OverlappingFileLockException || detail.contains("could not lock")) {
			return new EmbeddedDatabaseStartException(
					"The embedded database in " + dataDir
							+ " is already in use by another running instance of the app.",
					"Stop the other instance, or give this one its own imoc.embedded-db.data-dir (IMOC_EMBEDDED_DB_DATA_DIR).",
					ex);
		}
		return new EmbeddedDatabaseStartException(
				"The embedded database could not start in " + dataDir + ": " + detail + ".",
				"Check that the directory is writable and not used by another PostgreSQL, or set SPRING_DATASOURCE_URL to use an external database.",
				ex);
	}

}
