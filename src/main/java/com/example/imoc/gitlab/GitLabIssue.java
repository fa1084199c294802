package com.example.imoc.gitlab;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * One GitLab issue as this app needs it, read from a webhook's "Issue Hook" body or from
 * the REST API's issue list (the two spell labels and links differently).
 * {@code newlyApplied} holds the labels the event added (from {@code changes.labels}),
 * which were applied at {@code updatedAt}.
 */
record GitLabIssue(long projectId, long iid, String title, boolean incident, boolean closed, List<String> labels,
		Set<String> newlyApplied, Instant createdAt, Instant updatedAt, Instant closedAt, String webUrl,
		String nativeSeverity) {

	static final int MAX_LABELS = 200;

	private static final DateTimeFormatter OLD_STYLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

	/** An Issue Hook body, as GitLab documents it. */
	static GitLabIssue fromWebhook(JsonNode body) {
		JsonNode issue = body.path("object_attributes");
		if (!issue.isObject()) {
			throw new BadIssue("object_attributes", "An issue event carries the issue in \"object_attributes\".");
		}
		long project = number(issue, "project_id");
		if (project <= 0) {
			project = number(body.path("project"), "id");
		}
		List<String> labels = labels(issue.has("labels") ? issue.path("labels") : body.path("labels"));
		Set<String> added = new LinkedHashSet<>();
		JsonNode change = body.path("changes").path("labels");
		if (change.isObject()) {
			added.addAll(labels(change.path("current")));
			added.removeAll(labels(change.path("previous")));
		}
		String type = text(issue, "type");
		String issueType = text(issue, "issue_type");
		return issue(project, number(issue, "iid"), text(issue, "title"),
				"incident".equalsIgnoreCase(type) || "incident".equalsIgnoreCase(issueType),
				"closed".equalsIgnoreCase(text(issue, "state")), labels, added, time(issue, "created_at"),
				time(issue, "updated_at"), time(issue, "closed_at"), text(issue, "url"), text(issue, "severity"));
	}

	/** An element of {@code GET /projects/:id/issues}. */
	static GitLabIssue fromApi(JsonNode issue) {
		if (!issue.isObject()) {
			throw new BadIssue("issue", "GitLab's issue list holds objects.");
		}
		String type = text(issue, "type");
		String issueType = text(issue, "issue_type");
		return issue(number(issue, "project_id"), number(issue, "iid"), text(issue, "title"),
				"incident".equalsIgnoreCase(type) || "incident".equalsIgnoreCase(issueType),
				"closed".equalsIgnoreCase(text(issue, "state")), labels(issue.path("labels")), Set.of(),
				time(issue, "created_at"), time(issue, "updated_at"), time(issue, "closed_at"), text(issue, "web_url"),
				text(issue, "severity"));
	}

	private static GitLabIssue issue(long project, long iid, String title, boolean incident, boolean closed,
			List<String> labels, Set<String> added, Instant created, Instant updated, Instant closedAt, String url,
			String severity) {
		if (project <= 0) {
			throw new BadIssue("project_id", "The issue's project id is missing.");
		}
		if (iid <= 0) {
			throw new BadIssue("iid", "The issue's number (iid) is missing.");
		}
		if (created == null) {
			throw new BadIssue("created_at", "The issue's created_at is missing.");
		}
		if (url == null || url.length() > 2000 || !(url.startsWith("https://") || url.startsWith("http://"))) {
			throw new BadIssue("url", "The issue's web URL is missing or not an http(s) link.");
		}
		return new GitLabIssue(project, iid, title == null ? "" : title, incident, closed, labels, Set.copyOf(added),
				created, updated == null ? created : updated, closedAt, url, severity);
	}

	/** Labels as strings (the REST API) or objects with a title (the webhook). */
	private static List<String> labels(JsonNode node) {
		List<String> labels = new ArrayList<>();
		if (!node.isArray()) {
			return labels;
		}
		if (node.size() > MAX_LABELS) {
			throw new BadIssue("labels", "An issue with more than " + MAX_LABELS + " labels is not taken.");
		}
		for (JsonNode label : node) {
			String title = label.isString() ? label.asString() : text(label, "title");
			if (title != null && !title.isBlank() && title.length() <= 255) {
				labels.add(title.strip());
			}
		}
		return labels;
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isString() ? value.asString() : null;
	}

	private static long number(JsonNode node, String field) {
		JsonNode value = node.path(field);
		return value.isIntegralNumber() && value.canConvertToLong() ? value.longValue() : -1;
	}

	/**
	 * GitLab writes {@code 2026-11-03T14:05:12Z}, {@code 2026-11-03T14:05:12.123+01:00}
	 * or, in older hooks, {@code 2026-11-03 14:05:12 UTC}.
	 */
	static Instant time(JsonNode node, String field) {
		String text = text(node, field);
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return OffsetDateTime.parse(text.strip()).toInstant();
		}
		catch (DateTimeException notIso) {
			try {
				String trimmed = text.strip();
				if (trimmed.endsWith(" UTC")) {
					return LocalDateTime.parse(trimmed.substring(0, trimmed.length() - 4), OLD_STYLE)
						.toInstant(ZoneOffset.UTC);
				}
			}
			catch (DateTimeException notOldStyle) {
				// reported below
			}
			throw new BadIssue(field, "\"" + field + "\" is not a time GitLab writes: " + abbreviate(text) + ".");
		}
	}

	private static String abbreviate(String text) {
		return text.length() > 40 ? text.substring(0, 40) + "…" : text;
	}

	/** The body does not describe an issue in a way this app can read. */
	static final class BadIssue extends RuntimeException {

		private final String field;

		BadIssue(String field, String message) {
			super(message);
			this.field = field;
		}

		String field() {
			return this.field;
		}

	}

}
