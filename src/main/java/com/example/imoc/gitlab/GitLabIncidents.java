package com.example.imoc.gitlab;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

import com.example.imoc.incident.IncidentForm;
import com.example.imoc.incident.IncidentStatus;
import com.example.imoc.incident.Incidents;
import com.example.imoc.incident.PlatformService;
import com.example.imoc.incident.RootCause;
import com.example.imoc.incident.Severity;

/**
 * Turns a GitLab incident issue into the incident it feeds, through {@link Incidents}
 * like the form does (validation, audit, the IMOC from the schedule at the declared
 * time). The issue's labels say what GitLab knows: {@code severity::1..4},
 * {@code Incident::Active/Mitigated/Resolved} (each with the time it was first applied),
 * {@code Service::<name>} and {@code RootCause::<category>}; the rest of the record
 * (impact start, EOC, summary, pages, …) stays as typed in the app. Applying the same
 * issue state twice changes nothing, and an event older than the last one applied is
 * ignored.
 */
@Service
class GitLabIncidents {

	static final String ACTIVE = "incident::active";

	static final String MITIGATED = "incident::mitigated";

	static final String RESOLVED = "incident::resolved";

	private static final DateTimeFormatter FORM_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private final Incidents incidents;

	private final JdbcClient jdbc;

	GitLabIncidents(Incidents incidents, JdbcClient jdbc) {
		this.incidents = incidents;
		this.jdbc = jdbc;
	}

	public enum Result {

		CREATED, UPDATED, UNCHANGED, STALE, IGNORED

	}

	/**
	 * What became of one issue: the incident it feeds (if any) and the labels that match
	 * nothing here.
	 */
	public record Outcome(long projectId, long iid, Result result, Long incidentId, List<String> unmatched) {
	}

	private record Link(long incidentId, Instant issueUpdatedAt, String unmatched) {
	}

