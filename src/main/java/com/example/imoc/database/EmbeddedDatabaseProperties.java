package com.example.imoc.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the embedded PostgreSQL that runs when no {@code spring.datasource.url} is
 * set.
 *
 * @param dataDir where the cluster lives; kept across restarts
 * @param port fixed port, or 0 for any free one
 * @param clean wipe the directory on start (tests only)
 */
@ConfigurationProperties("imoc.embedded-db")
public record EmbeddedDatabaseProperties(@DefaultValue("./data/postgres") Path dataDir, @DefaultValue("0") int port,
		@DefaultValue("false") boolean clean) {
}
