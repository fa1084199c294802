package com.example.imoc.browser;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * What the journeys read off the pages: shift rows on My shifts, cells of a rotation's
 * grid. Kept apart from the journeys so that these read as steps a person takes.
 */
final class Pages {

	/**
	 * People some journey relies on; other journeys do not pick them as counterparts or
	 * takers.
	 */
	static final Set<String> RESERVED = Set.of("Jane Doe", "Priya Raman", "Emily Davis", "John Smith", "David Okafor",
			"Grace Mwangi", "Hiroshi Sato", "Min-jun Park", "Maria Alvarez", "Lars Nielsen", "Arjun Mehta", "Mei Chen");

	private Pages() {
	}

	/**
	 * A row of the "Upcoming" table on My shifts: its shift id and what its cells say.
	 */
	record ShiftRow(long id, String when, LocalDate date, String slot, WebElement element) {

		static ShiftRow of(WebElement row) {
			long id = Long.parseLong(row.getAttribute("id").substring("shift-".length()));
			List<WebElement> cells = row.findElements(By.tagName("td"));
			String[] rotationTime = cells.get(1).getText().split(" ");
			return new ShiftRow(id, cells.get(0).getText(), LocalDate.parse(rotationTime[0]), rotationTime[1], row);
		}

	}

	/**
	 * The people shown in a rotation grid's cell for a date (rotation zone) and slot
	 * label, or "–". The grid is switched to the rotation's zone first (it opens in the
	 * reader's).
	 */
	static String cell(BrowserTest page, LocalDate date, String slot) {
		String url = page.driver.getCurrentUrl();
		if (!url.contains("zone=rotation")) {
			page.open(URI.create(url).getPath() + "?"
					+ (URI.create(url).getQuery() == null ? "" : URI.create(url).getQuery() + "&") + "zone=rotation");
		}
		LocalDate start = firstDay(page);
		int row = (int) (date.toEpochDay() - start.toEpochDay());
		List<WebElement> headers = page.findAll("table.grid thead th");
		int column = -1;
		for (int i = 0; i < headers.size(); i++) {
			if (headers.get(i).getText().trim().equals(slot)) {
				column = i;
			}
		}
		if (row < 0 || column < 1) {
			throw new AssertionError("No cell for " + date + " " + slot + " in the grid from " + start);
		}
		WebElement tr = page.findAll("table.grid tbody tr").get(row);
		return tr.findElements(By.cssSelector("th, td")).get(column).getText();
	}

	/** The first day of the rotation grid on the page. */
	static LocalDate firstDay(BrowserTest page) {
		return LocalDate.parse(page.find("table.grid").getAttribute("data-from"));
	}

}
