package com.example.imoc.incident.availability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A month's incident metrics (DOMAIN.md targets: mitigate within 30 minutes, over 80 % of S1/S2 mitigated within
 * that, over 80 % detected internally).
 * <p>
 * Incidents not mitigated or resolved yet have no time to mitigate: they are left out of MTTR and of the
 * within-target share until they have one. A share is {@code null} when there is nothing to divide by.
 */
public record IncidentMetrics(Map<String, Long> countBySeverity, int count, Double mttrMinutes,
		Double pagingMitigatedWithinTarget, Double detectedInternally) {

	public static IncidentMetrics of(List<IncidentFacts> incidents, Duration mitigationTarget) {
		Map<String, Long> bySeverity = new TreeMap<>(Map.of("S1", 0L, "S2", 0L, "S3", 0L, "S4", 0L));
		incidents.forEach(i -> bySeverity.merge(i.severity(), 1L, Long::sum));
		List<Duration> times = incidents.stream().map(IncidentFacts::timeToMitigate).filter(Objects::nonNull).toList();
		Double mttr = times.isEmpty() ? null
				: times.stream().mapToDouble(d -> d.toMillis() / 60_000.0).average().orElseThrow();
		List<Duration> paging = incidents.stream()
			.filter(IncidentFacts::paging)
			.map(IncidentFacts::timeToMitigate)
			.filter(Objects::nonNull)
			.toList();
		Double within = paging.isEmpty() ? null
				: (double) paging.stream().filter(d -> d.compareTo(mitigationTarget) <= 0).count() / paging.size();
		Double internal = incidents.isEmpty() ? null
				: (double) incidents.stream().filter(IncidentFacts::detectedInternally).count() / incidents.size();
		return new IncidentMetrics(bySeverity, incidents.size(), mttr, within, internal);
	}

}
