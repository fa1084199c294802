package com.example.imoc.incident;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The availability charts as plain shapes, laid out here and drawn as inline SVG by the
 * templates: no script, no charting library, nothing from a CDN.
 */
final class Charts {

	static final int WIDTH = 720;

	static final int HEIGHT = 240;

	private static final int LEFT = 56;

	private static final int RIGHT = 12;

	private static final int TOP = 12;

	private static final int BOTTOM = 36;

	private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yy", Locale.ENGLISH);

	private Charts() {
	}

	record Bar(double x, double y, double width, double height, String cssClass, String title) {
	}

	record Label(double x, double y, String text) {
	}

	record Line(double x1, double y1, double x2, double y2, String cssClass, String text) {
	}

	/** Bars of the monthly platform figure against horizontal goal and SLA lines. */
	record HistoryChart(int width, int height, List<Bar> bars, List<Line> lines, List<Label> xLabels,
			List<Label> yLabels) {
	}

	/**
	 * The error budget left at the end of each day, against an even burn down to zero.
	 */
	record BurnChart(int width, int height, String points, List<Line> lines, List<Label> xLabels, List<Label> yLabels) {
	}

	static HistoryChart history(List<Availability.HistoryPoint> points, double goal, double sla) {
		double lowest = Math.min(sla, points.stream().mapToDouble(Availability.HistoryPoint::platform).min().orElse(1));
		double low = Math.floor(lowest * 1000 - 1) / 1000;
		double plotWidth = WIDTH - LEFT - RIGHT;
		double step = points.isEmpty() ? plotWidth : plotWidth / points.size();
		List<Bar> bars = new ArrayList<>();
		List<Label> xLabels = new ArrayList<>();
		for (int i = 0; i < points.size(); i++) {
			Availability.HistoryPoint point = points.get(i);
			double x = LEFT + i * step + step * 0.15;
			double y = y(Math.max(point.platform(), low), low, 1);
			String css = "bar" + (point.published() ? " published" : " computed")
					+ (point.platform() < goal ? " below-goal" : "");
			bars.add(new Bar(round(x), round(y), round(step * 0.7), round(HEIGHT - BOTTOM - y), css,
					MONTH.format(point.month()) + ": " + percent(point.platform())
							+ (point.published() ? " (published)" : " (computed)")));
			if (i % 3 == (points.size() - 1) % 3) {
				xLabels.add(new Label(round(x + step * 0.35), HEIGHT - BOTTOM + 16, MONTH.format(point.month())));
			}
		}
		List<Line> lines = List.of(horizontal(goal, low, 1, "goal", "goal " + percent(goal)),
				horizontal(sla, low, 1, "sla", "SLA " + percent(sla)));
		List<Label> yLabels = List.of(new Label(LEFT - 6, round(y(1, low, 1)) + 4, "100 %"),
				new Label(LEFT - 6, round(y(low, low, 1)) + 4, percent(low)));
		return new HistoryChart(WIDTH, HEIGHT, bars, lines, xLabels, yLabels);
	}

	static BurnChart burn(List<Double> left, double budget, int days) {
		double low = Math.min(0, left.stream().mapToDouble(Double::doubleValue).min().orElse(0));
		double high = Math.max(budget, 1);
		double plotWidth = WIDTH - LEFT - RIGHT;
		StringBuilder points = new StringBuilder().append(LEFT).append(',').append(round(y(budget, low, high)));
		for (int day = 1; day <= left.size(); day++) {
			points.append(' ')
				.append(round(LEFT + plotWidth * day / days))
				.append(',')
				.append(round(y(left.get(day - 1), low, high)));
		}
		List<Line> lines = List.of(
				new Line(LEFT, round(y(budget, low, high)), WIDTH - RIGHT, round(y(0, low, high)), "even", "even burn"),
				new Line(LEFT, round(y(0, low, high)), WIDTH - RIGHT, round(y(0, low, high)), "zero", "budget spent"));
		List<Label> xLabels = new ArrayList<>();
		for (int day = 1; day <= days; day += 7) {
			xLabels.add(new Label(round(LEFT + plotWidth * (day - 0.5) / days), HEIGHT - BOTTOM + 16, "day " + day));
		}
		List<Label> yLabels = List.of(new Label(LEFT - 6, round(y(budget, low, high)) + 4, minutes(budget)),
				new Label(LEFT - 6, round(y(0, low, high)) + 4, "0"));
		return new BurnChart(WIDTH, HEIGHT, points.toString(), lines, xLabels, yLabels);
	}

	private static Line horizontal(double value, double low, double high, String css, String text) {
		double y = round(y(value, low, high));
		return new Line(LEFT, y, WIDTH - RIGHT, y, css, text);
	}

	private static double y(double value, double low, double high) {
		double plotHeight = HEIGHT - TOP - BOTTOM;
		return TOP + plotHeight * (high - value) / (high - low);
	}

	private static double round(double value) {
		return Math.round(value * 10) / 10.0;
	}

	static String percent(double fraction) {
		return String.format(Locale.ROOT, "%.3f %%", fraction * 100);
	}

	static String minutes(double minutes) {
		return String.format(Locale.ROOT, "%.1f min", minutes);
	}

}
