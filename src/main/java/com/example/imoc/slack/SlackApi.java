package com.example.imoc.slack;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The Slack Web API calls the app makes, through Slack's Java SDK. Each call is retried
 * up to {@code imoc.slack.max-retries} times on a network error or a 5xx answer, and on
 * 429 after the {@code Retry-After} Slack asks for (up to
 * {@code imoc.slack.longest-retry-after}; longer, the call fails with
 * {@link SlackUnavailable#retryAfter()} so the caller's outbox tries again after that).
 * An answer with {@code "ok": false} fails with Slack's error code.
 */
@Component
@SlackEnabled
class SlackApi {

	private static final Logger log = LoggerFactory.getLogger(SlackApi.class);

	/** The metadata event type every message the app posts carries, to recognise it. */
	static final String EVENT_TYPE = "imoc_message";

	private final MethodsClient methods;

	private final SlackProperties properties;

	SlackApi(SlackProperties properties) {
		SlackConfig config = new SlackConfig();
		config.setMethodsEndpointUrlPrefix(
				properties.apiUrl().endsWith("/") ? properties.apiUrl() : properties.apiUrl() + "/");
		config.setPrettyResponseLoggingEnabled(false);
		// No auth.test calls for the SDK's own metrics.
		config.setStatsEnabled(false);
		this.methods = Slack.getInstance(config).methods(properties.botToken());
		this.properties = properties;
	}

	/**
	 * A Web API call that failed; {@code retryAfter} is Slack's wait when it said 429.
	 */
	static class SlackUnavailable extends RuntimeException {

		private final Duration retryAfter;

		SlackUnavailable(String message, Duration retryAfter, Throwable cause) {
			super(message, cause);
			this.retryAfter = retryAfter;
		}

		Optional<Duration> retryAfter() {
			return Optional.ofNullable(this.retryAfter);
		}

	}

	/** A message as posted: its channel (a DM's channel for a user id) and timestamp. */
	record Posted(String channel, String ts) {
	}

	/**
	 * Posts a message to a channel or (to a user id) as a direct message, tagged with
	 * {@code key} in its metadata so a repeat is recognisable.
	 */
	Posted post(String channel, String text, String blocks, String key) {
		Message.Metadata metadata = Message.Metadata.builder()
			.eventType(EVENT_TYPE)
			.eventPayload(Map.of("key", key))
			.build();
		ChatPostMessageResponse response = call("chat.postMessage", () -> this.methods.chatPostMessage(
				r -> r.channel(channel).text(text).blocksAsString(blocks).metadata(metadata).unfurlLinks(false)));
		return new Posted(response.getChannel(), response.getTs());
	}

	/**
	 * Replaces a message the app posted (a DM or a channel post whose buttons were
	 * answered).
	 */
	void update(String channel, String ts, String text, String blocks) {
		call("chat.update",
				() -> this.methods.chatUpdate(r -> r.channel(channel).ts(ts).text(text).blocksAsString(blocks)));
	}

	/** The Slack user with this email, if there is one. */
	Optional<String> userByEmail(String email) {
		try {
			return Optional
				.of(call("users.lookupByEmail", () -> this.methods.usersLookupByEmail(r -> r.email(email))).getUser()
					.getId());
		}
		catch (SlackUnavailable ex) {
			if ("users_not_found".equals(ex.getMessage())) {
				return Optional.empty();
			}
			throw ex;
		}
	}

	/** The email of a Slack user (needs the {@code users:read.email} scope). */
	Optional<String> emailOf(String userId) {
		var user = call("users.info", () -> this.methods.usersInfo(r -> r.user(userId))).getUser();
		return Optional.ofNullable(user == null || user.getProfile() == null ? null : user.getProfile().getEmail());
	}

	/** Makes the user group's members exactly these users. */
	void setUserGroupMembers(String userGroupId, List<String> userIds) {
		call("usergroups.users.update",
				() -> this.methods.usergroupsUsersUpdate(r -> r.usergroup(userGroupId).users(userIds)));
	}

	@FunctionalInterface
	private interface Call<T> {

		T run() throws IOException, SlackApiException;

	}

	private <T extends SlackApiTextResponse> T call(String method, Call<T> call) {
		SlackUnavailable last = null;
		for (int attempt = 1; attempt <= Math.max(1, this.properties.maxRetries()); attempt++) {
			try {
				T response = call.run();
				if (!response.isOk()) {
					throw new SlackUnavailable(response.getError(), null, null);
				}
				return response;
			}
			catch (SlackApiException ex) {
				int status = ex.getResponse().code();
				if (status == 429) {
					Duration wait = retryAfter(ex);
					last = new SlackUnavailable(method + " rate limited (429), retry after " + wait, wait, ex);
					if (wait.compareTo(this.properties.longestRetryAfter()) > 0) {
						throw last;
					}
					sleep(wait);
				}
				else if (status >= 500) {
					last = new SlackUnavailable(method + " failed with HTTP " + status, null, ex);
					sleep(Duration.ofMillis(200L * attempt));
				}
				else {
					throw new SlackUnavailable(method + " refused with HTTP " + status, null, ex);
				}
			}
			catch (IOException ex) {
				last = new SlackUnavailable(method + " failed: " + ex.getMessage(), null, ex);
				sleep(Duration.ofMillis(200L * attempt));
			}
			log.debug("Slack {} attempt {} failed: {}", method, attempt, last.getMessage());
		}
		throw last;
	}

	private static Duration retryAfter(SlackApiException ex) {
		String header = ex.getResponse().header("Retry-After");
		try {
			return Duration.ofSeconds(header == null ? 1 : Math.max(0, Long.parseLong(header.trim())));
		}
		catch (NumberFormatException notSeconds) {
			return Duration.ofSeconds(1);
		}
	}

	private static void sleep(Duration wait) {
		try {
			Thread.sleep(wait.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new SlackUnavailable("interrupted while waiting to retry", null, ex);
		}
	}

}
