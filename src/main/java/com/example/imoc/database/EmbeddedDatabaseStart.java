package com.example.imoc.database;

import java.io.IOException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * Starts the embedded PostgreSQL on a thread of its own as soon as the application
 * context exists (issue 17, item 2), so {@code initdb} and the server's start (about 3 s
 * on a first start, 1 s on a restart) run while Spring creates its beans instead of
 * before Flyway: {@link EmbeddedDatabaseConfiguration}'s bean waits for it with
 * {@link #await()}. Registered in {@code META-INF/spring.factories}, so it runs for
 * {@code main()}, {@code java -jar}, {@code spring-boot:run} and every test context.
 * <p>
 * Nothing starts when an external database is configured ({@link UsesEmbeddedDatabase}).
 * A server that started but was never handed to the context (its refresh failed before)
 * is stopped when the context's beans are destroyed; once handed over, the
 * {@link EmbeddedPostgres} bean owns it and stops it last, as before.
 */
public class EmbeddedDatabaseStart implements DisposableBean {

	static final String BEAN_NAME = "imocEmbeddedDatabaseStart";

	private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseStart.class);

	private final Path dataDir;

	private final CompletableFuture<EmbeddedPostgres> server;

	private volatile boolean handedOver;

	EmbeddedDatabaseStart(EmbeddedDatabaseProperties properties) {
		this.dataDir = properties.dataDir().toAbsolutePath().normalize();
		this.server = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			try {
				this.server.complete(start(this.dataDir, properties));
			}
			catch (Throwable ex) {
				this.server.completeExceptionally(ex);
			}
		}, "embedded-postgres-start");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * The running server, waiting for its start if needed; the context owns it from now
	 * on.
	 * @throws EmbeddedDatabaseStartException if it could not start, with the reason and
	 * what to do
	 */
	EmbeddedPostgres await() {
		try {
			EmbeddedPostgres postgres = this.server.get();
			this.handedOver = true;
			log.info("Database: embedded PostgreSQL on port {} with its data in {}", postgres.getPort(), this.dataDir);
			return postgres;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new EmbeddedDatabaseStartException("Interrupted while the embedded database was starting.",
					"Start the application again.", ex);
		}
		catch (ExecutionException | CompletionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof EmbeddedDatabaseStartException start) {
				throw start;
			}
			throw explain(this.dataDir, cause);
		}
	}

	/**
	 * Stops a server the context never took (its start failed before it needed the
	 * database); waits for a start still under way, so no PostgreSQL outlives the JVM.
	 */
	@Override
	public void destroy() {
		if (this.handedOver) {
			return;
		}
		try {
			EmbeddedPostgres orphan = this.server.join();
			orphan.close();
			log.info("Stopped the embedded PostgreSQL in {}: the application did not start", this.dataDir);
		}
		catch (CompletionException | IOException ex) {
			// It did not start, or is gone already: nothing to stop.
		}
	}

	private static EmbeddedPostgres start(Path dataDir, EmbeddedDatabaseProperties properties) throws IOException {
		prepareDirectory(dataDir);
		try {
			return EmbeddedPostgres.builder()
				.setDataDirectory(dataDir)
				.setCleanDataDirectory(properties.clean())
				.setPort(properties.port())
				.setRegisterShutdownHook(false)
				.setServerConfig("max_connections", "100")
				.start();
		}
		catch (IOException | RuntimeException ex) {
			throw explain(dataDir, ex);
		}
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

	private static EmbeddedDatabaseStartException explain(Path dataDir, Throwable ex) {
		if (ex instanceof EmbeddedDatabaseStartException start) {
			return start;
		}
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

	/**
	 * Runs first among the initializers: the earlier the server starts, the more of its
	 * start hides behind the context's.
	 */
	public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

		@Override
		public void initialize(ConfigurableApplicationContext context) {
			ConfigurableEnvironment environment = context.getEnvironment();
			if (StringUtils.hasText(environment.getProperty("spring.datasource.url"))
					|| !(context.getBeanFactory() instanceof DefaultListableBeanFactory beans)
					|| beans.containsSingleton(BEAN_NAME)) {
				return;
			}
			EmbeddedDatabaseProperties properties = Binder.get(environment)
				.bindOrCreate("imoc.embedded-db", EmbeddedDatabaseProperties.class);
			EmbeddedDatabaseStart start = new EmbeddedDatabaseStart(properties);
			beans.registerSingleton(BEAN_NAME, start);
			// A singleton registered by hand gets no destroy callback unless asked for
			// one.
			beans.registerDisposableBean(BEAN_NAME, start);
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}
