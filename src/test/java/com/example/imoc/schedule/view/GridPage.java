package com.example.imoc.schedule.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.example.imoc.database.DataChanges;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rendered rotation page read the way a person reads it: its rows of days and, in a
 * row, the part of a shift (by its id) with its hours, owner and marks.
 */
record GridPage(String html) {

	/**
	 * The grid's or the month's rows, each the markup of one {@code
	 *
	<tr>
	 * }.
	 */
	List<String> rows() {
		int body = this.html.indexOf("<tbody>");
		assertThat(body).as("the page has a grid").isNotNegative();
		String rows = this.html.substring(body, this.html.indexOf("</tbody>", body));
		List<String> found = new ArrayList<>();
		for (String row : rows.split("<tr")) {
			if (row.contains("</tr>")) {
				found.add(row);
			}
		}
		return found;
	}

	/** The labels of the days shown, in order ("Mon 30 Nov"). */
	List<String> dayLabels() {
		List<String> labels = new ArrayList<>();
		for (String row : rows()) {
			for (String cell : row.split("<span>")) {
				if (cell.matches("(?s)^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \\d{1,2} [A-Z][a-z]{2}</span>.*")) {
					labels.add(cell.substring(0, cell.indexOf("</span>")));
				}
			}
		}
		return labels;
	}

	/** The row of a day in the week views. */
	String row(String dayLabel) {
		return rows().stream()
			.filter(r -> r.contains("<span>" + dayLabel + "</span>"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no row for " + dayLabel + " in\n" + this.html));
	}

	/** The part of shift {@code shiftId} shown on a day, if it shows there. */
	Optional<String> part(String dayLabel, long shiftId) {
		String row = row(dayLabel);
		int at = row.indexOf("data-shift=\"" + shiftId + "\"");
		if (at < 0) {
			return Optional.empty();
		}
		int start = row.lastIndexOf("<div", at);
		return Optional.of(row.substring(start, row.indexOf("</div>", at)));
	}

	String requirePart(String dayLabel, long shiftId) {
		return part(dayLabel, shiftId)
			.orElseThrow(() -> new AssertionError("shift " + shiftId + " not on " + dayLabel + ":\n" + row(dayLabel)));
	}

	/** The cell (one slot of one day) holding shift {@code shiftId}. */
	String cellOf(String dayLabel, long shiftId) {
		String row = row(dayLabel);
		int at = row.indexOf("data-shift=\"" + shiftId + "\"");
		assertThat(at).as("shift " + shiftId + " on " + dayLabel).isNotNegative();
		return row.substring(row.lastIndexOf("<td", at), row.indexOf("</td>", at));
	}

	/**
	 * Waits until no data-change notification has moved the generation for half a second:
	 * the set-up's own writes are announced asynchronously too, and one arriving between
	 * two views would give the second a new grid for reasons the test is not about.
	 */
	static void quiet(DataChanges changes) throws InterruptedException {
		long stamp = changes.stamp();
		for (int i = 0; i < 100; i++) {
			Thread.sleep(500);
			long now = changes.stamp();
			if (now == stamp && now >= 0) {
				return;
			}
			stamp = now;
		}
		throw new AssertionError("the data generation never stood still");
	}

	static String hours(String part) {
		int at = part.indexOf("<span class=\"hours\">") + "<span class=\"hours\">".length();
		return part.substring(at, part.indexOf("</span>", at));
	}

	static String owner(String part) {
		int at = part.indexOf(">", part.indexOf("<span class=\"owner\"")) + 1;
		return part.substring(at, part.indexOf("</span>", at));
	}

	static String classes(String part) {
		int at = part.indexOf("class=\"") + "class=\"".length();
		return part.substring(at, part.indexOf('"', at));
	}

}
