package com.example.imoc.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.imoc.ImocApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded PostgreSQL starts on its own thread when the context is created (issue 17,
 * item 2): the application still runs on it, and on an external database starts none; a
 * context that fails leaves no server behind.
 */
class EmbeddedDatabaseStartTests {

	@TempDir
	Path dir;

	private static String[] args(Path dataDir, String... more) {
		String[] base = { "--imoc.embedded-db.data-dir=" + dataDir, "--server.port=0", "--imoc.demo=false",
				"--logging.level.root=WARN", "--spring.quartz.auto-startup=false",
				"--spring.quartz.scheduler-name=imoc-" + UUID.randomUUID() };
		String[] all = new String[base.length + more.length];
		System.arraycopy(base, 0, all, 0, base.length);
		System.arraycopy(more, 0, all, base.length, more.length);
		return all;
	}

	@Test
	void theServerStartedAlongsideTheContextIsTheOneTheApplicationUses() {
		Path dataDir = this.dir.resolve("postgres");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ImocApplication.class)
			.run(args(dataDir))) {
			EmbeddedDatabaseStart start = context.getBean(EmbeddedDatabaseStart.class);
			EmbeddedPostgres postgres = context.getBean(EmbeddedPostgres.class);
			assertThat(start.await()).isSameAs(postgres);
			assertThat(context.getBean(EmbeddedDatabaseCheck.class).appUsesEmbedded()).isTrue();
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("select current_setting('data_directory')", String.class))
				.isEqualTo(dataDir.toAbsolutePath().normalize().toString());
			assertThat(
					jdbc.queryForObject("select count(*) from flyway_schema_history where not success", Integer.class))
				.isZero();
		}
		// Closed with the context, last: the server removes its pid file on a clean stop.
		assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();
	}

	@Test
	void anExternalDatabaseStartsNoEmbeddedServer() {
		Path external = this.dir.resolve("external");
		Path unused = this.dir.resolve("unused");
		try (EmbeddedPostgres other = EmbeddedPostgres.builder()
			.setDataDirectory(external)
			.setCleanDataDirectory(true)
			.setRegisterShutdownHook(false)
			.start()) {
			String url = "jdbc:postgresql://localhost:" + other.getPort() + "/postgres";
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ImocApplication.class)
				.run(args(unused, "--spring.datasource.url=" + url, "--spring.datasource.username=postgres"))) {
				assertThat(context.getBeansOfType(EmbeddedDatabaseStart.class)).isEmpty();
				assertThat(context.getBeansOfType(EmbeddedPostgres.class)).isEmpty();
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForObject("select current_setting('port')::int", Integer.class))
					.isEqualTo(other.getPort());
				assertThat(jdbc.queryForObject("select count(*) from rotation", Integer.class)).isPositive();
			}
			assertThat(unused.resolve("PG_VERSION")).doesNotExist();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void aContextThatFailsBeforeNeedingTheDatabaseStopsTheServerItStarted() {
		Path dataDir = this.dir.resolve("orphan");
		assertThatThrownBy(
				() -> new SpringApplicationBuilder(ImocApplication.class, FailsBeforeAnyBean.class).run(args(dataDir)))
			.hasStackTraceContaining("fails before any bean");
		// The start was under way or done when the context failed: it was waited for and
		// stopped.
		assertThat(dataDir.resolve("PG_VERSION")).exists();
		assertThat(dataDir.resolve("postmaster.pid")).doesNotExist();
		// And the directory is free for the next start.
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ImocApplication.class)
			.run(args(dataDir))) {
			assertThat(context.getBean(JdbcTemplate.class).queryForObject("select 1", Integer.class)).isEqualTo(1);
		}
	}

	@Test
	void aStartFailureStillExplainsItselfFromTheBackgroundThread() throws Exception {
		Path file = this.dir.resolve("a-file");
		Files.writeString(file, "not a directory");
		assertThatThrownBy(() -> new SpringApplicationBuilder(ImocApplication.class).run(args(file.resolve("pg"))))
			.hasRootCauseInstanceOf(java.nio.file.FileSystemException.class)
			.satisfies(ex -> assertThat(causeOfType(ex)).isNotNull()
				.satisfies(start -> assertThat(start.getMessage()).contains("cannot create its data directory")));
	}

	private static EmbeddedDatabaseStartException causeOfType(Throwable ex) {
		for (Throwable t = ex; t != null; t = t.getCause()) {
			if (t instanceof EmbeddedDatabaseStartException start) {
				return start;
			}
		}
		return null;
	}

	/**
	 * A source (not scanned: no stereotype) whose post-processor fails the refresh before
	 * any singleton, the database included, is created.
	 */
	static class FailsBeforeAnyBean {

		@Bean
		static BeanFactoryPostProcessor failing() {
			return (beanFactory) -> {
				throw new IllegalStateException("fails before any bean");
			};
		}

	}

}
