package com.example.imoc.gitlab;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;

/**
 * The one-off import: every incident issue of a project updated in a date range, read
 * page by page through GitLab's REST API ({@code GET /projects/:id/issues}, the token in
 * {@code PRIVATE-TOKEN}) and applied one issue at a time like a webhook event, so running
 * it twice changes nothing and one refused issue does not stop the rest.
 */
@Service
class GitLabImport {

	/** One page of GitLab's answer; 100 issues are far below this. */
	static final int MAX_PAGE_BYTES = 5 * 1024 * 1024;

	private static final Logger log = LoggerFactory.getLogger(GitLabImport.class);

	private final GitLabSettings settings;

	private final GitLabIncidents incidents;

	private final HttpClient http;

	private final JsonMapper json = JsonMapper.builder().build();

	GitLabImport(GitLabSettings settings, GitLabIncidents incidents) {
		this.settings = settings;
		this.incidents = incidents;
		this.http = HttpClient.newBuilder()
			.connectTimeout(settings.timeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** What the coordinator asks for: a project (id or path) and a range of updates. */
	record Request(String project, Instant updatedAfter, Instant updatedBefore, String token) {
	}

	/**
	 * Per issue, what happened; {@code refused} holds the issues the incident module
	 * refused, with the reason.
	 */
	public record Report(int pages, List<GitLabIncidents.Outcome> outcomes, List<String> refused) {

		public long count(GitLabIncidents.Result result) {
			return this.outcomes.stream().filter(o -> o.result() == result).count();
		}

		public long created() {
			return count(GitLabIncidents.Result.CREATED);
		}

		public long updated() {
			return count(GitLabIncidents.Result.UPDATED);
		}

		/** Issues whose incident already said what GitLab says (or a newer version). */
		public long unchanged() {
			return count(GitLabIncidents.Result.UNCHANGED) + count(GitLabIncidents.Result.STALE);
		}

	}

	/**
	 * GitLab could not be asked, or said no; {@code field} is the form field to blame.
	 */
	static final class ImportFailed extends RuntimeException {

		private final String field;

		private final boolean upstream;

		ImportFailed(String field, String message, boolean upstream) {
			super(message);
			this.field = field;
			this.upstream = upstream;
		}

		String field() {
			return this.field;
		}

		/** GitLab is unreachable or broken, rather than refusing what was asked. */
		boolean upstream() {
			return this.upstream;
		}

	}

	Report run(Request request) {
		String token = request.token() != null && !request.token().isBlank() ? request.token().strip()
				: this.settings.apiToken();
		if (token == null || token.isBlank()) {
			throw new ImportFailed("token",
					"Enter a GitLab access token with read_api scope (or set IMOC_GITLAB_API_TOKEN).", false);
		}
		String base = this.settings.url() + "/api/v4/projects/"
				+ URLEncoder.encode(request.project().strip(), StandardCharsets.UTF_8)
				+ "/issues?issue_type=incident&scope=all&order_by=updated_at&sort=asc&per_page=100" + "&updated_after="
				+ request.updatedAfter() + "&updated_before=" + request.updatedBefore();
		List<GitLabIncidents.Outcome> outcomes = new ArrayList<>();
		List<String> refused = new ArrayList<>();
		int page = 1;
		int pages = 0;
		while (page > 0) {
			if (pages == this.settings.maxPages()) {
				throw new ImportFailed("from", "GitLab has more than " + this.settings.maxPages()
						+ " pages of incidents in this range; import a shorter range at a time.", false);
			}
			Page answer = fetch(URI.create(base + "&page=" + page), token, request.project().strip());
			pages++;
			for (JsonNode issue : answer.issues()) {
				try {
					outcomes.add(this.incidents.apply(GitLabIssue.fromApi(issue)));
				}
				catch (GitLabIssue.BadIssue ex) {
					refused.add("An issue on page " + page + ": " + ex.getMessage());
				}
				catch (GitLabIncidents.IssueRefused ex) {
					refused.add(ex.getMessage());
				}
			}
			page = answer.next();
		}
		log.info("GitLab import of project {}: {} pages, {} issues applied, {} refused", request.project(), pages,
				outcomes.size(), refused.size());
		return new Report(pages, outcomes, refused);
	}

	private record Page(List<JsonNode> issues, int next) {
	}

	private Page fetch(URI uri, String token, String project) {
		HttpResponse<InputStream> response;
		try {
			response = this.http.send(HttpRequest.newBuilder(uri)
				.timeout(this.settings.timeout())
				.header("PRIVATE-TOKEN", token)
				.header("Accept", "application/json")
				.GET()
				.build(), HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (IOException ex) {
			throw new ImportFailed("project", "GitLab at " + this.settings.url() + " could not be reached.", true);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ImportFailed("project", "The import was interrupted.", true);
		}
		byte[] body;
		try (InputStream in = response.body()) {
			body = in.readNBytes(MAX_PAGE_BYTES + 1);
		}
		catch (IOException ex) {
			throw new ImportFailed("project", "GitLab's answer was cut off.", true);
		}
		int status = response.statusCode();
		if (status == 401 || status == 403) {
			throw new ImportFailed("token",
					"GitLab refused the token (" + status + "): it needs the read_api scope and access to the project.",
					false);
		}
		if (status == 404) {
			throw new ImportFailed("project", "GitLab knows no project \"" + project + "\" that this token can see.",
					false);
		}
		if (status != 200) {
			throw new ImportFailed("project", "GitLab answered " + status + " instead of the issue list.", true);
		}
		if (body.length > MAX_PAGE_BYTES) {
			throw new ImportFailed("project", "A page of GitLab's answer is larger than expected.", true);
		}
		JsonNode root;
		try {
			root = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new ImportFailed("project", "GitLab's answer is not JSON.", true);
		}
		if (root == null || !root.isArray()) {
			throw new ImportFailed("project", "GitLab's answer is not a list of issues.", true);
		}
		List<JsonNode> issues = new ArrayList<>();
		root.forEach(issues::add);
		String next = response.headers().firstValue("X-Next-Page").orElse("").strip();
		int nextPage;
		try {
			nextPage = next.isEmpty() ? 0 : Integer.parseInt(next);
		}
		catch (NumberFormatException ex) {
			nextPage = 0;
		}
		return new Page(issues, nextPage);
	}

	static Map<String, Object> json(Report report) {
		return Map.of("pages", report.pages(), "created", report.count(GitLabIncidents.Result.CREATED), "updated",
				report.count(GitLabIncidents.Result.UPDATED), "unchanged",
				report.count(GitLabIncidents.Result.UNCHANGED) + report.count(GitLabIncidents.Result.STALE), "ignored",
				report.count(GitLabIncidents.Result.IGNORED), "refused", report.refused(), "issues",
				report.outcomes()
					.stream()
					.filter(o -> o.result() != GitLabIncidents.Result.IGNORED)
					.map(o -> Map.of("iid", o.iid(), "outcome", o.result().name(), "incidentId", o.incidentId(),
							"unmatched", o.unmatched()))
					.toList());
	}

}
