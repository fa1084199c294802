package com.example.imoc.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Test suite speed: every context of the {@code test} profile gets a fresh embedded
 * PostgreSQL cluster as before, but copied from a template made by {@code initdb} once
 * per JVM instead of running {@code initdb} again (it fsyncs every file it writes:
 * seconds per context on this machine, about 0.2 s for the copy). The copy is exactly
 * what {@code initdb} would have written, so Flyway, the demo and every test see the same
 * fresh database as before.
 * <p>
 * Applies only where {@code imoc.test.cluster-template=true} (application-test.yml), no
 * external database is configured, and the data directory is to be fresh: wiped on start
 * ({@code imoc.embedded-db.clean=true}, the test profile's default) or holding no cluster
 * yet. A restart on an existing cluster is left alone. Tests that start the app without
 * the test profile (EmbeddedDatabaseTests, EmbeddedDatabaseStartTests) keep the real
 * first start with {@code initdb}.
 * <p>
 * A copy made for a {@code clean} request is deleted when its context closes, after its
 * server stopped ({@link ClusterCopyCleanup}), as zonky deletes a clean directory; copies
 * left by a JVM that died are deleted by the next JVM that makes one.
 */
public class ClusterTemplate implements EnvironmentPostProcessor, Ordered {

	static final String ENABLED = "imoc.test.cluster-template";

	static final String DELETE_ON_CLOSE = "imoc.test.cluster-copy-to-delete";

	private static final Path ROOT = Path.of("target", "test-db").toAbsolutePath();

	private static final String PID_PREFIX = "jvm-" + ProcessHandle.current().pid();

	private static final Object LOCK = new Object();

	private static Path template;

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty(ENABLED, Boolean.class, false)
				|| StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
			return;
		}
		boolean clean = environment.getProperty("imoc.embedded-db.clean", Boolean.class, false);
		String configured = environment.getProperty("imoc.embedded-db.data-dir");
		if (!StringUtils.hasText(configured)) {
			return;
		}
		Path dataDir = Path.of(configured).toAbsolutePath().normalize();
		if (!clean && Files.exists(dataDir.resolve("postgresql.conf"))) {
			return;
		}
		if (clean && dataDir.startsWith(ROOT)) {
			// A directory of its own per JVM, so a later JVM can tell the leftovers of a
			// dead one.
			dataDir = ROOT.resolve(PID_PREFIX).resolve(dataDir.getFileName());
		}
		copyTemplateTo(dataDir, clean);
		Map<String, Object> fixed = new LinkedHashMap<>();
		fixed.put("imoc.embedded-db.data-dir", dataDir.toString());
		fixed.put("imoc.embedded-db.clean", "false");
		if (clean) {
			fixed.put(DELETE_ON_CLOSE, dataDir.toString());
		}
		environment.getPropertySources().addFirst(new MapPropertySource("imocTestClusterCopy", fixed));
	}

	@Override
	public int getOrder() {
		// After the config files and the random values are in the environment.
		return Ordered.LOWEST_PRECEDENCE;
	}

	private static void copyTemplateTo(Path dataDir, boolean wipe) {
		Path source = template();
		try {
			if (wipe) {
				delete(dataDir);
			}
			Files.createDirectories(dataDir);
			Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
			Files.walkFileTree(source, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
					Path target = dataDir.resolve(source.relativize(dir).toString());
					if (!Files.exists(target)) {
						Files.copy(dir, target, StandardCopyOption.COPY_ATTRIBUTES);
					}
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
					Files.copy(file, dataDir.resolve(source.relativize(file).toString()),
							StandardCopyOption.COPY_ATTRIBUTES);
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not copy the template cluster to " + dataDir, ex);
		}
	}

	/**
	 * The cluster {@code initdb} made for this JVM, started and stopped once by zonky
	 * exactly as a context would.
	 */
	private static Path template() {
		synchronized (LOCK) {
			if (template == null) {
				deleteLeftoversOfDeadJvms();
				Path dir = ROOT.resolve(PID_PREFIX).resolve("template-" + UUID.randomUUID());
				try {
					Files.createDirectories(dir.getParent());
					EmbeddedPostgres.builder()
						.setDataDirectory(dir)
						.setCleanDataDirectory(false)
						.setRegisterShutdownHook(false)
						.start()
						.close();
					Files.deleteIfExists(dir.resolve("epg-lock"));
				}
				catch (IOException ex) {
					throw new UncheckedIOException("Could not make the template cluster in " + dir, ex);
				}
				template = dir;
			}
			return template;
		}
	}

	private static void deleteLeftoversOfDeadJvms() {
		if (!Files.isDirectory(ROOT)) {
			return;
		}
		try (Stream<Path> children = Files.list(ROOT)) {
			children.filter((child) -> !isOfLiveJvm(child)).forEach(ClusterTemplate::delete);
		}
		catch (IOException ex) {
			// Leftovers only cost disk space.
		}
	}

	private static boolean isOfLiveJvm(Path child) {
		String name = child.getFileName().toString();
		if (!name.startsWith("jvm-")) {
			// A directory another kind of start left (a real initdb, a test's own): not
			// ours to judge.
			return true;
		}
		try {
			long pid = Long.parseLong(name.substring(4));
			return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
		}
		catch (NumberFormatException ex) {
			return true;
		}
	}

	static void delete(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> files = Files.walk(dir)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ex) {
					// Best effort: what is left is deleted by a later run.
				}
			});
		}
		catch (IOException | UncheckedIOException ex) {
			// Best effort, as above.
		}
	}

}
