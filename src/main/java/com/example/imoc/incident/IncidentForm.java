package com.example.imoc.incident;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the IM types on the incident form (and what the API sends), kept as typed so a
 * rejected form comes back unchanged. Times are UTC, as {@code 2026-11-03T14:05} (what a
 * datetime-local input sends) or an ISO instant. Checked by {@link Incidents#validate}.
 */
public class IncidentForm {

	private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private String title = "";

	private Severity severity;

	private IncidentStatus status = IncidentStatus.ACTIVE;

	private boolean reviewCompleted;

	private String impactStartedAt = "";

	private String declaredAt = "";

	private String mitigatedAt = "";

	private String resolvedAt = "";

	private List<ServiceRow> services = new ArrayList<>();

	private RootCause rootCause = RootCause.INDETERMINATE;

	private boolean detectedInternally = true;

	private String eocName = "";

	/** {@code null}: take the IMOC from the schedule at "declared at". */
	private Long imocPersonId;

	private String links = "";

	private String summary = "";

	private String correctiveActions = "";

	/** One UTC time per line. */
	private String pages = "";

	private long version;

	/**
	 * One row per service on the form; an empty impact means the service was not
	 * affected.
	 */
	public static class ServiceRow {

		private String name;

		private String impact = "";

		public ServiceRow() {
		}

		public ServiceRow(String name, String impact) {
			this.name = name;
			this.impact = impact;
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public String getImpact() {
			return this.impact;
		}

		public void setImpact(String impact) {
			this.impact = impact;
		}

	}

	/** An empty form with a row per service, declared now. */
	public static IncidentForm blank(List<PlatformService> services, Instant now) {
		IncidentForm form = new IncidentForm();
		form.declaredAt = format(now);
		form.services = services.stream().map(s -> new ServiceRow(s.getName(), "")).toList();
		return form;
	}

	static IncidentForm of(Incident incident, List<PlatformService> services) {
		IncidentForm form = new IncidentForm();
		form.title = incident.getTitle();
		form.severity = incident.getSeverity();
		form.status = incident.getStatus();
		form.reviewCompleted = incident.isReviewCompleted();
		form.impactStartedAt = format(incident.getImpactStartedAt());
		form.declaredAt = format(incident.getDeclaredAt());
		form.mitigatedAt = format(incident.getMitigatedAt());
		form.resolvedAt = format(incident.getResolvedAt());
		Map<String, String> impacts = incident.getImpacts()
			.stream()
			.collect(Collectors.toMap(i -> i.getService().getName(),
					i -> i.getImpact().stripTrailingZeros().toPlainString()));
		form.services = services.stream()
			.map(s -> new ServiceRow(s.getName(), impacts.getOrDefault(s.getName(), "")))
			.toList();
		form.rootCause = incident.getRootCause();
		form.detectedInternally = incident.isDetectedInternally();
		form.eocName = incident.getEocName();
		form.imocPersonId = incident.getImocPersonId();
		form.links = incident.getLinks();
		form.summary = incident.getSummary();
		form.correctiveActions = incident.getCorrectiveActions();
		form.pages = incident.getPages().stream().map(p -> format(p.getPagedAt())).collect(Collectors.joining("\n"));
		form.version = incident.getVersion();
		return form;
	}

	static String format(Instant instant) {
		return instant == null ? "" : INPUT.format(instant);
	}

	/**
	 * A time as typed: empty is {@code null}; {@code 2026-11-03T14:05},
	 * {@code 2026-11-03 14:05} (UTC) and ISO instants with an offset are accepted.
	 */
	static Instant parseTime(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String trimmed = text.trim().replace(' ', 'T');
		try {
			return OffsetDateTime.parse(trimmed).toInstant();
		}
		catch (DateTimeParseException notAnInstant) {
			return LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC);
		}
	}

	List<String> pageLines() {
		return Arrays.stream(this.pages == null ? new String[0] : this.pages.split("[\\r\\n,]+"))
			.map(String::trim)
			.filter(s -> !s.isEmpty())
			.toList();
	}

	public String getTitle() {
		return this.title;
	}

	public void setTitle(String title) {
		this.title = title;
	}

	public Severity getSeverity() {
		return this.severity;
	}

	public void setSeverity(Severity severity) {
		this.severity = severity;
	}

	public IncidentStatus getStatus() {
		return this.status;
	}

	public void setStatus(IncidentStatus status) {
		this.status = status;
	}

	public boolean isReviewCompleted() {
		return this.reviewCompleted;
	}

	public void setReviewCompleted(boolean reviewCompleted) {
		this.reviewCompleted = reviewCompleted;
	}

	public String getImpactStartedAt() {
		return this.impactStartedAt;
	}

	public void setImpactStartedAt(String impactStartedAt) {
		this.impactStartedAt = impactStartedAt;
	}

	public String getDeclaredAt() {
		return this.declaredAt;
	}

	public void setDeclaredAt(String declaredAt) {
		this.declaredAt = declaredAt;
	}

	public String getMitigatedAt() {
		return this.mitigatedAt;
	}

	public void setMitigatedAt(String mitigatedAt) {
		this.mitigatedAt = mitigatedAt;
	}

	public String getResolvedAt() {
		return this.resolvedAt;
	}

	public void setResolvedAt(String resolvedAt) {
		this.resolvedAt = resolvedAt;
	}

	public List<ServiceRow> getServices() {
		return this.services;
	}

	public void setServices(List<ServiceRow> services) {
		this.services = services;
	}

	public RootCause getRootCause() {
		return this.rootCause;
	}

	public void setRootCause(RootCause rootCause) {
		this.rootCause = rootCause;
	}

	public boolean isDetectedInternally() {
		return this.detectedInternally;
	}

	public void setDetectedInternally(boolean detectedInternally) {
		this.detectedInternally = detectedInternally;
	}

	public String getEocName() {
		return this.eocName;
	}

	public void setEocName(String eocName) {
		this.eocName = eocName;
	}

	public Long getImocPersonId() {
		return this.imocPersonId;
	}

	public void setImocPersonId(Long imocPersonId) {
		this.imocPersonId = imocPersonId;
	}

	public String getLinks() {
		return this.links;
	}

	public void setLinks(String links) {
		this.links = links;
	}

	public String getSummary() {
		return this.summary;
	}

	public void setSummary(String summary) {
		this.summary = summary;
	}

	public String getCorrectiveActions() {
		return this.correctiveActions;
	}

	public void setCorrectiveActions(String correctiveActions) {
		this.correctiveActions = correctiveActions;
	}

	public String getPages() {
		return this.pages;
	}

	public void setPages(String pages) {
		this.pages = pages;
	}

	public long getVersion() {
		return this.version;
	}

	public void setVersion(long version) {
		this.version = version;
	}

}
