package com.example.imoc.audit;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/**
 * One line of the audit log: who did what to which thing, and what changed.
 */
@Entity
public class AuditEntry {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	private Instant at;

	private String actor;

	private String action;

	private String subjectType;

	private Long subjectId;

	private String details;

	protected AuditEntry() {
	}

	AuditEntry(Instant at, String actor, String action, String subjectType, Long subjectId, String details) {
		this.at = at;
		this.actor = actor;
		this.action = action;
		this.subjectType = subjectType;
		this.subjectId = subjectId;
		this.details = details;
	}

	public Long getId() {
		return this.id;
	}

	public Instant getAt() {
		return this.at;
	}

	public String getActor() {
		return this.actor;
	}

	public String getAction() {
		return this.action;
	}

	public String getSubjectType() {
		return this.subjectType;
	}

	public Long getSubjectId() {
		return this.subjectId;
	}

	public String getDetails() {
		return this.details;
	}

}
