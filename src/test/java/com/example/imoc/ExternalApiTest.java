package com.example.imoc;

import java.time.Instant;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application with its outside APIs (GitLab, PagerDuty) pointed at one
 * {@link LocalApi}, the GitLab webhook switched on, and a clock the tests move. Test
 * classes extending it share one context.
 */
@IntegrationTest
@Import(ExternalApiTest.Clocked.class)
public abstract class ExternalApiTest {

	public static final String GITLAB_WEBHOOK_TOKEN = "gitlab-webhook-secret-7f3a9c";

	protected static final LocalApi API = LocalApi.start();

	@DynamicPropertySource
	static void outsideApis(DynamicPropertyRegistry registry) {
		registry.add("imoc.gitlab.url", API::url);
		registry.add("imoc.gitlab.webhook-token", () -> GITLAB_WEBHOOK_TOKEN);
		registry.add("imoc.pagerduty.url", API::url);
	}

	@TestConfiguration
	static class Clocked {

		@Bean
		@Primary
		MutableClock mutableClock() {
			return new MutableClock(Instant.parse("2026-11-03T14:00:00Z"));
		}

	}

}
