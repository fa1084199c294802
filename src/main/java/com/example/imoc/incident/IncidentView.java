package com.example.imoc.incident;

import java.time.Instant;
import java.util.List;

/**
 * An incident as pages and the API show it, with the names of the people it refers to.
 *
 * @param timeToMitigateMinutes impact start (else declared) to mitigated (else resolved);
 * {@code null} while open
 */
public record IncidentView(long id, String title, Severity severity, IncidentStatus status, boolean reviewCompleted,
		Instant impactStartedAt, Instant declaredAt, Instant mitigatedAt, Instant resolvedAt, List<Affected> services,
		RootCause rootCause, boolean detectedInternally, String eoc, PersonRef imoc, String links, String summary,
		String correctiveActions, List<PageView> pages, Double timeToMitigateMinutes, long version) {

	public record Affected(String name, double impact) {

		public boolean outage() {
			return this.impact >= 1.0;
		}

	}

	public record PersonRef(long id, String name, String email) {
	}

	public record PageView(Instant at, PersonRef person) {
	}

}
