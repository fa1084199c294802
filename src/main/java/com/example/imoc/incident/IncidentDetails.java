package com.example.imoc.incident;

import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.MappedSuperclass;

/**
 * What the IM records about an incident apart from its times, services and pages (title,
 * severity, status, review, root cause, detection, EOC, IMOC, links, summary and
 * corrective actions), declared once for both the stored {@link Incident} and the
 * {@link IncidentForm} that edits it: the fields and the one copy between them
 * ({@link #copyDetailsFrom}). Times are instants on the incident and text as typed on the
 * form, so each declares its own.
 */
@MappedSuperclass
public abstract class IncidentDetails {

	private String title = "";

	@Enumerated(EnumType.STRING)
	private Severity severity;

	@Enumerated(EnumType.STRING)
	private IncidentStatus status = IncidentStatus.ACTIVE;

	private boolean reviewCompleted;

	@Enumerated(EnumType.STRING)
	private RootCause rootCause = RootCause.INDETERMINATE;

	private boolean detectedInternally = true;

	private String eocName = "";

	/** On the form, {@code null}: take the IMOC from the schedule at "declared at". */
	private Long imocPersonId;

	private String links = "";

	private String summary = "";

	private String correctiveActions = "";

	/**
	 * Takes every detail of {@code other} (the form onto the incident, or back), text
	 * trimmed.
	 */
	void copyDetailsFrom(IncidentDetails other) {
		this.title = trim(other.title);
		this.severity = other.severity;
		this.status = other.status;
		this.reviewCompleted = other.reviewCompleted;
		this.rootCause = other.rootCause;
		this.detectedInternally = other.detectedInternally;
		this.eocName = trim(other.eocName);
		this.imocPersonId = other.imocPersonId;
		this.links = trim(other.links);
		this.summary = trim(other.summary);
		this.correctiveActions = trim(other.correctiveActions);
	}

	private static String trim(String text) {
		return text == null ? "" : text.trim();
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

}
