package com.example.imoc.pagerduty;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Fetches a schedule, its overrides for the coming year and its people's emails from
 * PagerDuty's REST API ({@code Authorization: Token token=…}), as the JSON the upload
 * takes: the schedule's {@code users} carry the emails read from {@code GET /users/{id}}.
 */
@Component
class PagerDutyClient {

	private static final int MAX_ANSWER_BYTES = PagerDutyImport.MAX_JSON_CHARS;

	private final PagerDutySettings settings;

	private final Clock clock;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	PagerDutyClient(PagerDutySettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
		this.http = HttpClient.newBuilder()
			.connectTimeout(settings.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** The schedule's JSON (with emails) and its overrides' JSON. */
	record Fetched(String schedule, String overrides) {
	}

	Fetched fetch(String scheduleId, String token) {
		String id = URLEncoder.encode(scheduleId, StandardCharsets.UTF_8);
		ObjectNode schedule = (ObjectNode) get("/schedules/" + id, token, false);
		Instant now = this.clock.instant();
		JsonNode overrides = get(
				"/schedules/" + id + "/overrides?since=" + now + "&until=" + now.plus(Duration.ofDays(365)), token,
				false);
		JsonNode body = schedule.path("schedule");
		if (!body.isObject()) {
			throw new ImportPlan.Unreadable("scheduleId", "PagerDuty's answer holds no schedule.");
		}
		Set<String> userIds = new LinkedHashSet<>();
		body.path("schedule_layers").forEach(layer -> layer.path("users").forEach(entry -> {
			JsonNode user = entry.has("user") ? entry.path("user") : entry;
			if (user.path("id").isString()) {
				userIds.add(user.path("id").asString());
			}
		}));
		overrides.path("overrides").forEach(o -> {
			if (o.path("user").path("id").isString()) {
				userIds.add(o.path("user").path("id").asString());
			}
		});
		if (userIds.size() > ImportPlan.MAX_USERS) {
			throw new ImportPlan.Unreadable("scheduleId", "The schedule has more people than an import takes.");
		}
		ArrayNode users = ((ObjectNode) body).putArray("users");
		for (String userId : userIds) {
			// A user deleted in PagerDuty (404) has no email: reported as unmatched in
			// the preview.
			JsonNode answer = get("/users/" + URLEncoder.encode(userId, StandardCharsets.UTF_8), token, true);
			JsonNode user = answer == null ? null : answer.path("user");
			if (user != null && user.isObject()) {
				users.addObject()
					.put("id", userId)
					.put("type", "user")
					.put("name", user.path("name").asString(""))
					.put("email", user.path("email").asString(""));
			}
		}
		return new Fetched(this.json.writerWithDefaultPrettyPrinter().writeValueAsString(schedule),
				this.json.writerWithDefaultPrettyPrinter().writeValueAsString(overrides));
	}

	private JsonNode get(String path, String token, boolean missingIsNull) {
		HttpResponse<InputStream> response;
		try {
			response = this.http.send(HttpRequest.newBuilder(URI.create(this.settings.url() + path))
				.timeout(this.settings.timeout())
				.header("Authorization", "Token token=" + token)
				.header("Accept", "application/json")
				.GET()
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (IOException ex) {
			throw new ImportPlan.Unreadable("scheduleId", "PagerDuty could not be reached.");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ImportPlan.Unreadable("scheduleId", "The fetch was interrupted.");
		}
		byte[] body;
		try (InputStream in = response.body()) {
			body = in.readNBytes(MAX_ANSWER_BYTES + 1);
		}
		catch (IOException ex) {
			throw new ImportPlan.Unreadable("scheduleId", "PagerDuty's answer was cut off.");
		}
		if (response.statusCode() == 401 || response.statusCode() == 403) {
			throw new ImportPlan.Unreadable("token",
					"PagerDuty refused the token (" + response.statusCode() + "): use a read-only API key.");
		}
		if (response.statusCode() == 404 && missingIsNull) {
			return null;
		}
		if (response.statusCode() == 404) {
			throw new ImportPlan.Unreadable("scheduleId", "PagerDuty has no schedule with this id.");
		}
		if (response.statusCode() != 200 || body.length > MAX_ANSWER_BYTES) {
			throw new ImportPlan.Unreadable("scheduleId",
					"PagerDuty answered " + response.statusCode() + " instead of the schedule.");
		}
		try {
			JsonNode node = this.json.readTree(body);
			if (node == null || !node.isObject()) {
				throw new ImportPlan.Unreadable("scheduleId", "PagerDuty's answer is not a JSON object.");
			}
			return node;
		}
		catch (JacksonException ex) {
			throw new ImportPlan.Unreadable("scheduleId", "PagerDuty's answer is not JSON.");
		}
	}

}
