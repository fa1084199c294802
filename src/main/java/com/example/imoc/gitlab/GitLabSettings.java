package com.example.imoc.gitlab;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

/**
 * Where GitLab is and the secrets to talk to it. The webhook is on only with a
 * {@code webhookToken} (IMOC_GITLAB_WEBHOOK_TOKEN, the "Secret token" typed into the
 * project's webhook); the import reads {@code url} (IMOC_GITLAB_URL) with the
 * {@code apiToken} (IMOC_GITLAB_API_TOKEN) unless the coordinator types one, from the
 * {@code project} (IMOC_GITLAB_PROJECT) unless another is typed.
 */
@ConfigurationProperties("imoc.gitlab")
record GitLabSettings(String url, String webhookToken, String apiToken, String project, int maxPages,
		Duration timeout) {

	GitLabSettings {
		url = StringUtils.hasText(url) ? url.strip().replaceAll("/+$", "") : "https://gitlab.com";
		maxPages = maxPages > 0 ? maxPages : 50;
		timeout = timeout != null ? timeout : Duration.ofSeconds(20);
	}

	boolean webhookOn() {
		return StringUtils.hasText(this.webhookToken);
	}

}
