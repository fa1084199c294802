package com.example.imoc.incident;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The availability charts as plain shapes, laid out here and drawn as inline SVG by the
 * templates: no script, no charting library, nothing from a CDN.
 */
final class Charts {

	static final int WIDTH = 720;

	static final int HEIGHT = 240;

	/** Room for the value axis's labels ("99.800 %") left of the plot. */
	static final int LEFT = 64;

	/**
	 * Room for the goal and SLA labels right of the plot, where no bar is: "goal 99.950
	 * %" fits.
	 */
	static final int RIGHT = 100;

	/** What a run of months with nothing recorded says in place of bars. */
	static final String NO_DATA = "no data";

	/**
	 * The burn chart's lines are labelled by its caption, so its plot runs to the edge.
	 */
	private static final int BURN_RIGHT = 12;

	/** The width of a character of the charts' 11 px labels, rounded up. */
	static final double CHARACTER_WIDTH = 6.5;

	/** The height of a label line, with the gap two labels keep between them. */
	static final double LINE_HEIGHT = 13;

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

	/**
	 * Bars of the monthly platform figure against horizontal goal and SLA lines, labelled
	 * beside the plot ({@code ruleLabels}, start-anchored); months with nothing recorded
	 * say so in place of a bar ({@code noData}, centred).
	 */
	record HistoryChart(int width, int height, List<Bar> bars, List<Line> lines, List<Label> ruleLabels,
			List<Label> noData, List<Label> xLabels, List<Label> yLabels) {
	}

	/**
	 * The error budget left at the end of each day, against an even burn down to zero.
	 */
	record BurnChart(int width, int height, String points, List<Line> lines, List<Label> xLabels, List<Label> yLabels) {
	}

	static HistoryChart history(List<Availability.HistoryPoint> points, double goal, double sla) {
		double lowest = Math.min(sla,
				points.stream()
					.filter(Availability.HistoryPoint::recorded)
					.mapToDouble(Availability.HistoryPoint::platform)
					.min()
					.orElse(1));
		double low = Math.floor(lowest * 1000 - 1) / 1000;
		double plotWidth = WIDTH - LEFT - RIGHT;
		double step = points.isEmpty() ? plotWidth : plotWidth / points.size();
		List<Bar> bars = new ArrayList<>();
		List<Label> noData = new ArrayList<>();
		List<Label> xLabels = new ArrayList<>();
		for (int i = 0; i < points.size(); i++) {
			Availability.HistoryPoint point = points.get(i);
			double x = LEFT + i * step + step * 0.15;
			if (!point.recorded()) {
				boolean runStarts = i == 0 || points.get(i - 1).recorded();
				if (runStarts) {
					int end = i;
					while (end + 1 < points.size() && !points.get(end + 1).recorded()) {
						end++;
					}
					double centre = LEFT + (i + end + 1) * step / 2;
					String text = (end + 1 - i) * step >= NO_DATA.length() * CHARACTER_WIDTH ? NO_DATA : "–";
					noData.add(new Label(round(centre), HEIGHT - BOTTOM - 4, text));
				}
			}
			else {
				double y = y(Math.max(point.platform(), low), low, 1);
				String css = "bar" + (point.published() ? " published" : " computed")
						+ (point.platform() < goal ? " below-goal" : "");
				bars.add(new Bar(round(x), round(y), round(step * 0.7), round(HEIGHT - BOTTOM - y), css,
						MONTH.format(point.month()) + ": " + percent(point.platform())
								+ (point.published() ? " (published)" : " (computed)")));
			}
			if (i % 3 == (points.size() - 1) % 3) {
				xLabels.add(new Label(round(x + step * 0.35), HEIGHT - BOTTOM + 16, MONTH.format(point.month())));
			}
		}
		List<Line> lines = List.of(horizontal(goal, low, 1, "goal", "goal " + percent(goal)),
				horizontal(sla, low, 1, "sla", "SLA " + percent(sla)));
		List<Label> yLabels = List.of(new Label(LEFT - 6, round(y(1, low, 1)) + 4, "100 %"),
				new Label(LEFT - 6, round(y(low, low, 1)) + 4, percent(low)));
		return new HistoryChart(WIDTH, HEIGHT, bars, lines, ruleLabels(lines), noData, xLabels, yLabels);
	}

	/**
	 * The rules' labels right of the plot, level with their line, pushed apart (upper one
	 * up, lower one down) when the lines lie closer than a label is high.
	 */
	private static List<Label> ruleLabels(List<Line> lines) {
		List<Line> topDown = lines.stream().sorted(Comparator.comparingDouble(Line::y1)).toList();
		double[] ys = topDown.stream().mapToDouble(l -> l.y1() + 4).toArray();
		for (int i = 1; i < ys.length; i++) {
			double overlap = LINE_HEIGHT - (ys[i] - ys[i - 1]);
			if (overlap > 0) {
				ys[i - 1] -= overlap / 2;
				ys[i] += overlap / 2;
			}
		}
		List<Label> labels = new ArrayList<>();
		for (int i = 0; i < ys.length; i++) {
			labels.add(new Label(WIDTH - RIGHT + 6, round(Math.max(TOP, Math.min(HEIGHT - BOTTOM, ys[i]))),
					topDown.get(i).text()));
		}
		return labels;
	}

	/** How wide a label of the charts is drawn, at most. */
	static double width(Label label) {
		return label.text().length() * CHARACTER_WIDTH;
	}

	static BurnChart burn(List<Double> left, double budget, int days) {
		double low = Math.min(0, left.stream().mapToDouble(Double::doubleValue).min().orElse(0));
		double high = Math.max(budget, 1);
		double plotWidth = WIDTH - LEFT - BURN_RIGHT;
		StringBuilder points = new StringBuilder().append(LEFT).append(',').append(round(y(budget, low, high)));
		for (int day = 1; day <= left.size(); day++) {
			points.append(' ')
				.append(round(LEFT + plotWidth * day / days))
				.append(',')
				.append(round(y(left.get(day - 1), low, high)));
		}
		List<Line> lines = List.of(
				new Line(LEFT, round(y(budget, low, high)), WIDTH - BURN_RIGHT, round(y(0, low, high)), "even",
						"even burn"),
				new Line(LEFT, round(y(0, low, high)), WIDTH - BURN_RIGHT, round(y(0, low, high)), "zero",
						"budget spent"));
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