	@Transactional
	Outcome apply(GitLabIssue issue) {
		if (!issue.incident()) {
			return new Outcome(issue.projectId(), issue.iid(), Result.IGNORED, null, List.of());
		}
		// One event per issue at a time: GitLab may deliver two edits of one issue at
		// once.
		this.jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 4242190))")
			.param("gitlab-issue:" + issue.projectId() + ":" + issue.iid())
			.query(Object.class)
			.single();
		Optional<Link> link = this.jdbc.sql(
				"select incident_id, issue_updated_at, unmatched from gitlab_incident_issue where project_id = ? and issue_iid = ?")
			.params(issue.projectId(), issue.iid())
			.query((rs, n) -> new Link(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3)))
			.optional();
		if (link.isPresent() && issue.updatedAt().isBefore(link.get().issueUpdatedAt())) {
			return new Outcome(issue.projectId(), issue.iid(), Result.STALE, link.get().incidentId(),
					List.of(link.get().unmatched().split("\n")).stream().filter(s -> !s.isEmpty()).toList());
		}
		Map<String, Instant> applied = recordLabelTimes(issue);
		List<PlatformService> services = this.incidents.services();
		IncidentForm form = link.isPresent() ? this.incidents.formOf(link.get().incidentId())
				: IncidentForm.blank(services, issue.createdAt());
		String before = signature(form);
		List<String> unmatched = fill(form, issue, applied, services, link.isEmpty());
		Result result;
		long incidentId;
		if (link.isPresent() && before.equals(signature(form))) {
			result = Result.UNCHANGED;
			incidentId = link.get().incidentId();
		}
		else {
			BindingResult errors = new BeanPropertyBindingResult(form, "incident");
			this.incidents.validate(form, errors);
			if (errors.hasErrors()) {
				Map<String, String> fields = new LinkedHashMap<>();
				for (FieldError error : errors.getFieldErrors()) {
					fields.putIfAbsent(error.getField(), error.getDefaultMessage());
				}
				throw new IssueRefused(issue, fields);
			}
			incidentId = link.isPresent() ? this.incidents.update(link.get().incidentId(), form).getId()
					: this.incidents.create(form).getId();
			result = link.isPresent() ? Result.UPDATED : Result.CREATED;
		}
		String unmatchedText = String.join("\n", unmatched);
		if (link.isEmpty()) {
			this.jdbc
				.sql("""
						insert into gitlab_incident_issue (project_id, issue_iid, incident_id, web_url, issue_updated_at, unmatched)
						values (?, ?, ?, ?, ?, ?)""")
				.params(issue.projectId(), issue.iid(), incidentId, issue.webUrl(), Timestamp.from(issue.updatedAt()),
						unmatchedText)
				.update();
		}
		else {
			this.jdbc.sql("""
					update gitlab_incident_issue set web_url = ?, issue_updated_at = ?, unmatched = ?, synced_at = now()
					where project_id = ? and issue_iid = ?
					  and (web_url, issue_updated_at, unmatched) is distinct from (?, ?, ?)""")
				.params(issue.webUrl(), Timestamp.from(issue.updatedAt()), unmatchedText, issue.projectId(),
						issue.iid(), issue.webUrl(), Timestamp.from(issue.updatedAt()), unmatchedText)
				.update();
		}
		return new Outcome(issue.projectId(), issue.iid(), result, incidentId, unmatched);
	}

	/** The incident fed by an issue, if there is one. */
	@Transactional(readOnly = true)
	Optional<Long> incidentOf(long projectId, long iid) {
		return this.jdbc.sql("select incident_id from gitlab_incident_issue where project_id = ? and issue_iid = ?")
			.params(projectId, iid)
			.query(Long.class)
			.optional();
	}

	/**
	 * Stores the first time each lifecycle label was applied and returns them all (by
	 * lower-case label). A label the event added was applied at the event's
	 * {@code updated_at}; one already there when first seen (an import, an issue opened
	 * with it) counts from the issue's creation for Active, its closing for Resolved, and
	 * else its last update, the earliest time known.
	 */
	private Map<String, Instant> recordLabelTimes(GitLabIssue issue) {
		Set<String> added = issue.newlyApplied()
			.stream()
			.map(l -> l.toLowerCase(Locale.ROOT))
			.collect(Collectors.toSet());
		for (String label : issue.labels()) {
			String key = label.toLowerCase(Locale.ROOT);
			if (!key.equals(ACTIVE) && !key.equals(MITIGATED) && !key.equals(RESOLVED)) {
				continue;
			}
			Instant at;
			if (added.contains(key)) {
				at = issue.updatedAt();
			}
			else if (key.equals(ACTIVE)) {
				at = issue.createdAt();
			}
			else if (key.equals(RESOLVED) && issue.closedAt() != null) {
				at = issue.closedAt();
			}
			else {
				at = issue.updatedAt();
			}
			this.jdbc
				.sql("""
						insert into gitlab_incident_label (project_id, issue_iid, label, first_applied_at) values (?, ?, ?, ?)
						on conflict do nothing""")
				.params(issue.projectId(), issue.iid(), key, Timestamp.from(at))
				.update();
		}
		Map<String, Instant> times = new LinkedHashMap<>();
		this.jdbc
			.sql("select label, first_applied_at from gitlab_incident_label where project_id = ? and issue_iid = ?")
			.params(issue.projectId(), issue.iid())
			.query((rs, n) -> times.put(rs.getString(1), rs.getTimestamp(2).toInstant()))
			.list();
		return times;
	}

	/**
	 * Writes what the issue says into the form; returns the labels that match nothing
	 * here, in words.
	 */
	private static List<String> fill(IncidentForm form, GitLabIssue issue, Map<String, Instant> applied,
			List<PlatformService> services, boolean isNew) {
		List<String> unmatched = new ArrayList<>();
		String title = issue.title().strip();
		form.setTitle(title.length() > 200 ? title.substring(0, 199) + "…" : title);
		form.setDeclaredAt(FORM_TIME.format(issue.createdAt()));

		Severity severity = null;
		Set<String> serviceNames = new TreeSet<>();
		RootCause rootCause = null;
		Set<String> present = new TreeSet<>();
		for (String label : issue.labels()) {
			String lower = label.toLowerCase(Locale.ROOT);
			present.add(lower);
			String value = label.substring(label.indexOf("::") + 2).strip();
			if (lower.startsWith("severity::")) {
				Severity named = severity(value);
				if (named == null) {
					unmatched.add("\"" + label + "\" is not a severity (severity::1 to severity::4)");
				}
				else if (severity == null || named.compareTo(severity) < 0) {
					severity = named;
				}
			}
			else if (lower.startsWith("service::")) {
				String name = value.toLowerCase(Locale.ROOT);
				if (services.stream().anyMatch(s -> s.getName().equals(name))) {
					serviceNames.add(name);
				}
				else {
					unmatched.add("\"" + label + "\" names no service here (the services are "
							+ services.stream().map(PlatformService::getName).collect(Collectors.joining(", ")) + ")");
				}
			}
			else if (lower.startsWith("rootcause::")) {
				Optional<RootCause> cause = RootCause.parse(value);
				if (cause.isPresent()) {
					rootCause = cause.get();
				}
				else {
					unmatched.add("\"" + label + "\" is not a root cause this app knows");
				}
			}
		}
		if (severity == null) {
			// Said the same way on every event, so a replay finds nothing changed.
			severity = isNew ? nativeSeverity(issue.nativeSeverity()) : form.getSeverity();
			unmatched.add("no severity::1-4 label: the severity comes from GitLab's own severity field when the "
					+ "incident is first recorded, and stays as recorded after that");
		}
		form.setSeverity(severity);
		if (rootCause != null) {
			form.setRootCause(rootCause);
		}

		Instant resolved = present.contains(RESOLVED) ? applied.get(RESOLVED)
				: issue.closed() ? (issue.closedAt() != null ? issue.closedAt() : issue.updatedAt()) : null;
		Instant mitigated = present.contains(MITIGATED) || resolved != null ? applied.get(MITIGATED) : null;
		if (resolved != null) {
			mitigated = mitigated == null || mitigated.isAfter(resolved) ? resolved : mitigated;
			form.setStatus(IncidentStatus.RESOLVED);
		}
		else {
			form.setStatus(mitigated != null ? IncidentStatus.MITIGATED : IncidentStatus.ACTIVE);
			form.setReviewCompleted(false);
		}
		form.setMitigatedAt(mitigated == null ? "" : FORM_TIME.format(mitigated));
		form.setResolvedAt(resolved == null ? "" : FORM_TIME.format(resolved));

		List<IncidentForm.ServiceRow> rows = new ArrayList<>();
		for (IncidentForm.ServiceRow row : form.getServices()) {
			boolean hit = serviceNames.contains(row.getName());
			String impact = row.getImpact() == null ? "" : row.getImpact();
			rows.add(new IncidentForm.ServiceRow(row.getName(), !hit ? "" : impact.isBlank() ? "1" : impact));
		}
		form.setServices(rows);

		String links = form.getLinks() == null ? "" : form.getLinks();
		if (!links.lines().map(String::strip).toList().contains(issue.webUrl())) {
			form.setLinks(links.isBlank() ? issue.webUrl() : issue.webUrl() + "\n" + links);
		}
		return unmatched;
	}

	/** "1".."4" as S1..S4. */
	private static Severity severity(String value) {
		return switch (value) {
			case "1" -> Severity.S1;
			case "2" -> Severity.S2;
			case "3" -> Severity.S3;
			case "4" -> Severity.S4;
			default -> null;
		};
	}

	/**
	 * GitLab's own incident severity field (critical, high, medium, low, unknown), used
	 * only when no label says; unknown counts as the mildest.
	 */
	private static Severity nativeSeverity(String value) {
		return switch (value == null ? "" : value.toLowerCase(Locale.ROOT)) {
			case "critical" -> Severity.S1;
			case "high" -> Severity.S2;
			case "medium" -> Severity.S3;
			default -> Severity.S4;
		};
	}

	/** Every field of the form, to tell whether an event changed anything. */
	private static String signature(IncidentForm f) {
		return String.join("|", f.getTitle(), String.valueOf(f.getSeverity()), String.valueOf(f.getStatus()),
				String.valueOf(f.isReviewCompleted()), f.getImpactStartedAt(), f.getDeclaredAt(), f.getMitigatedAt(),
				f.getResolvedAt(),
				f.getServices().stream().map(s -> s.getName() + "=" + s.getImpact()).collect(Collectors.joining(",")),
				String.valueOf(f.getRootCause()), String.valueOf(f.isDetectedInternally()), f.getEocName(),
				String.valueOf(f.getImocPersonId()), f.getLinks(), f.getSummary(), f.getCorrectiveActions(),
				f.getPages());
	}

	/** The incident module refused what the issue says; the fields say why. */
	static final class IssueRefused extends RuntimeException {

		private final Map<String, String> fields;

		IssueRefused(GitLabIssue issue, Map<String, String> fields) {
			super("Issue #" + issue.iid() + " of project " + issue.projectId()
					+ " could not be recorded as an incident: " + String.join(" ", fields.values()));
			this.fields = Map.copyOf(fields);
		}

		Map<String, String> fields() {
			return this.fields;
		}

	}

}
