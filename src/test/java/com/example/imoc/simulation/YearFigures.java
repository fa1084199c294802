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

/**
 * The fairness figures of a run, over the people active the whole period (in the rotation
 * and live from the first day to the last): their hours, weekend and holiday hours,
 * blocks and preferred-slot share, and how evenly the weighted hours are spread
 * ({@link FairnessFigures}: Gini, balance, equity, max/mean, outliers).
 */
record YearFigures(List<PersonYear> people, FairnessFigures weighted, FairnessFigures hours,
		FairnessFigures weekendHours, double preferredShare, double gapHours, double totalHours) {

	/**
	 * One person's year. {@code blocks} counts the (block, slot) pairs they held any part
	 * of.
	 */
	record PersonYear(SimPerson person, double hours, double weekendHours, double holidayHours, int blocks,
			double preferredHours) {

		/**
		 * The load the fairness figures compare: weekend hours count 1.5 times, as the
		 * assigner weighs them (ARCHITECTURE.md, "The schedule").
		 */
		double weighted() {
			return this.hours + 0.5 * this.weekendHours + 0.5 * this.holidayHours;
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
			double[] sum = totals.computeIfAbsent(person.id, k -> new double[4]);
			sum[0] += row.hours();
			WorkCalendar.Hours off = calendars.getOrDefault(person.id, WorkCalendar.of(person.zone, Set.of()))
				.hours(row.start(), row.end());
			sum[1] += off.weekendHours();
			sum[2] += off.holidayHours();
			if (person.preferredAt(row.start()).contains(row.slot())) {
				sum[3] += row.hours();
			}
			long block = Math.floorDiv(ChronoUnit.DAYS.between(rotation.anchor(), row.date()), rotation.blockDays());
			blocks.computeIfAbsent(person.id, k -> new HashSet<>()).add(block + " " + row.slot());
		}
		List<PersonYear> people = new ArrayList<>();
		for (SimPerson person : simulation.people().values()) {
			if (person.steady) {
				double[] sum = totals.getOrDefault(person.id, new double[4]);
				people.add(new PersonYear(person, sum[0], sum[1], sum[2],
						blocks.getOrDefault(person.id, Set.of()).size(), sum[3]));
			}
		}
		double hours = people.stream().mapToDouble(PersonYear::hours).sum();
		double preferred = people.stream().mapToDouble(PersonYear::preferredHours).sum();
		return new YearFigures(List.copyOf(people),
				FairnessFigures.of(people.stream().mapToDouble(PersonYear::weighted).toArray()),
				FairnessFigures.of(people.stream().mapToDouble(PersonYear::hours).toArray()),
				FairnessFigures.of(people.stream().mapToDouble(PersonYear::weekendHours).toArray()),
				hours == 0 ? 0 : preferred / hours, gapHours, totalHours);
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
