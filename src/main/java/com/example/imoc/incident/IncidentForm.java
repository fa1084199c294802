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
public class IncidentForm extends IncidentDetails {

	private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private String impactStartedAt = "";

	private String declaredAt = "";

	private String mitigatedAt = "";

	private String resolvedAt = "";

	private List<ServiceRow> services = new ArrayList<>();

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
		form.copyDetailsFrom(incident);
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
