package com.example.imoc.simulation;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.example.imoc.people.WorkCalendar;
import com.example.imoc.rotation.Rotation;
import com.example.imoc.schedule.planning.FairnessFigures;
import com.example.imoc.schedule.planning.FairnessLoad;

/**
 * The fairness figures of a run, over the people active the whole period (in the rotation
 * and live from the first day to the last): their hours, weekend and holiday hours,
 * blocks and preferred-slot share, and how evenly the weighted hours are spread
 * ({@link FairnessFigures}: Gini, balance, equity, max/mean, outliers).
 */
record YearFigures(List<PersonYear> people, FairnessFigures weighted, FairnessFigures hours,
		FairnessFigures weekendHours, double preferredShare, double gapHours, double totalHours,
		Map<String, Double> slotHours) {

	/**
	 * One person's year. {@code blocks} counts the (block, slot) pairs they held any part
	 * of.
	 */
	record PersonYear(SimPerson person, double hours, double weekendHours, double holidayHours, int blocks,
			double preferredHours, double requestHours, double requestPreferredHours, double requestWeekendHours,
			double requestHolidayHours) {

		/**
		 * The weighted hours of the rows the scheduler assigned (the daily extend and its
		 * repairs), leaving out the hours people's swaps and covers gave this person.
		 */
		double schedulerWeighted() {
			return FairnessLoad.weightedHours(this.hours - this.requestHours,
					this.weekendHours - this.requestWeekendHours, this.holidayHours - this.requestHolidayHours);
		}

		/**
		 * The load the fairness figures compare: weekend and holiday hours weighed as the
		 * assigner and the reports weigh them ({@link FairnessLoad}).
		 */
		double weighted() {
			return FairnessLoad.weightedHours(this.hours, this.weekendHours, this.holidayHours);
		}

	}

	/**
	 * @param calendars each person's {@link WorkCalendar}: the application's one
	 * definition of weekend and holiday hours
	 */
	static YearFigures of(ScheduleSimulation simulation, List<ShiftRow> rows, Instant end,
			Map<Long, WorkCalendar> calendars) {
		Instant start = simulation.start();
		Rotation rotation = simulation.rotation();
		Map<Long, double[]> totals = new TreeMap<>();
		Map<Long, Set<String>> blocks = new TreeMap<>();
		Map<String, Double> slotHours = new TreeMap<>();
		double gapHours = 0;
		double totalHours = 0;
		for (ShiftRow row : rows) {
			if (!row.primary() || row.start().isBefore(start) || !row.start().isBefore(end)) {
				continue;
			}
			totalHours += row.hours();
			if (row.gap()) {
				gapHours += row.hours();
				continue;
			}
			SimPerson person = simulation.people().get(row.assignee());
			if (person == null || !person.steady) {
				continue;
			}
			slotHours.merge(row.slot(), row.hours(), Double::sum);
			double[] sum = totals.computeIfAbsent(person.id, k -> new double[8]);
			Cause cause = simulation.lastCause().get(row.id());
			boolean requested = cause != null && cause.kind().source() == Cause.Kind.Source.REQUEST;
			if (requested) {
				sum[4] += row.hours();
			}
			sum[0] += row.hours();
			WorkCalendar.Hours off = calendars.getOrDefault(person.id, WorkCalendar.of(person.zone, Set.of()))
				.hours(row.start(), row.end());
			sum[1] += off.weekendHours();
			sum[2] += off.holidayHours();
			if (requested) {
				sum[6] += off.weekendHours();
				sum[7] += off.holidayHours();
			}
			if (person.preferredAt(row.start()).contains(row.slot())) {
				sum[3] += row.hours();
				if (requested) {
					sum[5] += row.hours();
				}
			}
			long block = Math.floorDiv(ChronoUnit.DAYS.between(rotation.anchor(), row.date()), rotation.blockDays());
			blocks.computeIfAbsent(person.id, k -> new HashSet<>()).add(block + " " + row.slot());
		}
		List<PersonYear> people = new ArrayList<>();
		for (SimPerson person : simulation.people().values()) {
			if (person.steady) {
				double[] sum = totals.getOrDefault(person.id, new double[8]);
				people.add(new PersonYear(person, sum[0], sum[1], sum[2],
						blocks.getOrDefault(person.id, Set.of()).size(), sum[3], sum[4], sum[5], sum[6], sum[7]));
			}
		}
		double hours = people.stream().mapToDouble(PersonYear::hours).sum();
		double preferred = people.stream().mapToDouble(PersonYear::preferredHours).sum();
		return new YearFigures(List.copyOf(people),
				FairnessFigures.of(people.stream().mapToDouble(PersonYear::weighted).toArray()),
				FairnessFigures.of(people.stream().mapToDouble(PersonYear::hours).toArray()),
				FairnessFigures.of(people.stream().mapToDouble(PersonYear::weekendHours).toArray()),
				hours == 0 ? 0 : preferred / hours, gapHours, totalHours, slotHours);
	}

	/**
	 * The share of hours in preferred slots over the rows the scheduler assigned (the
	 * daily extend and its repairs), leaving out those people's swaps and covers gave:
	 * the measure of the assigner itself.
	 */
	double schedulerPreferredShare() {
		double hours = this.people.stream().mapToDouble(p -> p.hours() - p.requestHours()).sum();
		double preferred = this.people.stream().mapToDouble(p -> p.preferredHours() - p.requestPreferredHours()).sum();
		return hours == 0 ? 0 : preferred / hours;
	}

	/**
	 * The most hours the people could have held in their preferred slots if each held the
	 * same hours (their mean) and each slot kept the hours these people held in it: a
	 * maximum flow from people (capacity: the mean) through their preferences to slots
	 * (capacity: the slot's hours), as a share of all their hours. "Where the roster
	 * allows it": a preferred share above this needs uneven loads.
	 */
	double preferredShareBound() {
		Map<String, Double> slotHours = this.slotHours;
		List<String> slots = new ArrayList<>(slotHours.keySet());
		int n = this.people.size();
		int m = slots.size();
		double total = slotHours.values().stream().mapToDouble(Double::doubleValue).sum();
		if (n == 0 || total == 0) {
			return 0;
		}
		double each = total / n;
		// Nodes: 0 source, 1..n people, n+1..n+m slots, n+m+1 sink.
		int size = n + m + 2;
		double[][] capacity = new double[size][size];
		for (int i = 0; i < n; i++) {
			capacity[0][1 + i] = each;
			List<String> preferred = this.people.get(i).person().preferred.lastEntry().getValue();
			for (int j = 0; j < m; j++) {
				if (preferred.contains(slots.get(j))) {
					capacity[1 + i][1 + n + j] = Double.MAX_VALUE;
				}
			}
		}
		for (int j = 0; j < m; j++) {
			capacity[1 + n + j][size - 1] = slotHours.get(slots.get(j));
		}
		double flow = 0;
		while (true) {
			int[] parent = new int[size];
			java.util.Arrays.fill(parent, -1);
			parent[0] = 0;
			java.util.ArrayDeque<Integer> queue = new java.util.ArrayDeque<>(List.of(0));
			while (!queue.isEmpty() && parent[size - 1] < 0) {
				int u = queue.poll();
				for (int v = 0; v < size; v++) {
					if (parent[v] < 0 && capacity[u][v] > 1e-9) {
						parent[v] = u;
						queue.add(v);
					}
				}
			}
			if (parent[size - 1] < 0) {
				return flow / total;
			}
			double push = Double.MAX_VALUE;
			for (int v = size - 1; v != 0; v = parent[v]) {
				push = Math.min(push, capacity[parent[v]][v]);
			}
			for (int v = size - 1; v != 0; v = parent[v]) {
				capacity[parent[v]][v] -= push;
				capacity[v][parent[v]] += push;
			}
			flow += push;
		}
	}

	/** {@link FairnessFigures} of {@link PersonYear#schedulerWeighted()}. */
	FairnessFigures schedulerWeighted() {
		return FairnessFigures.of(this.people.stream().mapToDouble(PersonYear::schedulerWeighted).toArray());
	}

	int blocksMin() {
		return this.people.stream().mapToInt(PersonYear::blocks).min().orElse(0);
	}

	int blocksMax() {
		return this.people.stream().mapToInt(PersonYear::blocks).max().orElse(0);
	}

	double blocksMean() {
		return this.people.stream().mapToInt(PersonYear::blocks).average().orElse(0);
	}

	double holidayHoursTotal() {
		return this.people.stream().mapToDouble(PersonYear::holidayHours).sum();
	}

}
