package com.example.imoc.incident;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The availability chart's geometry: the goal and SLA labels sit beside the plot, never
 * on a bar and never on each other, the value axis's labels fit left of it, and months
 * with nothing recorded say so instead of showing a full bar.
 */
class ChartsTests {

	static final double GOAL = 0.9995;

	static final double SLA = 0.999;

	@Test
	void theGoalAndSlaLabelsNeverCoverABarNorEachOther() {
		for (double last : new double[] { 1.0, GOAL, SLA, 0.9985, 0.95 }) {
			List<Availability.HistoryPoint> points = new ArrayList<>();
			for (int i = 0; i < 24; i++) {
				points.add(new Availability.HistoryPoint(YearMonth.of(2025, 1).plusMonths(i), i == 23 ? last : 0.9996,
						i < 12, true));
			}
			Charts.HistoryChart chart = Charts.history(points, GOAL, SLA);
			assertThat(chart.ruleLabels()).hasSize(2);
			for (Charts.Label label : chart.ruleLabels()) {
				for (Charts.Bar bar : chart.bars()) {
					boolean apart = label.x() >= bar.x() + bar.width() || label.y() - 11 >= bar.y() + bar.height()
							|| label.y() + 2 <= bar.y();
					assertThat(apart).as("%s clear of the bar %s (last month %s)", label, bar, last).isTrue();
				}
				assertThat(label.x() + Charts.width(label)).as("%s inside the chart", label)
					.isLessThanOrEqualTo(chart.width());
				assertThat(label.y() - 11).isGreaterThanOrEqualTo(0);
			}
			Charts.Label upper = chart.ruleLabels().get(0);
			Charts.Label lower = chart.ruleLabels().get(1);
			// positions are rounded to tenths of a pixel
			assertThat(lower.y() - upper.y() + 0.05).as("goal and SLA labels apart")
				.isGreaterThanOrEqualTo(Charts.LINE_HEIGHT);
			assertThat(upper.text()).startsWith("goal");
		}
	}

	@Test
	void theValueAxisLabelsAreNotCut() {
		List<Availability.HistoryPoint> points = List
			.of(new Availability.HistoryPoint(YearMonth.of(2026, 1), 0.9812, false, true));
		Charts.HistoryChart chart = Charts.history(points, GOAL, SLA);
		for (Charts.Label label : chart.yLabels()) {
			// end-anchored: the text runs leftwards from x
			assertThat(label.x() - Charts.width(label)).as("%s fits", label).isGreaterThanOrEqualTo(0);
		}
		assertThat(chart.yLabels()).extracting(Charts.Label::text).contains("98.000 %");
		Charts.BurnChart burn = Charts.burn(List.of(12.0, 8.0), 21.6, 30);
		for (Charts.Label label : burn.yLabels()) {
			assertThat(label.x() - Charts.width(label)).as("%s fits", label).isGreaterThanOrEqualTo(0);
		}
	}

	@Test
	void monthsWithNothingRecordedSayNoDataInsteadOfAFullBar() {
		List<Availability.HistoryPoint> points = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			boolean recorded = i >= 6;
			points.add(new Availability.HistoryPoint(YearMonth.of(2025, 1).plusMonths(i),
					recorded ? 0.9997 : Double.NaN, false, recorded));
		}
		Charts.HistoryChart chart = Charts.history(points, GOAL, SLA);
		assertThat(chart.bars()).hasSize(18);
		assertThat(chart.bars()).noneMatch(bar -> bar.title().startsWith("Jan 25") || bar.title().contains("NaN"));
		assertThat(chart.noData()).singleElement().satisfies(label -> {
			assertThat(label.text()).isEqualTo("no data");
			double firstBar = chart.bars().get(0).x();
			assertThat(label.x() - Charts.width(label) / 2).isGreaterThanOrEqualTo(Charts.LEFT);
			assertThat(label.x() + Charts.width(label) / 2).isLessThanOrEqualTo(firstBar);
		});
		assertThat(chart.yLabels()).extracting(Charts.Label::text).doesNotContain("NaN %");
	}

	@Test
	void aLoneMonthWithNothingRecordedIsMarkedWithoutSpillingOntoItsNeighbours() {
		List<Availability.HistoryPoint> points = new ArrayList<>();
		points.add(new Availability.HistoryPoint(YearMonth.of(2025, 1), Double.NaN, false, false));
		for (int i = 1; i < 24; i++) {
			points.add(new Availability.HistoryPoint(YearMonth.of(2025, 1).plusMonths(i), 0.9997, false, true));
		}
		Charts.HistoryChart chart = Charts.history(points, GOAL, SLA);
		Charts.Label mark = chart.noData().get(0);
		assertThat(mark.x() + Charts.width(mark) / 2).isLessThanOrEqualTo(chart.bars().get(0).x());
	}

}
