package com.example.imoc;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compose file has no default admin credentials: compose refuses to start unless
 * IMOC_ADMIN_EMAIL and IMOC_ADMIN_PASSWORD are set ({@code ${VAR:?message}}), and it
 * never asks for demo data (external database).
 */
class ComposeFileTests {

	@Test
	@SuppressWarnings("unchecked")
	void composeRefusesToStartWithoutAnAdminPasswordAndOffersNoDemo() throws IOException {
		Map<String, Object> compose;
		try (Reader reader = Files.newBufferedReader(Path.of("docker-compose.yml"))) {
			compose = new Yaml().load(reader);
		}
		Map<String, Object> services = (Map<String, Object>) compose.get("services");
		for (String app : new String[] { "app1", "app2" }) {
			Map<String, Object> environment = (Map<String, Object>) ((Map<String, Object>) services.get(app))
				.get("environment");
			assertThat(String.valueOf(environment.get("IMOC_ADMIN_PASSWORD"))).as(app)
				.matches("\\$\\{IMOC_ADMIN_PASSWORD:\\?[^}]+\\}");
			assertThat(String.valueOf(environment.get("IMOC_ADMIN_EMAIL"))).as(app)
				.matches("\\$\\{IMOC_ADMIN_EMAIL:\\?[^}]+\\}");
			assertThat(environment).as(app).doesNotContainKey("IMOC_DEMO");
		}
		assertThat(Files.readString(Path.of("docker-compose.yml"))).doesNotContain("change-me-now");
	}

}
