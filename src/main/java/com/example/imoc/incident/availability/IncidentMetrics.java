package com.example.imoc.incident.availability;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A month's incident metrics (DOMAIN.md targets: mitigate within 30 minutes, over 80 % of
 * S1/S2 mitigated within that, over 80 % detected internally).
 * <p>
 * Incidents not mitigated or resolved yet have no time to mitigate: they are left out of
 * MTTR until they have one. The within-target share is strict ("under 30 minutes":
 * exactly 30:00 is a miss) and judged at {@code now}: an S1/S2 still open once the target
 * has passed since its impact start is a miss already; one open for less than that is
 * left out, as it may still be met. A share is {@code null} when there is nothing to
 * divide by.
 */
public record IncidentMetrics(Map<String, Long> countBySeverity, int count, Double mttrMinutes,
		Double pagingMitigatedWithinTarget, Double detectedInternally) {

	public static IncidentMetrics of(List<IncidentFacts> incidents, Duration mitigationTarget, Instant now) {
		Map<String, Long> bySeverity = new TreeMap<>(Map.of("S1", 0L, "S2", 0L, "S3", 0L, "S4", 0L));
		incidents.forEach(i -> bySeverity.merge(i.severity(), 1L, Long::sum));
		List<Duration> times = incidents.stream().map(IncidentFacts::timeToMitigate).filter(Objects::nonNull).toList();
		Double mttr = times.isEmpty() ? null
				: times.stream().mapToDouble(d -> d.toMillis() / 60_000.0).average().orElseThrow();
		List<IncidentFacts.MitigationOutcome> paging = incidents.stream()
			.filter(IncidentFacts::paging)
			.map(i -> i.mitigationOutcome(mitigationTarget, now))
			.filter(outcome -> outcome != IncidentFacts.MitigationOutcome.NOT_YET_KNOWN)
			.toList();
		Double within = paging.isEmpty() ? null
				: (double) paging.stream().filter(o -> o == IncidentFacts.MitigationOutcome.MET).count()
						/ paging.size();
		Double internal = incidents.isEmpty() ? null
				: (double) incidents.stream().filter(IncidentFacts::detectedInternally).count() / incidents.size();
		return new IncidentMetrics(bySeverity, incidents.size(), mttr, within, internal);
	}

}
