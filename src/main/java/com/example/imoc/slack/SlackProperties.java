package com.example.imoc.slack;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Slack app's settings ({@code imoc.slack.*}, environment {@code IMOC_SLACK_*}).
 *
 * @param botToken the app's bot token ({@code xoxb-…}); with the signing secret it turns
 * the app on
 * @param signingSecret the app's signing secret: every request from Slack is checked
 * against it
 * @param userGroupId the user group ({@code S…}) kept equal to whoever is on call; empty:
 * none
 * @param userGroupHandle the group's handle as people type it (e.g. {@code imoc-oncall}),
 * shown in messages
 * @param channels each rotation's channel id ({@code C…}) by rotation name: handoffs,
 * coverage gaps and open covers are posted there
 * @param apiUrl the Slack Web API's base URL (tests point it at a local server)
 * @param requestMaxAge how old a request's timestamp may be (Slack: 5 minutes)
 * @param lookupTtl how long a person's Slack user (or its absence) is cached
 * @param maxRetries attempts of one Web API call (5xx, network errors, 429)
 * @param longestRetryAfter the longest 429 Retry-After waited for inside one call; a
 * longer one fails the call, which the outbox retries after that time
 * @param gapsAhead how far ahead coverage gaps are posted to the rotation's channel
 * @param runJobs whether the Slack jobs run by themselves (tests drive them by hand)
 */
@ConfigurationProperties("imoc.slack")
record SlackProperties(String botToken, String signingSecret, @DefaultValue("") String userGroupId,
		@DefaultValue("imoc-oncall") String userGroupHandle, Map<String, String> channels,
		@DefaultValue("https://slack.com/api/") String apiUrl, @DefaultValue("5m") Duration requestMaxAge,
		@DefaultValue("1d") Duration lookupTtl, @DefaultValue("3") int maxRetries,
		@DefaultValue("10s") Duration longestRetryAfter, @DefaultValue("14d") Duration gapsAhead,
		@DefaultValue("true") boolean runJobs) {

	SlackProperties {
		channels = channels == null ? Map.of() : Map.copyOf(channels);
	}

	/**
	 * The channel of a rotation, keyed by its id or its name (in any case: environment
	 * variables arrive lower-cased, {@code IMOC_SLACK_CHANNELS_IMOC=C0123}); null when it
	 * has none.
	 */
	String channelOf(long rotationId, String rotationName) {
		return this.channels.entrySet()
			.stream()
			.filter(e -> e.getKey().equalsIgnoreCase(rotationName) || e.getKey().equals(String.valueOf(rotationId)))
			.map(Map.Entry::getValue)
			.filter(channel -> !channel.isBlank())
			.findFirst()
			.orElse(null);
	}

}
