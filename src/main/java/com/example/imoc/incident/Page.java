package com.example.imoc.incident;

import java.time.Instant;

import jakarta.persistence.Embeddable;

/**
 * A further time the IMOC was paged for an incident, beyond the page an S1 or S2 sends at
 * its declaration. Who was paged is not stored: it is whoever held the IMOC rotation's
 * primary shift at that instant, read from the schedule.
 */
@Embeddable
public class Page {

	private Instant pagedAt;

	protected Page() {
	}

	Page(Instant pagedAt) {
		this.pagedAt = pagedAt;
	}

	public Instant getPagedAt() {
		return this.pagedAt;
	}

}
