package com.example.imoc.gitlab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The project's "Issue events" webhook. GitLab sends the secret token typed into the
 * webhook as {@code X-Gitlab-Token}; it is compared in constant time with
 * IMOC_GITLAB_WEBHOOK_TOKEN, and without that setting the endpoint does not exist (404).
 * Answers are JSON; a refusal is a 4xx with {@code {"error", "fields"}}. Audit lines name
 * the GitLab user who made the change.
 */
@RestController
class GitLabWebhookController {

	static final String PATH = "/integrations/gitlab/webhook";

	/** GitLab's issue events are a few kilobytes; a megabyte is ample. */
	static final int MAX_BODY_BYTES = 1024 * 1024;

	private static final Logger log = LoggerFactory.getLogger(GitLabWebhookController.class);

	private final GitLabSettings settings;

	private final GitLabIncidents incidents;

	private final JsonMapper json = JsonMapper.builder().build();

	GitLabWebhookController(GitLabSettings settings, GitLabIncidents incidents) {
		this.settings = settings;
		this.incidents = incidents;
	}

	@PostMapping(PATH)
	ResponseEntity<Map<String, Object>> receive(HttpServletRequest request,
			@RequestHeader(name = "X-Gitlab-Token", required = false) String token,
			@RequestHeader(name = "X-Gitlab-Event", required = false) String event) throws IOException {
		if (!this.settings.webhookOn()) {
			return error(HttpStatus.NOT_FOUND, "The GitLab webhook is not configured here.", Map.of());
		}
		if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
				this.settings.webhookToken().getBytes(StandardCharsets.UTF_8))) {
			log.warn("GitLab webhook call refused: {} X-Gitlab-Token", token == null ? "no" : "a wrong");
			return error(HttpStatus.UNAUTHORIZED,
					"The X-Gitlab-Token header does not match the secret token configured for this webhook.", Map.of());
		}
		byte[] body;
		try (InputStream in = request.getInputStream()) {
			body = in.readNBytes(MAX_BODY_BYTES + 1);
		}
		if (body.length > MAX_BODY_BYTES) {
			return error(HttpStatus.CONTENT_TOO_LARGE, "The event is larger than GitLab's issue events can be.",
					Map.of());
		}
		if (event != null && !event.endsWith("Issue Hook")) {
			return ResponseEntity.ok(Map.of("outcome", "IGNORED", "reason", "only issue events are taken"));
		}
		JsonNode root;
		try {
			root = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			return error(HttpStatus.BAD_REQUEST, "The body is not JSON.", Map.of());
		}
		if (root == null || !root.isObject() || !"issue".equals(root.path("object_kind").asString(""))) {
			return error(HttpStatus.BAD_REQUEST, "The body is not a GitLab issue event.",
					Map.of("object_kind", "Expected \"issue\"."));
		}
		GitLabIssue issue;
		try {
			issue = GitLabIssue.fromWebhook(root);
		}
		catch (GitLabIssue.BadIssue ex) {
			return error(HttpStatus.BAD_REQUEST, ex.getMessage(), Map.of(ex.field(), ex.getMessage()));
		}
		String user = root.path("user").path("username").asString("");
		SecurityContext previous = SecurityContextHolder.getContext();
		SecurityContext asGitLab = SecurityContextHolder.createEmptyContext();
		asGitLab.setAuthentication(UsernamePasswordAuthenticationToken
			.authenticated("gitlab" + (user.isBlank() || user.length() > 100 ? "" : ":" + user), null, List.of()));
		SecurityContextHolder.setContext(asGitLab);
		try {
			GitLabIncidents.Outcome outcome = this.incidents.apply(issue);
			Map<String, Object> answer = new LinkedHashMap<>();
			answer.put("outcome", outcome.result().name());
			answer.put("incidentId", outcome.incidentId());
			answer.put("unmatched", outcome.unmatched());
			return ResponseEntity.ok(answer);
		}
		catch (GitLabIncidents.IssueRefused ex) {
			return error(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage(), ex.fields());
		}
		finally {
			SecurityContextHolder.setContext(previous);
		}
	}

	private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message,
			Map<String, String> fields) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", message);
		body.put("fields", fields);
		return ResponseEntity.status(status).body(body);
	}

}
