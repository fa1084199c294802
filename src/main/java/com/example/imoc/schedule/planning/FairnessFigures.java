package com.example.imoc.schedule.planning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How evenly a load (hours, weighted hours, weekend hours …) is spread over people, as
 * the figures other on-call tools publish, so a coordinator can compare like with like.
 * Plain Java, one place for every caller (the schedule health report and the year-long
 * simulation).
 *
 * <ul>
 * <li>{@code gini}: the Gini coefficient, the mean absolute difference between two
 * people's loads divided by twice the mean load; 0 is perfectly even, 1 is one person
 * carrying everything.</li>
 * <li>{@code balance}: the mean over all pairs of people of {@code min / max} of their
 * two loads, as Grafana OnCall's schedule quality score defines it (a pair where both
 * carry nothing counts as 1); 1 is perfectly even.</li>
 * <li>{@code equity}: {@code 100 − 100 · sd / mean} with the population standard
 * deviation, as PagerDuty defines it; 100 is perfectly even.</li>
 * <li>{@code maxOverMean}: the heaviest load divided by the mean; {@link #outliers} are
 * those above {@link #OUTLIER_FACTOR} times the mean.</li>
 * </ul>
 * With no people, or nobody carrying anything, every figure reads as perfectly even.
 */
public record FairnessFigures(int people, double mean, double max, double gini, double balance, double equity,
		double maxOverMean, List<Integer> outliers) {

	/** A load above this many times the mean is an outlier. */
	public static final double OUTLIER_FACTOR = 1.25;

	public FairnessFigures {
		outliers = List.copyOf(outliers);
	}

	/**
	 * The figures of {@code loads}, one value per person; {@link #outliers} are indexes
	 * into it.
	 */
	public static FairnessFigures of(double[] loads) {
		int n = loads.length;
		double total = 0;
		double max = 0;
		for (double load : loads) {
			if (load < 0 || Double.isNaN(load) || Double.isInfinite(load)) {
				throw new IllegalArgumentException("a load must be a finite number >= 0, was " + load);
			}
			total += load;
			max = Math.max(max, load);
		}
		if (n == 0 || total == 0) {
			return new FairnessFigures(n, 0, 0, 0, 1, 100, n == 0 ? 0 : 1, List.of());
		}
		double mean = total / n;
		double[] sorted = loads.clone();
		Arrays.sort(sorted);
		// Sorted ascending, the sum of |x_i - x_j| over all ordered pairs is 2 * sum_i
		// (2i - n + 1) * x_i (i from 0).
		double weighted = 0;
		for (int i = 0; i < n; i++) {
			weighted += (2.0 * i - n + 1) * sorted[i];
		}
		double gini = weighted / (n * (double) n * mean);
		double balance = 1;
		if (n > 1) {
			double sum = 0;
			for (int i = 0; i < n; i++) {
				for (int j = i + 1; j < n; j++) {
					double high = Math.max(loads[i], loads[j]);
					sum += high == 0 ? 1 : Math.min(loads[i], loads[j]) / high;
				}
			}
			balance = sum / (n * (n - 1) / 2.0);
		}
		double squares = 0;
		for (double load : loads) {
			squares += (load - mean) * (load - mean);
		}
		double equity = 100 - 100 * Math.sqrt(squares / n) / mean;
		List<Integer> outliers = new ArrayList<>();
		for (int i = 0; i < n; i++) {
			if (loads[i] > OUTLIER_FACTOR * mean) {
				outliers.add(i);
			}
		}
		return new FairnessFigures(n, mean, max, gini, balance, equity, max / mean, outliers);
	}

}
