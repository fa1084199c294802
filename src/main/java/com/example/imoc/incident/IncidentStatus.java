package com.example.imoc.incident;

/**
 * Active → Mitigated → Resolved (then "review completed", a separate flag, for S1/S2).
 */
public enum IncidentStatus {

	ACTIVE("Active"), MITIGATED("Mitigated"), RESOLVED("Resolved");

	private final String label;

	IncidentStatus(String label) {
		this.label = label;
	}

	public String label() {
		return this.label;
	}

}
