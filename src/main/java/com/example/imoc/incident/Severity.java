package com.example.imoc.incident;

/**
 * Severity records the worst impact an incident reached (DOMAIN.md). IMs are paged for S1
 * and S2.
 */
public enum Severity {

	S1("Platform unavailable or badly degraded, data loss, or a major security incident."),
	S2("Impact to a primary service, or degradation for a subset of users."), S3("Broad but minor impact."),
	S4("Minimal impact.");

	private final String description;

	Severity(String description) {
		this.description = description;
	}

	/** The severity in words, as pages show it: {@code Severity 1}. */
	public String label() {
		return "Severity " + name().substring(1);
	}

	public String description() {
		return this.description;
	}

	/**
	 * S1 and S2 page the IMOC, need a review and count towards the 30-minute mitigation
	 * share.
	 */
	public boolean paging() {
		return this == S1 || this == S2;
	}

}
