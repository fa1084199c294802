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

	/** How an incident stands against "time to mitigate under {@code target}". */
	public enum MitigationOutcome {

		/** Mitigated (or resolved) strictly under the target. */
		MET,
		/**
		 * Mitigated at or after the target, or still open although the target has passed.
		 */
		MISSED,
		/** Still open, and the target has not passed yet: it may still be met. */
		NOT_YET_KNOWN

	}

	/**
	 * Against the target "under {@code target}" (strictly: exactly the target is a miss),
	 * as known at {@code now}. An incident still open when the target has passed since
	 * its impact start can no longer meet it, so it is a miss at once, without waiting
	 * for its mitigation time; one still open under the target is not known yet.
	 */
	public MitigationOutcome mitigationOutcome(Duration target, Instant now) {
		Duration taken = timeToMitigate();
		if (taken != null) {
			return taken.compareTo(target) < 0 ? MitigationOutcome.MET : MitigationOutcome.MISSED;
		}
		Instant start = this.impactStartedAt != null ? this.impactStartedAt : this.declaredAt;
		return Duration.between(start, now).compareTo(target) >= 0 ? MitigationOutcome.MISSED
				: MitigationOutcome.NOT_YET_KNOWN;
	}

	/**
	 * Impact start (else declared at) to mitigated at (else resolved at); {@code null}
	 * while neither is known.
	 */
	public Duration timeToMitigate() {
		Instant start = this.impactStartedAt != null ? this.impactStartedAt : this.declaredAt;
		Instant end = this.mitigatedAt != null ? this.mitigatedAt : this.resolvedAt;
		return end == null ? null : Duration.between(start, end);
	}

}
