package com.example.imoc.database;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.beans.factory.ObjectProvider;
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

	/**
	 * The server {@link EmbeddedDatabaseStart} began starting when the context was
	 * created (issue 17: in parallel with the context); started here only for a context
	 * made without the initializer.
	 */
	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties,
			ObjectProvider<EmbeddedDatabaseStart> started) {
		EmbeddedDatabaseStart start = started.getIfAvailable(() -> new EmbeddedDatabaseStart(properties));
		return start.await();
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

}
