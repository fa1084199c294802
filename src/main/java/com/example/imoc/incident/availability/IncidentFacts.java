package com.example.imoc.incident.availability;

import java.time.Duration;
import java.time.Instant;

/**
 * What the monthly incident metrics need to know about one incident.
 *
 * @param paging S1 or S2: the IMOC is paged and the 30-minute target applies
 */
public record IncidentFacts(String severity, boolean paging, Instant impactStartedAt, Instant declaredAt,
		Instant mitigatedAt, Instant resolvedAt, boolean detectedInternally) {

	/** Impact start (else declared at) to mitigated at (else resolved at); {@code null} while neither is known. */
	public Duration timeToMitigate() {
		Instant start = this.impactStartedAt != null ? this.impactStartedAt : this.declaredAt;
		Instant end = this.mitigatedAt != null ? this.mitigatedAt : this.resolvedAt;
		return end == null ? null : Duration.between(start, end);
	}

}
