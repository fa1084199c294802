package com.example.imoc.incident;

import java.time.Instant;

import jakarta.persistence.Embeddable;

/** A time the IM was paged for an incident; it makes their shift at that moment a "paged" one for time in lieu. */
@Embeddable
public class Page {

	private Instant pagedAt;

	private Long personId;

	protected Page() {
	}

	Page(Instant pagedAt, Long personId) {
		this.pagedAt = pagedAt;
		this.personId = personId;
	}

	public Instant getPagedAt() {
		return this.pagedAt;
	}

	public Long getPersonId() {
		return this.personId;
	}

}
