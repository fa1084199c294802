package com.example.imoc.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.imoc.ImocApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Starts the real application on a data directory of our choosing, as
 * {@code ./mvnw spring-boot:run} would.
 */
class EmbeddedDatabaseTests {

	@TempDir
	Path dir;

	private ConfigurableApplicationContext start(Path dataDir) {
		SpringApplication app = new SpringApplicationBuilder(ImocApplication.class).build();
		return app.run("--imoc.embedded-db.data-dir=" + dataDir, "--server.port=0", "--imoc.demo=false",
				"--logging.level.root=WARN", "--spring.quartz.auto-startup=false",
				"--spring.quartz.scheduler-name=imoc-" + UUID.randomUUID());
	}

	@Test
	void aRestartKeepsTheData() {
		Path dataDir = this.dir.resolve("postgres");
		try (ConfigurableApplicationContext first = start(dataDir)) {
			first.getBean(JdbcTemplate.class)
				.update("insert into app_setting (key, value) values ('restart.test', 'still here')");
		}
		assertThat(Files.exists(dataDir.resolve("PG_VERSION"))).isTrue();
		try (ConfigurableApplicationContext second = start(dataDir)) {
			List<String> values = second.getBean(JdbcTemplate.class)
				.queryForList("select value from app_setting where key = 'restart.test'", String.class);
			assertThat(values).containsExactly("still here");
		}
	}

	@Test
	void migrationsApplyOnAnEmptyDatabaseIncludingQuartzTables() {
		try (ConfigurableApplicationContext context = start(this.dir.resolve("fresh"))) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(
					jdbc.queryForObject("select count(*) from flyway_schema_history where not success", Integer.class))
				.isZero();
			assertThat(jdbc.queryForList(
					"select table_name from information_schema.tables where table_name like 'qrtz_%'", String.class))
				.contains("qrtz_job_details", "qrtz_triggers", "qrtz_locks", "qrtz_scheduler_state",
						"qrtz_fired_triggers");
		}
	}

	@Test
	void theEmbeddedPoolGivesUpOnALostDatabaseAsSoonAsAnExternalOne() {
		try (ConfigurableApplicationContext context = start(this.dir.resolve("pool"))) {
			HikariDataSource pool = context.getBean(HikariDataSource.class);
			assertThat(pool.getConnectionTimeout()).isEqualTo(5000);
			assertThat(pool.getValidationTimeout()).isEqualTo(2000);
			assertThat(pool.getMaximumPoolSize()).isEqualTo(20);
		}
	}

	@Test
	void aSecondInstanceOnTheSameDirectoryStopsWithOneClearSentence() {
		Path dataDir = this.dir.resolve("shared");
		try (ConfigurableApplicationContext first = start(dataDir)) {
			assertThatThrownBy(() -> start(dataDir)).satisfies(ex -> {
				Throwable cause = ex;
				while (cause != null && !(cause instanceof EmbeddedDatabaseStartException)) {
					cause = cause.getCause();
				}
				assertThat(cause).isNotNull();
				assertThat(cause.getMessage()).contains("already in use by another running instance");
				assertThat(((EmbeddedDatabaseStartException) cause).action()).contains("imoc.embedded-db.data-dir");
			});
		}
	}

	@Test
	void anUnwritableDirectoryIsExplained() throws Exception {
		Path file = Files.writeString(this.dir.resolve("not-a-directory"), "x");
		assertThatThrownBy(() -> start(file.resolve("postgres"))).satisfies(ex -> {
			Throwable cause = ex;
			while (cause != null && !(cause instanceof EmbeddedDatabaseStartException)) {
				cause = cause.getCause();
			}
			assertThat(cause).isNotNull();
			assertThat(cause.getMessage()).contains("cannot create its data directory");
		});
	}

}
