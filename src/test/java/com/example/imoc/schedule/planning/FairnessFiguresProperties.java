package com.example.imoc.schedule.planning;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The fairness figures match their published definitions. */
class FairnessFiguresProperties {

	@Test
	void anEvenLoadIsPerfectlyFair() {
		FairnessFigures figures = FairnessFigures.of(new double[] { 24, 24, 24, 24 });
		assertThat(figures.gini()).isEqualTo(0);
		assertThat(figures.balance()).isEqualTo(1);
		assertThat(figures.equity()).isEqualTo(100);
		assertThat(figures.maxOverMean()).isEqualTo(1);
		assertThat(figures.outliers()).isEmpty();
	}

	@Test
	void aWorkedExampleGivesTheTextbookFigures() {
		// Loads 10, 20, 30, 60: mean 30; mean absolute difference over ordered pairs = 2
		// * (10+20+50+10+40+30) / 16 = 20,
		// so Gini = 20 / (2 * 30) = 1/3; pairs min/max: 1/2, 1/3, 1/6, 2/3, 1/3, 1/2 ->
		// mean 0.41666…;
		// population sd = sqrt((400 + 100 + 0 + 900) / 4) = 18.708…, equity = 100 -
		// 62.36… = 37.64…
		FairnessFigures figures = FairnessFigures.of(new double[] { 10, 20, 30, 60 });
		assertThat(figures.mean()).isEqualTo(30);
		assertThat(figures.gini()).isCloseTo(1.0 / 3, within(1e-12));
		assertThat(figures.balance()).isCloseTo(2.5 / 6, within(1e-12));
		assertThat(figures.equity()).isCloseTo(100 - 100 * Math.sqrt(350) / 30, within(1e-9));
		assertThat(figures.maxOverMean()).isEqualTo(2);
		assertThat(figures.outliers()).containsExactly(3);
	}

	@Test
	void nobodyOrNoLoadReadsAsEven() {
		assertThat(FairnessFigures.of(new double[0]).gini()).isZero();
		FairnessFigures idle = FairnessFigures.of(new double[] { 0, 0 });
		assertThat(idle.balance()).isEqualTo(1);
		assertThat(idle.equity()).isEqualTo(100);
	}

	@Property(tries = 200)
	void oneCarrierOfEverythingHasTheMaximumGini(@ForAll @IntRange(min = 1, max = 200) int people,
			@ForAll @DoubleRange(min = 0.5, max = 1000) double load) {
		double[] loads = new double[people];
		loads[people - 1] = load;
		assertThat(FairnessFigures.of(loads).gini()).isCloseTo((people - 1) / (double) people, within(1e-9));
	}

	@Property(tries = 300)
	void giniEqualsTheMeanAbsoluteDifferenceOverTwiceTheMean(
			@ForAll @Size(min = 1, max = 40) List<@DoubleRange(min = 0, max = 500) Double> values) {
		double[] loads = values.stream().mapToDouble(Double::doubleValue).toArray();
		double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(0);
		FairnessFigures figures = FairnessFigures.of(loads);
		if (mean == 0) {
			assertThat(figures.gini()).isZero();
			return;
		}
		double sum = 0;
		for (double a : loads) {
			for (double b : loads) {
				sum += Math.abs(a - b);
			}
		}
		double n = loads.length;
		assertThat(figures.gini()).isCloseTo(sum / (n * n) / (2 * mean), within(1e-9));
		assertThat(figures.gini()).isBetween(0.0, 1.0);
		assertThat(figures.balance()).isBetween(0.0, 1.0);
		assertThat(figures.equity()).isLessThanOrEqualTo(100.0 + 1e-9);
		assertThat(figures.maxOverMean()).isGreaterThanOrEqualTo(1.0 - 1e-12);
		for (int i : figures.outliers()) {
			assertThat(loads[i]).isGreaterThan(FairnessFigures.OUTLIER_FACTOR * mean);
		}
	}

}
