package com.example.imoc.demo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import com.example.imoc.ImocApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Demo people land only on an empty embedded database. Real application contexts: one on
 * its embedded database with a bootstrap coordinator (not empty, so no demo although demo
 * mode is on), and, against that database as an external one, every way the settings
 * could ask for a demo there: {@code imoc.demo} true, unset or false with
 * {@code spring.datasource.url}, and {@code imoc.demo=true} with no URL but the embedded
 * pool pointed at the other server ({@code spring.datasource.hikari.jdbc-url}). None
 * seeds, and none even shows the demo banner.
 */
class DemoSeedingRefusedTests {

	@TempDir
	Path dir;

	@Test
	void demoPeopleAreSeededOnlyOnAnEmptyEmbeddedDatabaseWhateverTheSettings() {
		try (ConfigurableApplicationContext own = start("own", "--imoc.embedded-db.data-dir=" + this.dir.resolve("own"),
				"--imoc.demo=true", "--imoc.admin.email=first@example.com",
				"--imoc.admin.password=plum violin harbour")) {
			JdbcTemplate db = own.getBean(JdbcTemplate.class);
			assertThat(own.getBean(DemoMode.class).isOn()).as("embedded: demo mode on").isTrue();
			assertThat(people(db)).as("not empty (the bootstrap coordinator): no demo people")
				.containsExactly("first@example.com");

			String external = "jdbc:postgresql://localhost:" + own.getBean(EmbeddedPostgres.class).getPort()
					+ "/postgres";
			List<String[]> combinations = new ArrayList<>();
			combinations.add(new String[] { "--spring.datasource.url=" + external, "--imoc.demo=true" });
			combinations.add(new String[] { "--spring.datasource.url=" + external });
			combinations.add(new String[] { "--spring.datasource.url=" + external, "--imoc.demo=false" });
			combinations.add(new String[] { "--imoc.embedded-db.data-dir=" + this.dir.resolve("decoy"),
					"--spring.datasource.hikari.jdbc-url=" + external, "--imoc.demo=true" });
			for (String[] settings : combinations) {
				String[] all = new String[settings.length + 1];
				System.arraycopy(settings, 0, all, 0, settings.length);
				all[settings.length] = "--spring.datasource.username=postgres";
				try (ConfigurableApplicationContext node = start("node", all)) {
					assertThat(port(node.getBean(DataSource.class)))
						.as("%s really runs on the other database", String.join(" ", settings))
						.isEqualTo(own.getBean(EmbeddedPostgres.class).getPort());
					assertThat(node.getBean(DemoMode.class).isOn()).as(String.join(" ", settings)).isFalse();
				}
				assertThat(people(db)).as(String.join(" ", settings)).containsExactly("first@example.com");
			}
		}
	}

	private static List<String> people(JdbcTemplate db) {
		return db.queryForList("select email from person order by id", String.class);
	}

	private static int port(DataSource dataSource) {
		return new JdbcTemplate(dataSource).queryForObject("select current_setting('port')::int", Integer.class);
	}

	private static ConfigurableApplicationContext start(String name, String... settings) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--imoc.schedule.extend-on-startup=false",
				"--spring.quartz.auto-startup=false", "--imoc.notify.run-jobs=false",
				"--spring.quartz.scheduler-name=imoc-demo-" + name + "-" + UUID.randomUUID(),
				"--logging.level.root=WARN"));
		args.addAll(List.of(settings));
		return new SpringApplicationBuilder(ImocApplication.class).run(args.toArray(String[]::new));
	}

}
