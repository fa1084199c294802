package com.example.imoc.incident.availability;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Availability per month, in UTC (DOMAIN.md): a service's availability is 1 − impacted
 * minutes / minutes in the month; the platform figure is the mean of the services
 * weighted by their weight (weight 0 stays out); the error budget is (1 − goal) × minutes
 * in the month.
 * <p>
 * Impacted minutes are the union of the service's impact intervals, clipped to the month:
 * where incidents overlap on one service a minute counts once, at the largest fraction
 * any of them had at that moment. An impact still going on runs until {@code now}. Plain
 * Java, no Spring, so it can be checked by hand and by properties.
 */
public final class AvailabilityMaths {

	private AvailabilityMaths() {
	}

	public static long minutesIn(YearMonth month) {
		return month.lengthOfMonth() * 24L * 60L;
	}

	public static Instant startOf(YearMonth month) {
		return month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
	}

	/**
	 * Impacted minutes of one service's impacts within [from, to), overlaps counted once
	 * at the highest fraction.
	 */
	public static double impactedMinutes(List<Impact> impacts, Instant from, Instant to, Instant now) {
		record Edge(Instant at, double fraction, boolean opens) {
		}
		List<Edge> edges = new ArrayList<>();
		for (Impact impact : impacts) {
			Instant start = max(impact.start(), from);
			Instant end = min(impact.end() == null ? now : impact.end(), to);
			if (start.isBefore(end)) {
				edges.add(new Edge(start, impact.fraction(), true));
				edges.add(new Edge(end, impact.fraction(), false));
			}
		}
		edges.sort(Comparator.comparing(Edge::at));
		TreeMap<Double, Integer> open = new TreeMap<>();
		double minutes = 0;
		Instant previous = null;
		for (Edge edge : edges) {
			if (previous != null && !open.isEmpty()) {
				minutes += open.lastKey() * Duration.between(previous, edge.at()).toMillis() / 60_000.0;
			}
			if (edge.opens()) {
				open.merge(edge.fraction(), 1, Integer::sum);
			}
			else {
				open.computeIfPresent(edge.fraction(), (k, count) -> count == 1 ? null : count - 1);
			}
			previous = edge.at();
		}
		return minutes;
	}

	/**
	 * The month's figures for every service in {@code weights} (impacts on services not
	 * listed are ignored).
	 * @param goal the availability goal as a fraction, e.g. 0.9995
	 */
	public static MonthFigures month(YearMonth month, Map<String, Double> weights, List<Impact> impacts, double goal,
			Instant now) {
		Instant from = startOf(month);
		Instant to = startOf(month.plusMonths(1));
		long minutes = minutesIn(month);
		List<MonthFigures.ServiceFigure> services = new ArrayList<>();
		weights.forEach((service, weight) -> {
			double impacted = impactedMinutes(of(service, impacts), from, to, now);
			services.add(new MonthFigures.ServiceFigure(service, weight, impacted, 1 - impacted / minutes));
		});
		double platformImpacted = platformImpactedMinutes(weights, impacts, from, to, now);
		double budget = (1 - goal) * minutes;
		List<Double> burn = new ArrayList<>();
		for (int day = 1; day <= month.lengthOfMonth(); day++) {
			Instant dayStart = from.plus(Duration.ofDays(day - 1));
			if (!dayStart.isBefore(now)) {
				break;
			}
			burn.add(budget - platformImpactedMinutes(weights, impacts, from, from.plus(Duration.ofDays(day)), now));
		}
		return new MonthFigures(month, minutes, services, 1 - platformImpacted / minutes, platformImpacted, budget,
				budget - platformImpacted, burn);
	}

	/**
	 * Σ weight × impacted minutes / Σ weight over the services with weight above 0; 0
	 * when none weighs anything.
	 */
	public static double platformImpactedMinutes(Map<String, Double> weights, List<Impact> impacts, Instant from,
			Instant to, Instant now) {
		double totalWeight = 0;
		double weighted = 0;
		for (Map.Entry<String, Double> service : weights.entrySet()) {
			if (service.getValue() > 0) {
				totalWeight += service.getValue();
				weighted += service.getValue() * impactedMinutes(of(service.getKey(), impacts), from, to, now);
			}
		}
		return totalWeight == 0 ? 0 : weighted / totalWeight;
	}

	private static List<Impact> of(String service, List<Impact> impacts) {
		return impacts.stream().filter(i -> i.service().equals(service)).toList();
	}

	private static Instant max(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private static Instant min(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

}
